package org.trialsim.power;

/**
 * One simulated trial, replayable by its replicate index: draws the cohort of the largest sample size from
 * the stream of (seed, replicate) alone, analyses every prefix of the design grid and records the decisions.
 * Instances hold per-thread scratch (cohort, outcome buffers, test workspaces) and are not thread-safe; a
 * {@link Factory} makes one per worker thread, as commons-rng's {@code SharedStateSampler} does for samplers.
 */
public interface VirtualTrial {

    /**
     * Simulates replicate {@code replicate} and writes its decisions into {@code out} (already cleared).
     * The result must depend on the replicate index and the factory's seed only, never on which thread runs
     * it or on which replicates ran before.
     */
    void run(long replicate, ReplicateOutcome out);

    /** Makes independent per-thread trials of one scenario and seed. */
    interface Factory {
        /** The layout every trial of this factory reports. */
        TrialLayout layout();

        /** A new trial with its own scratch. */
        VirtualTrial create();

        /** The commons-rng {@code RandomSource} name of the generator behind the streams, for provenance. */
        String generator();

        /** Plain-language warnings about the compiled design (for example a rule that cannot apply). */
        default java.util.List<String> warnings() {
            return java.util.List.of();
        }

        /**
         * The exact probability that a trial rejects its first endpoint's hypothesis, per sample size of the
         * layout, where the model's outcome distribution is small enough to enumerate; {@code null} where it is
         * not. Under a null scenario it is the design's exact size, the figure the null replicates estimate.
         */
        default double[] exactRejection() {
            return null;
        }
    }
}
