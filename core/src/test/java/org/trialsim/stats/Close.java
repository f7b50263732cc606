package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions with a relative tolerance and a tiny absolute floor (for references that are 0 up to rounding). */
final class Close {

    /** Absolute floor: R prints values such as 2.7e-32 for statistics that are exactly 0. */
    private static final double FLOOR = 1e-14;

    private Close() {
    }

    /** The chi-square (1 df) statistic of a signed z statistic, {@code z^2}. */
    static double square(double z) {
        return z * z;
    }

    static void assertRelative(double expected, double actual, double relative, String what) {
        assertTrue(Double.isFinite(actual), () -> what + ": not finite: " + actual);
        final double error = Math.abs(actual - expected);
        assertTrue(error <= relative * Math.abs(expected) + FLOOR,
            () -> what + ": expected " + expected + " but was " + actual + " (relative error "
                + error / Math.abs(expected) + ", allowed " + relative + ")");
    }
}
