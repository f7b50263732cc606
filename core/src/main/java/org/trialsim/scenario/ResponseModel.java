package org.trialsim.scenario;

/**
 * Induction response at the end of the induction course, either given directly as probabilities or derived
 * from a continuous MADRS score so that binary and continuous endpoints come from the same patients.
 */
public sealed interface ResponseModel extends ProcessModel permits ResponseModel.Probability, ResponseModel.Madrs {

    /** The process key. */
    String KEY = "response";

    @Override
    default String process() {
        return KEY;
    }

    /**
     * Response (and remission) as Bernoulli probabilities.
     *
     * @param response probability of response at the end of induction
     * @param remission probability of remission (a remitter is also a responder), at most {@code response}
     */
    record Probability(double response, double remission) implements ResponseModel {
    }

    /**
     * A MADRS score: baseline ~ Normal(baselineMean, baselineSd), change at the end of induction ~
     * Normal(changeMean, changeSd), both truncated to the scale's range [0, 60] after drawing. Response is a
     * reduction of at least {@code responseReduction} of baseline (conventionally 50%), remission an end
     * score of at most {@code remissionThreshold} (conventionally 10). Montgomery SA, Asberg M. Br J
     * Psychiatry 1979;134:382-389; definitions as in Singh et al. Am J Psychiatry 2016;173:816-826.
     *
     * @param baselineMean mean baseline MADRS
     * @param baselineSd standard deviation of baseline MADRS
     * @param changeMean mean change from baseline at the end of induction (negative is improvement)
     * @param changeSd standard deviation of the change
     * @param responseReduction fraction of baseline the score must fall by for response (0.5)
     * @param remissionThreshold end score at or below which the patient remits (10)
     */
    record Madrs(double baselineMean, double baselineSd, double changeMean, double changeSd,
            double responseReduction, double remissionThreshold) implements ResponseModel {
    }
}
