package org.trialsim.stats.sequential;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A Lan-DeMets error spending function: the cumulative error {@code f(t; total)} spent by information
 * fraction t in [0, 1], increasing from f(0) = 0 to f(1) = total (Lan KKG, DeMets DL. Discrete sequential
 * boundaries for clinical trials. Biometrika 1983;70:659-663). Used for the type I error (alpha spending)
 * and, for futility, the type II error (beta spending). The families are those of rpact
 * ({@code asOF, asP, asHSD}) and gsDesign ({@code sfLDOF, sfLDPocock, sfHSD}); see Jennison C, Turnbull BW.
 * Group Sequential Methods with Applications to Clinical Trials. Chapman and Hall/CRC 2000, section 7.2.
 */
public interface SpendingFunction {

    /**
     * The cumulative error spent at information fraction t.
     *
     * @param total the total error to spend by t = 1 (alpha or beta), in (0, 1)
     * @param t the information fraction, in [0, 1] (values above 1 are treated as 1)
     * @return f(t; total), in [0, total]
     */
    double spent(double total, double t);

    /**
     * A short label for tables (for example {@code "OBF"} or {@code "HSD(-4)"}).
     *
     * @return the label
     */
    String label();

    /**
     * O'Brien-Fleming-type spending (Lan and DeMets 1983):
     * {@code f(t) = 2 - 2 Phi(Phi^-1(1 - total/2) / sqrt(t))}, rpact {@code asOF}, gsDesign {@code sfLDOF}.
     *
     * @return the spending function
     */
    static SpendingFunction obrienFleming() {
        return Family.OBRIEN_FLEMING;
    }

    /**
     * Pocock-type spending (Lan and DeMets 1983): {@code f(t) = total * log(1 + (e - 1) t)}, rpact
     * {@code asP}, gsDesign {@code sfLDPocock}.
     *
     * @return the spending function
     */
    static SpendingFunction pocock() {
        return Family.POCOCK;
    }

    /**
     * Hwang-Shih-DeCani spending (Hwang IK, Shih WJ, DeCani JS. Group sequential designs using a family of
     * type I error probability spending functions. Stat Med 1990;9:1439-1445):
     * {@code f(t) = total (1 - exp(-gamma t)) / (1 - exp(-gamma))}, and {@code total * t} for gamma = 0.
     * gamma = -4 resembles O'Brien-Fleming, gamma = 1 resembles Pocock. rpact {@code asHSD}, gsDesign
     * {@code sfHSD}.
     *
     * @param gamma the shape parameter, finite
     * @return the spending function
     */
    static SpendingFunction hwangShihDeCani(double gamma) {
        return new HwangShihDeCani(gamma);
    }

    /** The parameter-free families. */
    enum Family implements SpendingFunction {
        /** O'Brien-Fleming type. */
        OBRIEN_FLEMING {
            @Override
            public double spent(double total, double t) {
                final double u = clamp(t);
                if (u == 0) {
                    return 0;
                }
                final double q = STANDARD_NORMAL.inverseSurvivalProbability(total / 2);
                return Math.min(total, 2 * STANDARD_NORMAL.survivalProbability(q / Math.sqrt(u)));
            }

            @Override
            public String label() {
                return "OBF";
            }
        },
        /** Pocock type. */
        POCOCK {
            @Override
            public double spent(double total, double t) {
                return total * Math.log1p((Math.E - 1) * clamp(t));
            }

            @Override
            public String label() {
                return "Pocock";
            }
        };

        private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    }

    /**
     * The Hwang-Shih-DeCani family.
     *
     * @param gamma the shape parameter
     */
    record HwangShihDeCani(double gamma) implements SpendingFunction {

        /** Validates gamma. */
        public HwangShihDeCani {
            if (!Double.isFinite(gamma)) {
                throw new IllegalArgumentException("Hwang-Shih-DeCani gamma must be finite, found " + gamma);
            }
        }

        @Override
        public double spent(double total, double t) {
            final double u = clamp(t);
            if (gamma == 0) {
                return total * u;
            }
            return total * Math.expm1(-gamma * u) / Math.expm1(-gamma);
        }

        @Override
        public String label() {
            final String g = gamma == Math.rint(gamma) && Math.abs(gamma) < 1e15
                    ? Long.toString((long) gamma) : Double.toString(gamma);
            return "HSD(" + g + ")";
        }
    }

    private static double clamp(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("information fraction must be >= 0, found " + t);
        }
        return Math.min(t, 1);
    }
}
