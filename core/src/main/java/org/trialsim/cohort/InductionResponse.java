package org.trialsim.cohort;

import org.trialsim.scenario.ResponseModel;

/**
 * Draws induction response and remission at the end of induction for one arm and stratum, from the
 * scenario's {@link ResponseModel}.
 */
abstract sealed class InductionResponse permits InductionResponse.Bernoulli, InductionResponse.MadrsScore {

    /** Lowest and highest MADRS score (Montgomery SA, Asberg M. Br J Psychiatry 1979;134:382-389). */
    static final double MADRS_MIN = 0;
    static final double MADRS_MAX = 60;

    static InductionResponse of(ResponseModel model) {
        if (model instanceof ResponseModel.Probability p) {
            return new Bernoulli(p.response(), p.remission());
        }
        ResponseModel.Madrs m = (ResponseModel.Madrs) model;
        return new MadrsScore(m);
    }

    /** Writes responded, remitted and (where modelled) the MADRS scores of patient {@code i}. */
    abstract void sample(Variates v, Cohort c, int i);

    /**
     * Response with probability {@code response}, remission with probability {@code remission} as a subset
     * of response: one uniform U gives response = U &lt; p_response and remission = U &lt; p_remission.
     */
    static final class Bernoulli extends InductionResponse {
        private final double response;
        private final double remission;

        Bernoulli(double response, double remission) {
            if (!(response >= 0 && response <= 1 && remission >= 0 && remission <= response)) {
                throw new IllegalArgumentException("need 0 <= remission <= response <= 1: response=" + response
                        + ", remission=" + remission);
            }
            this.response = response;
            this.remission = remission;
        }

        double response() {
            return response;
        }

        double remission() {
            return remission;
        }

        @Override
        void sample(Variates v, Cohort c, int i) {
            double u = v.uniform();
            c.responded[i] = u < response;
            c.remitted[i] = u < remission;
            c.madrsBaseline[i] = Double.NaN;
            c.madrsEndOfInduction[i] = Double.NaN;
        }
    }

    /**
     * Baseline B = clamp(N(mu_b, sd_b)), end score Y = clamp(B + N(mu_c, sd_c)) on [0, 60]; response is
     * B - Y >= r B, remission Y &lt;= threshold.
     */
    static final class MadrsScore extends InductionResponse {
        private final double baselineMean;
        private final double baselineSd;
        private final double changeMean;
        private final double changeSd;
        private final double responseReduction;
        private final double remissionThreshold;

        MadrsScore(ResponseModel.Madrs m) {
            this.baselineMean = m.baselineMean();
            this.baselineSd = m.baselineSd();
            this.changeMean = m.changeMean();
            this.changeSd = m.changeSd();
            this.responseReduction = m.responseReduction();
            this.remissionThreshold = m.remissionThreshold();
        }

        @Override
        void sample(Variates v, Cohort c, int i) {
            double baseline = clamp(baselineMean + baselineSd * v.gaussian());
            double end = clamp(baseline + changeMean + changeSd * v.gaussian());
            c.madrsBaseline[i] = baseline;
            c.madrsEndOfInduction[i] = end;
            c.responded[i] = baseline - end >= responseReduction * baseline;
            c.remitted[i] = end <= remissionThreshold;
        }

        private static double clamp(double score) {
            return Math.min(MADRS_MAX, Math.max(MADRS_MIN, score));
        }
    }
}
