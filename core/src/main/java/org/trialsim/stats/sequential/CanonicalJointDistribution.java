package org.trialsim.stats.sequential;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The canonical joint distribution of the standardized statistics Z_1, ..., Z_K of a group-sequential trial
 * (Jennison C, Turnbull BW. Group Sequential Methods with Applications to Clinical Trials. Chapman and
 * Hall/CRC 2000, section 3.1): at information fractions {@code 0 < t_1 < ... < t_K = 1}, the B-values
 * {@code Z_k sqrt(t_k)} have independent normal increments with mean {@code drift * (t_k - t_{k-1})} and
 * variance {@code t_k - t_{k-1}}, so that {@code E[Z_k] = drift * sqrt(t_k)}.
 *
 * <p>Exit probabilities are computed by recursive numerical integration (Armitage P, McPherson CK, Rowe BC.
 * Repeated significance tests on accumulating data. J R Stat Soc A 1969;132:235-244) with the grid and
 * Simpson weights of Jennison and Turnbull (2000, section 19.2), the same grid as gsDesign's {@code gridpts}
 * (r = 18 by default: 6r - 1 odd points, dense in the centre and spreading logarithmically to the tails,
 * trimmed to the continuation region, with midpoints). The stated accuracy is about 1e-6 in probability.
 *
 * <p>An instance holds its grids as scratch and is therefore not thread-safe; it is meant for design-time
 * computations (boundaries, power, expected sample size), not for the per-trial path.
 */
public final class CanonicalJointDistribution {

    /** Default grid parameter, as recommended by Jennison and Turnbull and used by gsDesign. */
    public static final int DEFAULT_GRID = 18;

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final double[] t;
    private final int r;
    private double drift;
    /** Index of the look whose density is held, or -1 before the first look. */
    private int held = -1;
    private final double[] z;
    private final double[] wh;
    private int m;
    private final double[] zNext;
    private final double[] whNext;
    private final double[] odd;
    private final double[] trimmed;

    /**
     * Creates the distribution for looks at the given information fractions.
     *
     * @param fractions information fractions, strictly increasing in (0, 1]
     * @param r grid parameter (at least 2; 18 is the usual choice)
     */
    public CanonicalJointDistribution(double[] fractions, int r) {
        this.t = checkFractions(fractions);
        if (r < 2) {
            throw new IllegalArgumentException("grid parameter r must be at least 2, found " + r);
        }
        this.r = r;
        final int max = 2 * (6 * r - 1) + 3;
        z = new double[max];
        wh = new double[max];
        zNext = new double[max];
        whNext = new double[max];
        odd = new double[6 * r + 1];
        trimmed = new double[6 * r + 2];
    }

    /**
     * Creates the distribution with the default grid.
     *
     * @param fractions information fractions, strictly increasing in (0, 1]
     */
    public CanonicalJointDistribution(double[] fractions) {
        this(fractions, DEFAULT_GRID);
    }

