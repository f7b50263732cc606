package org.trialsim.cohort;

/**
 * Choices between two values without a branch, for the sampler's loops over patients where the condition
 * is random data (a response, a stratum, an arm): a branch on such data is mispredicted about as often as
 * the rarer outcome occurs and costs some 15-20 cycles each time, more than the arithmetic of both sides.
 * HotSpot's C2 compiles a conditional choice of doubles to a jump on x86, and a boolean turned into a mask
 * by a conditional to a jump or not depending on the branch profile, so the comparison is made here by the
 * sign of a difference and the choice on the raw IEEE 754 bits under a mask (Warren HS. Hacker's Delight,
 * 2nd ed. Addison-Wesley 2012, sections 2-12 and 2-20). Results are the chosen value bit for bit. A
 * comparison stored as a boolean ({@code b[i] = x < y}) needs none of this: C2 compiles it to a
 * set-on-condition instruction; it is the choice between two values ({@code c ? x : y}) that becomes a jump
 * (measured: a block of two drawn with {@code c ? first : second} cost 2.5x the arithmetic form). Public for
 * the other per-patient loops (endpoint extraction) that choose on random data.
 */
public final class BitSelect {

    private BitSelect() {
    }

    /**
     * All ones if {@code x < y}, else 0, from the sign bit of x - y: x - y is negative exactly when x &lt; y, for
     * x and y not NaN, not both the same infinity, and not x = -0 with y = +0 (with gradual underflow a
     * difference is zero only when x == y, and then it is +0 except for -0 - +0; a finite x minus +Infinity is
     * -Infinity). Callers guarantee that (their x is a uniform, an exponential or a time, never -0): a NaN
     * difference has no reliable sign (x86 makes a negative one). The comparison a branch would test, as a
     * mask with no branch.
     */
    public static long below(double x, double y) {
        return Double.doubleToRawLongBits(x - y) >> 63;
    }

    /** {@code a} where {@code mask} is all ones, {@code b} where it is 0. */
    public static double choose(long mask, double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & mask)
                | (Double.doubleToRawLongBits(b) & ~mask));
    }

    /** A uniform on [0, 1) from 64 random bits, as commons-rng's {@code nextDouble} (the top 53 bits). */
    static double uniform(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
