package org.trialsim.multiarm;

/**
 * The rule that selects treatment arms at an interim of a multi-arm design, on the cumulative effect estimate
 * (difference from the control), as rpact's {@code typeOfSelection} ({@code .selectTreatmentArms}, rpact 3.3.4):
 * keep the best arm, the best {@code keep}, those within {@code epsilon} of the best, or all; then drop every
 * arm whose estimate is at most {@code threshold}. Arms dropped earlier stay dropped; ties go to the arm listed
 * first. When no arm is left the trial stops for futility.
 *
 * @param rule which arms are kept before the threshold
 * @param keep the number kept by {@link Rule#BEST_K}
 * @param epsilon the margin of {@link Rule#EPSILON}
 * @param threshold arms with an estimate at most this are dropped ({@code -Infinity}: none)
 */
public record Selection(Rule rule, int keep, double epsilon, double threshold) {

    /** Which arms are kept. */
    public enum Rule {
        /** The arm with the largest estimate. */
        BEST,
        /** The {@code keep} arms with the largest estimates. */
        BEST_K,
        /** Arms within {@code epsilon} of the largest estimate. */
        EPSILON,
        /** Every arm (only the threshold drops arms). */
        ALL
    }

    /** Checks the parameters. */
    public Selection {
        if (rule == Rule.BEST_K && keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, found " + keep);
        }
        if (rule == Rule.EPSILON && !(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be non-negative, found " + epsilon);
        }
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number");
        }
    }

    /**
     * The arms kept for the next stage.
     *
     * @param effect the cumulative effect estimate per arm (read for arms in {@code active} only)
     * @param active the arms in the trial (bit set)
     * @return the arms kept (a subset of {@code active})
     */
    public int select(double[] effect, int active) {
        int kept;
        switch (rule) {
            case ALL -> kept = active;
            case BEST -> kept = topK(effect, active, 1);
            case BEST_K -> kept = topK(effect, active, keep);
            default -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < effect.length; i++) {
                    if ((active >>> i & 1) != 0) {
                        max = Math.max(max, effect[i]);
                    }
                }
                kept = 0;
                for (int i = 0; i < effect.length; i++) {
                    if ((active >>> i & 1) != 0 && max - effect[i] <= epsilon) {
                        kept |= 1 << i;
                    }
                }
            }
        }
        for (int i = 0; i < effect.length; i++) {
            if ((kept >>> i & 1) != 0 && effect[i] <= threshold) {
                kept &= ~(1 << i);
            }
        }
        return kept;
    }

    private static int topK(double[] effect, int active, int k) {
        int kept = 0;
        for (int n = 0; n < k; n++) {
            int best = -1;
            for (int i = 0; i < effect.length; i++) {
                if ((active >>> i & 1) != 0 && (kept >>> i & 1) == 0 && (best < 0 || effect[i] > effect[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            kept |= 1 << best;
        }
        return kept;
    }

    /** Whether the rule can drop every arm (a threshold, or nothing kept). */
    public boolean canDropEveryArm() {
        return threshold > Double.NEGATIVE_INFINITY;
    }
}
