package org.trialsim.power;

import java.util.Map;
import org.trialsim.scenario.Scenario;

/**
 * A Monte Carlo study that any runner can split into replicate ranges: the shard API of the architecture
 * ("Shards: counts of any replicate range, merged exactly"), shared by the patient-level engine ({@link
 * PowerStudy}) and the multi-arm designs ({@code org.trialsim.multiarm.MultiArmStudy}), so that the command
 * line's shards, {@code trialsim merge} and the Spark runner count either through one interface. Each replicate's
 * random numbers derive from the seed and its index alone, so the counts of a range are the same wherever they
 * are taken, and counts of a partition of {@code [0, R)}, {@linkplain StudyCounts#merge merged} in any order,
 * give {@link #result(StudyCounts)} the bits of one run.
 */
public interface MonteCarloStudy {

    /**
     * The scenario studied: the patient-level engine's with the study's sample sizes, a multi-arm design's as given
     * (its sizes are the study's own).
     */
    Scenario scenario();

    /** The master seed. */
    long seed();

    /** The name of what draws the replicates (the trial model, or the multi-arm simulation). */
    String modelName();

    /**
     * Everything that determines the study's results, in a fixed order of named values; at least
     * {@code scenario}, {@code scenario_sha256}, {@code sample_sizes}, {@code seed}, {@code replicates},
     * {@code target_mcse} ({@code none} without a precision target), {@code max_replicates},
     * {@code batch_size}, {@code null_hypothesis}, {@code model}, {@code trialsim} and {@code streams} (the
     * layout of the random streams).
     */
    Map<String, String> fingerprint();

    /**
     * The part of the {@link #fingerprint()} that determines what each replicate gives (not how many run):
     * {@link StudyCounts} carry it, so counts of different studies are never merged.
     */
    Map<String, String> replicateFingerprint();

    /** The counts of replicates {@code [from, to)}, on the calling thread. */
    StudyCounts counts(long from, long to);

    /**
     * Whether the study stops with {@code counts} (a prefix {@code [0, k)} at its replicates, or with a precision
     * target at a batch boundary where the target is met).
     */
    boolean stopsAt(StudyCounts counts);

    /**
     * The result of counts over replicates {@code [0, k)}: the bits of a run stopped after {@code k} replicates,
     * flagged partial unless the study stops there.
     *
     * @throws IllegalArgumentException if the counts are of another study, have holes, or exceed the study
     */
    StudyResult result(StudyCounts counts);
}
