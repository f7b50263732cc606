package org.trialsim.stats;

/**
 * The standard normal upper tail {@code Q(x) = P(Z > x)} by W. J. Cody's rational Chebyshev
 * approximations (Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23,
 * 1969, 631-637; the ANORM routine of Cody, ACM TOMS 19, 1993, 22-32, Algorithm 715, SPECFUN), the
 * method behind R's {@code pnorm}. Three intervals of {@code |x|}: below 0.66291 a rational function of
 * {@code x^2} for {@code Q - 1/2}; up to {@code sqrt(32)} and beyond, {@code exp(-x^2/2)} times rational
 * functions, with {@code exp(-x^2/2)} split as {@code exp(-s^2/2) exp(-(x-s)(x+s)/2)}, {@code s = x}
 * truncated to a multiple of 1/16, so that the far tail keeps full relative precision (about 1e-16).
 *
 * <p>Written out here, rather than delegated to commons-statistics' {@code NormalDistribution}, because
 * that one builds temporary double-double objects inside its error function which only disappear when
 * the JIT compiler inlines the whole call chain; this one never allocates.
 */
final class NormalTail {

    /** 1/sqrt(2 pi). */
    private static final double ONE_OVER_ROOT_TWO_PI = 3.9894228040143267794e-1;
    /** Argument at which the lower tail is 0.75: end of the first interval. */
    private static final double FIRST = 0.66291;
    /** sqrt(32): end of the second interval. */
    private static final double SECOND = 5.656854248;
    /** Beyond this the tail underflows (Cody's XLOW, 37.519, rounded up). */
    private static final double UNDERFLOW = 38.5;

    private static final double[] A = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
        18154.981253343561249, 0.065682337918207449113};
    private static final double[] B = {47.202581904688241870, 976.09855173777669322, 10260.932208618978205,
        45507.789335026729956};
    private static final double[] C = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
        597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124,
        9842.7148383839780218, 1.0765576773720192317e-8};
    private static final double[] D = {22.266688044328115691, 235.38790178262499861, 1519.3775994075548050,
        6485.5582982667607550, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
        19685.429676859990727};
    private static final double[] P = {0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
        0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
        0.00378239633202758244, 7.29751555083966205e-5};

    private NormalTail() {
    }

    /**
     * {@code P(Z > x)}.
     *
     * @param x any value ({@code NaN} gives {@code NaN})
     * @return the upper tail probability
     */
    static double upper(double x) {
        final double y = Math.abs(x);
        if (y <= FIRST) {
            final double xsq = x * x;
            double num = A[4] * xsq;
            double den = xsq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * xsq;
                den = (den + B[i]) * xsq;
            }
            return 0.5 - x * (num + A[3]) / (den + B[3]);
        }
        final double tail;
        if (y <= SECOND) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            tail = gaussian(y) * (num + C[7]) / (den + D[7]);
        } else if (y < UNDERFLOW) {
            final double xsq = 1 / (y * y);
            double num = P[5] * xsq;
            double den = xsq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * xsq;
                den = (den + Q[i]) * xsq;
            }
            final double r = xsq * (num + P[4]) / (den + Q[4]);
            tail = gaussian(y) * (ONE_OVER_ROOT_TWO_PI - r) / y;
        } else if (y >= UNDERFLOW) {
            tail = 0;
        } else {
            return Double.NaN;
        }
        return x > 0 ? tail : 1 - tail;
    }

    /** {@code exp(-y^2/2)} with the argument split at a multiple of 1/16 (exact square) to limit rounding. */
    private static double gaussian(double y) {
        final double s = Math.floor(y * 16) / 16;
        final double del = (y - s) * (y + s);
        return Math.exp(-s * s * 0.5) * Math.exp(-del * 0.5);
    }
}
