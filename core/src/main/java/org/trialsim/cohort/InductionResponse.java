package org.trialsim.cohort;

import java.util.List;
import org.trialsim.random.ReplicateRandom;
import org.trialsim.scenario.ResponseModel;

/**
 * Induction response and remission at the end of induction, from the scenario's {@link ResponseModel}: the
 * process's columns, its sampler ({@link #compile}), and the draw of one arm and stratum (the subclasses).
 */
public abstract sealed class InductionResponse permits InductionResponse.Bernoulli, InductionResponse.MadrsScore {

    /** Induction response at the end of induction (latent: also set for patients who dropped out earlier). */
    public static final Column.Booleans RESPONDED = Column.booleans("responded",
            "response at the end of induction (latent)");
    /** Remission at the end of induction (latent). */
    public static final Column.Booleans REMITTED = Column.booleans("remitted", "remission at the end of induction (latent)");
    /** Baseline MADRS, {@code NaN} where no score is modelled. */
    public static final Column.Doubles MADRS_BASELINE = Column.doubles("madrs_baseline", "MADRS points",
            "baseline MADRS", Double.NaN);
    /** MADRS at the end of induction, {@code NaN} where no score is modelled. */
    public static final Column.Doubles MADRS_END = Column.doubles("madrs_end_induction", "MADRS points",
            "MADRS at the end of induction", Double.NaN);
    /** The columns, in listing order. */
    public static final List<Column> COLUMNS = List.of(RESPONDED, REMITTED, MADRS_BASELINE, MADRS_END);

    InductionResponse() {
    }

    /** The process compiled for a scenario: one draw per cell that has it. */
    public static ProcessSampler compile(ProcessCells cells) {
        return new Sampler(cells);
    }

    /** Lowest MADRS score (Montgomery SA, Asberg M. Br J Psychiatry 1979;134:382-389). */
    public static final double MADRS_MIN = 0;
    /** Highest MADRS score (ten items scored 0 to 6). */
    public static final double MADRS_MAX = 60;

    static InductionResponse of(ResponseModel model) {
        if (model instanceof ResponseModel.Probability p) {
            return new Bernoulli(p.response(), p.remission());
        }
        ResponseModel.Madrs m = (ResponseModel.Madrs) model;
        return new MadrsScore(m);
    }

    /** Writes responded, remitted and (where modelled) the MADRS scores of patient {@code i}. */
    abstract void sample(Variates v, boolean[] responded, boolean[] remitted, double[] baseline, double[] end, int i);

    /**
     * Every patient's response from the response stream: one uniform per patient where every cell is Bernoulli
     * (then the scores are not written: they keep their {@code NaN} default), else each cell's own draw.
     */
    static final class Sampler implements ProcessSampler {
        private final int strata;
        private final InductionResponse[] cells;
        /** Per cell, when every cell's response is a Bernoulli draw (the fast paths), else {@code null}. */
        private final double[] responseProbability;
        private final double[] remissionProbability;

        Sampler(ProcessCells cells) {
            this.strata = cells.strata();
            this.cells = new InductionResponse[cells.size()];
            boolean bernoulli = true;
            for (int k = 0; k < cells.size(); k++) {
                ResponseModel m = (ResponseModel) cells.model(k);
                this.cells[k] = m == null ? null : of(m);
                bernoulli &= this.cells[k] instanceof Bernoulli;
            }
            responseProbability = bernoulli ? new double[cells.size()] : null;
            remissionProbability = bernoulli ? new double[cells.size()] : null;
            for (int k = 0; k < cells.size() && bernoulli; k++) {
                Bernoulli b = (Bernoulli) this.cells[k];
                responseProbability[k] = b.response();
                remissionProbability[k] = b.remission();
            }
        }

        /** Per cell response probabilities if every cell has a Bernoulli response, else {@code null}. */
        double[] responseProbabilities() {
            return responseProbability;
        }

        /** Per cell remission probabilities, alongside {@link #responseProbabilities()}. */
        double[] remissionProbabilities() {
            return remissionProbability;
        }

        @Override
        public void sample(Cohort c, int n, ReplicateRandom rng, Variates v) {
            final byte[] arm = c.arm;
            final byte[] stratum = c.stratum;
            final boolean[] responded = c.booleans(RESPONDED);
            final boolean[] remitted = c.booleans(REMITTED);
            if (responseProbability != null) {
                // Every cell Bernoulli: one uniform per patient (as Bernoulli.sample), no scores. One stratum: the
                // cell is the arm.
                final double[] response = responseProbability;
                final double[] remission = remissionProbability;
                for (int i = 0; i < n; i++) {
                    int k = strata == 1 ? arm[i] : arm[i] * strata + stratum[i];
                    double u = rng.nextDouble();
                    responded[i] = u < response[k];
                    remitted[i] = u < remission[k];
                }
                return;
            }
            final double[] baseline = c.doubles(MADRS_BASELINE);
            final double[] end = c.doubles(MADRS_END);
            for (int i = 0; i < n; i++) {
                InductionResponse r = cells[arm[i] * strata + stratum[i]];
                if (r != null) {
                    r.sample(v, responded, remitted, baseline, end, i);
                } else {
                    responded[i] = false;
                    remitted[i] = false;
                    baseline[i] = Double.NaN;
                    end[i] = Double.NaN;
                }
            }
        }
    }

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
        void sample(Variates v, boolean[] responded, boolean[] remitted, double[] baseline, double[] end, int i) {
            double u = v.uniform();
            responded[i] = u < response;
            remitted[i] = u < remission;
            baseline[i] = Double.NaN;
            end[i] = Double.NaN;
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
        void sample(Variates v, boolean[] responded, boolean[] remitted, double[] baselines, double[] ends, int i) {
            double baseline = clamp(baselineMean + baselineSd * v.gaussian());
            double end = clamp(baseline + changeMean + changeSd * v.gaussian());
            baselines[i] = baseline;
            ends[i] = end;
            responded[i] = baseline - end >= responseReduction * baseline;
            remitted[i] = end <= remissionThreshold;
        }

        private static double clamp(double score) {
            return Math.min(MADRS_MAX, Math.max(MADRS_MIN, score));
        }
    }
}
