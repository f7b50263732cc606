package org.trialsim.scenario;

/**
 * Benzodiazepine discontinuation and relapse to benzodiazepine use, for long-term users. A user
 * discontinues by the end of induction with a probability that may differ between responders and
 * non-responders; a discontinuer then returns to benzodiazepine use with the given hazard (timed from the
 * end of induction), multiplied by {@code hazardRatioAfterDepressiveRelapse} from the moment of a depressive
 * relapse on, since the two processes are coupled in the clinic. Garel N et al. Neuropsychopharmacology
 * 2023;48:1769-1777 (91% discontinued by week 4, 64% abstinent over follow-up); Oude Voshaar RC et al. Br J
 * Psychiatry 2003;182:498-504 and 2006;189:213-220 (taper alone).
 *
 * @param discontinuationResponders probability that a responder has discontinued by the end of induction
 * @param discontinuationNonResponders probability that a non-responder has discontinued
 * @param relapse hazard of returning to benzodiazepine use, per week, from the end of induction
 * @param hazardRatioAfterDepressiveRelapse multiplier on that hazard after a depressive relapse (1 for none)
 */
public record Benzodiazepine(double discontinuationResponders, double discontinuationNonResponders, Hazard relapse,
        double hazardRatioAfterDepressiveRelapse) implements ProcessModel {

    /** The process key. */
    public static final String KEY = "benzodiazepine";

    @Override
    public String process() {
        return KEY;
    }
}