    /**
     * Validates and copies information fractions.
     *
     * @param fractions candidate fractions
     * @return a copy
     */
    static double[] checkFractions(double[] fractions) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("at least one look is needed");
        }
        double previous = 0;
        for (double f : fractions) {
            if (!(f > previous && f <= 1)) {
                throw new IllegalArgumentException("information fractions must increase strictly within (0, 1], found "
                        + Arrays.toString(fractions));
            }
            previous = f;
        }
        return fractions.clone();
    }

    /** @return the number of looks */
    public int looks() {
        return t.length;
    }

    /**
     * Exit probabilities at every look for given bounds: {@code upperOut[k] = P(a_j < Z_j < b_j for j < k,
     * Z_k >= b_k)} and {@code lowerOut[k] = P(a_j < Z_j < b_j for j < k, Z_k <= a_k)}.
     *
     * @param lower lower bounds a_k ({@code Double.NEGATIVE_INFINITY} for none)
     * @param upper upper bounds b_k ({@code Double.POSITIVE_INFINITY} for none)
     * @param theta the drift, {@code E[Z_K]} at t = 1
     * @param upperOut receives the upper exit probabilities (length K)
     * @param lowerOut receives the lower exit probabilities (length K)
     */
    public void exitProbabilities(double[] lower, double[] upper, double theta, double[] upperOut,
            double[] lowerOut) {
        start(theta);
        for (int k = 0; k < t.length; k++) {
            upperOut[k] = upperExit(k, upper[k]);
            lowerOut[k] = lowerExit(k, lower[k]);
            if (k + 1 < t.length) {
                advance(k, lower[k], upper[k]);
            }
        }
    }

    /**
     * Starts a look-by-look computation under a drift: then call {@link #upperExit}, {@link #lowerExit} and
     * {@link #advance} for looks 0, 1, ... in order.
     *
     * @param theta the drift
     */
    void start(double theta) {
        this.drift = theta;
        this.held = -1;
    }

    /** P(continue up to look k - 1, Z_k >= b), given the density held for look k - 1. */
    double upperExit(int k, double b) {
        checkLook(k);
        if (b == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (k == 0) {
            return upperNormal(b - drift * Math.sqrt(t[0]));
        }
        final double sk = Math.sqrt(t[k]);
        final double sp = Math.sqrt(t[k - 1]);
        final double dt = t[k] - t[k - 1];
        final double sd = Math.sqrt(dt);
        final double shift = b * sk - drift * dt;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += wh[i] * upperNormal((shift - z[i] * sp) / sd);
        }
        return sum;
    }

    /** P(continue up to look k - 1, Z_k &lt;= a), given the density held for look k - 1. */
    double lowerExit(int k, double a) {
        checkLook(k);
        if (a == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (k == 0) {
            return upperNormal(drift * Math.sqrt(t[0]) - a);
        }
        final double sk = Math.sqrt(t[k]);
        final double sp = Math.sqrt(t[k - 1]);
        final double dt = t[k] - t[k - 1];
        final double sd = Math.sqrt(dt);
        final double shift = a * sk - drift * dt;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += wh[i] * upperNormal((z[i] * sp - shift) / sd);
        }
        return sum;
    }

    /** Replaces the held density by the sub-density of Z_k on the continuation region (a, b). */
    void advance(int k, double a, double b) {
        checkLook(k);
        final double mu = drift * Math.sqrt(t[k]);
        final int mk = grid(mu, a, b, zNext, whNext);
        if (k == 0) {
            for (int j = 0; j < mk; j++) {
                whNext[j] *= density(zNext[j] - mu);
            }
        } else {
            final double sk = Math.sqrt(t[k]);
            final double sp = Math.sqrt(t[k - 1]);
            final double dt = t[k] - t[k - 1];
            final double sd = Math.sqrt(dt);
            final double scale = sk / sd;
            for (int j = 0; j < mk; j++) {
                final double centre = zNext[j] * sk - drift * dt;
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += wh[i] * density((centre - z[i] * sp) / sd);
                }
                whNext[j] *= sum * scale;
            }
        }
        System.arraycopy(zNext, 0, z, 0, mk);
        System.arraycopy(whNext, 0, wh, 0, mk);
        m = mk;
        held = k;
    }

    private void checkLook(int k) {
        if (k != held + 1) {
            throw new IllegalStateException("look " + k + " requested while the density of look " + held
                    + " is held");
        }
    }

    /**
     * Jennison and Turnbull's grid (2000, p. 349-350) with Simpson weights, trimmed to [a, b].
     *
     * @return the number of points written
     */
    private int grid(double mu, double a, double b, double[] zOut, double[] wOut) {
        int n = 0;
        for (int i = 1; i <= 6 * r - 1; i++) {
            final double x;
            if (i < r) {
                x = mu - 3 - 4 * Math.log((double) r / i);
            } else if (i <= 5 * r) {
                x = mu - 3 + 3.0 * (i - r) / (2 * r);
            } else {
                x = mu + 3 + 4 * Math.log((double) r / (6 * r - i));
            }
            odd[n++] = x;
        }
        // trim to [a, b], keeping the bounds themselves as grid points
        int first = 0;
        while (first < n && odd[first] <= a) {
            first++;
        }
        int last = n - 1;
        while (last >= 0 && odd[last] >= b) {
            last--;
        }
        int count = 0;
        final double[] x = trimmed;
        if (first > 0) {
            x[count++] = a;
        }
        for (int i = first; i <= last; i++) {
            x[count++] = odd[i];
        }
        if (last < n - 1) {
            x[count++] = b;
        }
        if (count < 2) {
            // the region holds no grid point: it lies in a far tail (or between two points); one Simpson panel
            // over it, cut to unit width where it is unbounded, since the mass there is negligible
            final double lo = a == Double.NEGATIVE_INFINITY ? b - 1 : a;
            final double hi = b == Double.POSITIVE_INFINITY ? a + 1 : b;
            count = 0;
            x[count++] = lo;
            x[count++] = hi;
        }
        for (int i = 0; i < count; i++) {
            zOut[2 * i] = x[i];
        }
        for (int i = 0; i < count - 1; i++) {
            zOut[2 * i + 1] = (x[i] + x[i + 1]) / 2;
            wOut[2 * i + 1] = 4 * (x[i + 1] - x[i]) / 6;
        }
        wOut[0] = (x[1] - x[0]) / 6;
        for (int i = 1; i < count - 1; i++) {
            wOut[2 * i] = (x[i + 1] - x[i - 1]) / 6;
        }
        wOut[2 * (count - 1)] = (x[count - 1] - x[count - 2]) / 6;
        return 2 * count - 1;
    }

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / SQRT_2PI;
    }

    /** P(N(0,1) >= x), accurate in the tails (erfc). */
    private static double upperNormal(double x) {
        return STANDARD_NORMAL.survivalProbability(x);
    }
}
