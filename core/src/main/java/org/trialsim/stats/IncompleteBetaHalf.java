package org.trialsim.stats;

/**
 * The regularized incomplete beta function {@code I_x(a, 1/2)} with {@code a = v/2}, {@code x = v/(v + s)},
 * which is {@code 2 P(T > sqrt(s))} for Student's t with {@code v} degrees of freedom, evaluated without
 * allocation and with full relative precision in both tails.
 *
 * <p>Method: the continued fraction for {@code I_x(a, b)} (Abramowitz and Stegun 26.5.8) evaluated by the
 * modified Lentz algorithm (Thompson and Barnett, J. Comput. Phys. 64, 1986; Press et al., <i>Numerical
 * Recipes</i>, 3rd ed., 2007, sections 5.2 and 6.4), applied to {@code I_x(a, b)} directly when
 * {@code x < (a + 1)/(a + b + 2)} and otherwise to the complement {@code 1 - I_{1-x}(b, a)}, where each
 * fraction converges quickly. For very large {@code a} the fraction loses accuracy near {@code x = 1}
 * (relative error about 1e-16 / (1 - x)), hence the 1e4 df limit in {@link TailProbability}. The front factor
 * {@code x^a (1-x)^b / B(a, b)} is computed in logarithms with {@code log x = -log1p(s/v)} and
 * {@code log B(a, 1/2) = log Gamma(1/2) - D(a)}, {@code D(a) = log(Gamma(a + 1/2)/Gamma(a))}. {@code D} is
 * computed without cancellation: for {@code a >= 20} from the Stirling series of the two log-gamma
 * functions taken as differences, {@code D(a) = a log1p(1/(2a)) + log(a)/2 - 1/2
 * + sum_k B_2k/(2k(2k-1)) ((a+1/2)^(1-2k) - a^(1-2k))} (Abramowitz and Stegun 6.1.40), truncated after
 * six terms (error below 1e-17); below 20 by the recurrence {@code D(a) = D(a+1) - log((a+1/2)/a)}.
 */
final class IncompleteBetaHalf {

    /** Relative convergence tolerance of the continued fraction. */
    private static final double EPSILON = 1e-16;
    /** Smallest magnitude kept by Lentz's algorithm. */
    private static final double TINY = 1e-300;
    /** Iteration cap (convergence takes about sqrt(a) steps near the switch point). */
    private static final int MAX_ITERATIONS = 1_000_000;
    /** log Gamma(1/2) = log(pi)/2. */
    private static final double LOG_GAMMA_HALF = 0.5 * Math.log(Math.PI);
    /** Stirling series coefficients B_2k / (2k (2k - 1)), k = 1..6. */
    private static final double[] STIRLING = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
        -691.0 / 360360};
    /** Below this {@code a} the recurrence shifts the argument up before the Stirling series. */
    private static final double STIRLING_MIN = 20;

    private IncompleteBetaHalf() {
    }

    /**
     * {@code I_x(v/2, 1/2)} with {@code x = v/(v + s)}.
     *
     * @param v degrees of freedom, {@code > 0}
     * @param s the squared t statistic, {@code >= 0} and finite
     * @return the value in [0, 1]
     */
    static double regularized(double v, double s) {
        if (s == 0) {
            return 1;
        }
        final double a = v / 2;
        final double b = 0.5;
        final double x = v / (v + s);
        final double y = s / (v + s);
        final double logX = -Math.log1p(s / v);
        final double logY = Math.log(y);
        final double logBeta = LOG_GAMMA_HALF - logGammaRatioHalf(a);
        final double front = Math.exp(a * logX + b * logY - logBeta);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.min(1, front * continuedFraction(x, a, b) / a);
        }
        return Math.max(0, 1 - front * continuedFraction(y, b, a) / b);
    }

    /** {@code D(a) = log(Gamma(a + 1/2) / Gamma(a))}. */
    static double logGammaRatioHalf(double a) {
        double z = a;
        double product = 1;
        while (z < STIRLING_MIN) {
            product *= (z + 0.5) / z;
            z += 1;
        }
        // Stirling: log Gamma(z) ~ (z - 1/2) log z - z + log(2 pi)/2 + sum c_k z^(1-2k); the difference at
        // z + 1/2 and z, with (z) log(z + 1/2) - z log z = z log1p(1/(2z)) kept exact
        double d = z * Math.log1p(0.5 / z) + 0.5 * Math.log(z) - 0.5;
        final double inverseHigh = 1 / (z + 0.5);
        final double inverseLow = 1 / z;
        final double inverseHigh2 = inverseHigh * inverseHigh;
        final double inverseLow2 = inverseLow * inverseLow;
        double powerHigh = inverseHigh;
        double powerLow = inverseLow;
        for (double c : STIRLING) {
            d += c * (powerHigh - powerLow);
            powerHigh *= inverseHigh2;
            powerLow *= inverseLow2;
        }
        return product == 1 ? d : d - Math.log(product);
    }

    /** The continued fraction of {@code I_x(a, b)} (without its front factor), modified Lentz. */
    private static double continuedFraction(double x, double a, double b) {
        final double qab = a + b;
        final double qap = a + 1;
        final double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            final int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            final double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) <= EPSILON) {
                break;
            }
        }
        return h;
    }
}
