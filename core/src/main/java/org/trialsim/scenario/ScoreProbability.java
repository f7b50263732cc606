package org.trialsim.scenario;

/**
 * A probability per visit interval that depends on a symptom score: the probability that an event happens before
 * the next visit given the latest score (a logistic function of it, or a probability per band of scores), the
 * discrete-time hazard of dropout by score ({@code score_trajectories.<name>.dropout_by_score}) and of an
 * intercurrent event by score ({@code intercurrent_events.<name>.by_score}). Implementations are records, so that
 * they hash and compare by value ({@link ScenarioHash}).
 */
public interface ScoreProbability {

    /** @return the probability of the event before the next visit after a score of {@code score}, in [0, 1] */
    double probability(double score);
}
