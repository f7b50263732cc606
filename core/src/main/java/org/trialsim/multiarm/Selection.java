package org.trialsim.multiarm;

/**
 * The rule that selects treatment arms at an interim of a multi-arm design, on the cumulative effect estimate
 * (difference from the control), as rpact's {@code typeOfSelection} ({@code .selectTreatmentArms}, rpact 3.3.4):
 * keep the best arm, the best {@code keep}, those within {@code epsilon} of the best, or all; then drop every
 * arm whose estimate is at most {@code threshold}. Arms dropped earlier stay dropped. When no arm is left the
 * trial stops for futility.
 *
 * <p>Ties. Binary effect estimates tie exactly and often (two arms with the same responder count), so
 * {@link Rule#BEST} and {@link Rule#BEST_K} need a rule for arms tied at the cut: {@link TieBreak#AT_RANDOM}
 * (the default) orders tied arms uniformly at random, as rpact does (its {@code .getSimulatedStageRatesMultiArm}
 * selects on the estimates plus {@code runif(gMax, -1e-5, 1e-5)}, then {@code which.max} or
 * {@code order(decreasing = TRUE)}), so exchangeable arms are selected equally often; {@link TieBreak#FIRST_LISTED}
 * gives them to the arm listed first (deterministic, but it favours that arm). {@link Rule#EPSILON} keeps every arm
 * within epsilon of the best, tied ones included, and the threshold drops an arm at exactly the threshold: neither
 * needs a tie rule. (rpact's jitter also decides those two comparisons at exact equality, keeping such an arm with
 * probability about 1/2; trialsim follows rpact's documented rule, "selected only if the effect exceeds the
 * threshold".)
 *
 * @param rule which arms are kept before the threshold
 * @param keep the number kept by {@link Rule#BEST_K}
 * @param epsilon the margin of {@link Rule#EPSILON}
 * @param threshold arms with an estimate at most this are dropped ({@code -Infinity}: none)
 * @param ties how arms tied at the cut of {@link Rule#BEST} or {@link Rule#BEST_K} are ordered
 */
public record Selection(Rule rule, int keep, double epsilon, double threshold, TieBreak ties) {

    /** How arms with equal estimates are ordered when only some of them can be kept. */
    public enum TieBreak {
        /** Uniformly at random (each tied arm gets an independent uniform priority), as rpact. */
        AT_RANDOM,
        /** The arm listed first wins. */
        FIRST_LISTED
    }

    /** A rule with ties broken at random ({@link TieBreak#AT_RANDOM}). */
    public Selection(Rule rule, int keep, double epsilon, double threshold) {
        this(rule, keep, epsilon, threshold, TieBreak.AT_RANDOM);
    }

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
        if (ties == null) {
            throw new IllegalArgumentException("a tie rule is needed");
        }
    }

    /**
     * The arms kept for the next stage, ties given to the arm listed first whatever {@link #ties()} says.
     *
     * @param effect the cumulative effect estimate per arm (read for arms in {@code active} only)
     * @param active the arms in the trial (bit set)
     * @return the arms kept (a subset of {@code active})
     */
    public int select(double[] effect, int active) {
        return select(effect, active, null, null);
    }

    /**
     * The arms kept for the next stage, ties broken by {@link #ties()}.
     *
     * @param effect the cumulative effect estimate per arm (read for arms in {@code active} only)
     * @param active the arms in the trial (bit set)
     * @param uniform the source of tie-breaking uniforms, called once per active arm (in arm order) only when
     *     {@link TieBreak#AT_RANDOM} and two active arms have equal estimates under {@link Rule#BEST} or
     *     {@link Rule#BEST_K}; {@code null} for ties to the arm listed first
     * @param priority scratch of one slot per arm (may be {@code null} when {@code uniform} is)
     * @return the arms kept (a subset of {@code active})
     */
    public int select(double[] effect, int active, java.util.function.DoubleSupplier uniform, double[] priority) {
        int kept;
        switch (rule) {
            case ALL -> kept = active;
            case BEST, BEST_K -> {
                double[] order = null;
                if (ties == TieBreak.AT_RANDOM && uniform != null && hasTie(effect, active)) {
                    for (int i = 0; i < effect.length; i++) {
                        priority[i] = (active >>> i & 1) != 0 ? uniform.getAsDouble() : 0;
                    }
                    order = priority;
                }
                kept = topK(effect, active, rule == Rule.BEST ? 1 : keep, order);
            }
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

    /** Whether two active arms have equal estimates (ties anywhere may matter for the cut). */
    private static boolean hasTie(double[] effect, int active) {
        for (int i = 0; i < effect.length; i++) {
            for (int j = i + 1; j < effect.length; j++) {
                if ((active >>> i & 1) != 0 && (active >>> j & 1) != 0 && effect[i] == effect[j]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The k best active arms, equal estimates ordered by the larger priority (if any), then the lower index. */
    private static int topK(double[] effect, int active, int k, double[] priority) {
        int kept = 0;
        for (int n = 0; n < k; n++) {
            int best = -1;
            for (int i = 0; i < effect.length; i++) {
                if ((active >>> i & 1) != 0 && (kept >>> i & 1) == 0 && (best < 0 || effect[i] > effect[best]
                        || effect[i] == effect[best] && priority != null && priority[i] > priority[best])) {
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
