package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trialsim.power.StudyCounts;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.ScenarioParser;

/**
 * {@link MultiArmStudy} as a {@link org.trialsim.power.MonteCarloStudy}: the counts of random partitions of
 * {@code [0, R)}, merged in random order, give the bits of {@link MultiArmStudy#run(int)}, for a closed-test
 * design with an interim and a response-adaptive design; a prefix gives the partial result of a run stopped there
 * (the same rows as a run of that many replicates); counts with a hole, of another study or beyond the study are
 * refused.
 */
class MultiArmStudyCountsTest {

    private static final Scenario ADAPTIVE = ScenarioParser.parse("""
            design: {sample_sizes: [90], alpha: 0.025, sides: 1}
            arms:
              high: {binary_outcomes: {cure: {probability: 0.55}}}
              low: {binary_outcomes: {cure: {probability: 0.45}}}
              placebo: {control: true, binary_outcomes: {cure: {probability: 0.3}}}
            endpoints:
              cure: {kind: binary}
            response_adaptive:
              information_fractions: [0.5, 1]
              inferiority: 0.05
              success: 0.95
            """, "rar.yaml");

    private static List<Scenario> designs() {
        return List.of(ScenarioLibrary.load("ketamine-schedules"), ADAPTIVE);
    }

    private static int[] sizes(Scenario s) {
        return s.design().sampleSizes().stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void randomPartitionsMergedInRandomOrderGiveTheBitsOfTheRun() {
        Random random = new Random(5);
        for (Scenario s : designs()) {
            MultiArmStudy study = MultiArmStudy.of(s, sizes(s), 777, 13);
            StudyResult run = study.run(2);
            for (int trial = 0; trial < 3; trial++) {
                List<StudyCounts> parts = new ArrayList<>();
                long from = 0;
                while (from < 777) {
                    long to = Math.min(777, from + 1 + random.nextInt(300));
                    parts.add(study.counts(from, to));
                    from = to;
                }
                Collections.shuffle(parts, random);
                StudyCounts all = parts.stream().reduce(StudyCounts::merge).orElseThrow();
                assertTrue(study.stopsAt(all));
                StudyResult merged = study.result(all);
                assertEquals(run.rows(), merged.rows(), s.name());
                assertEquals(run.provenance(), merged.provenance(), s.name());
                assertEquals(run.warnings(), merged.warnings(), s.name());
            }
        }
    }

    @Test
    void aPrefixIsThePartialResultOfARunStoppedThere() {
        for (Scenario s : designs()) {
            MultiArmStudy study = MultiArmStudy.of(s, sizes(s), 600, 13);
            StudyCounts prefix = study.counts(0, 250).merge(study.counts(250, 400));
            assertFalse(study.stopsAt(prefix));
            StudyResult partial = study.result(prefix);
            assertTrue(partial.provenance().partial());
            assertEquals(400, partial.provenance().replicates());
            assertTrue(partial.warnings().contains("cancelled: results rest on the 400 replicates completed"));
            assertEquals(MultiArmStudy.of(s, sizes(s), 400, 13).run(1).rows(), partial.rows());
        }
    }

    @Test
    void countsWithAHoleOfAnotherStudyOrBeyondItAreRefused() {
        Scenario s = ScenarioLibrary.load("ketamine-schedules");
        MultiArmStudy study = MultiArmStudy.of(s, new int[] {180}, 600, 13);
        StudyCounts hole = study.counts(0, 100).merge(study.counts(200, 300));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.result(hole)).getMessage()
                .contains("[100, 200) missing"));
        MultiArmStudy otherSeed = MultiArmStudy.of(s, new int[] {180}, 600, 14);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.result(otherSeed.counts(0, 600)))
                .getMessage().contains("seed is 14 in the counts and 13 in this study"));
        assertThrows(IllegalArgumentException.class, () -> study.counts(0, 100).merge(otherSeed.counts(100, 600)));
        MultiArmStudy otherSizes = MultiArmStudy.of(s, new int[] {180, 240}, 600, 13);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.result(otherSizes.counts(0, 600)))
                .getMessage().contains("sample_sizes is [180, 240] in the counts and [180] in this study"));
        assertThrows(IllegalArgumentException.class, () -> study.counts(0, 300).merge(study.counts(200, 400)),
                "a replicate counted twice");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> study.result(study.counts(0, 700)))
                .getMessage().contains("beyond the 600 this study runs"));
    }

    /**
     * With a precision target the run goes batch by batch and stops at the first boundary at or after its
     * replicates where every power's MCSE is at most the target, as the patient-level engine does: the same
     * bits for 1 and 3 threads, and for batches counted one by one and merged in order (as the Spark runner's
     * rounds do); the boundary before it does not stop.
     */
    @Test
    void aPrecisionTargetStopsAtTheFirstBatchBoundaryWhereItIsMet() {
        Scenario s = ScenarioLibrary.load("ketamine-schedules");
        MultiArmStudy study = MultiArmStudy.of(s, new int[] {180}, 500, 13).targetMcse(0.012, 20_000);
        StudyResult one = study.run(1);
        assertEquals(one.rows(), study.run(3).rows());
        long k = one.provenance().replicates();
        assertFalse(one.provenance().partial());
        assertTrue(k > 500 && k < 20_000 && k % 500 == 0, "stopped at " + k);
        StudyCounts prefix = study.counts(0, 500);
        while (!study.stopsAt(prefix)) {
            prefix = prefix.merge(study.counts(prefix.replicates(), prefix.replicates() + 500));
        }
        assertEquals(k, prefix.replicates());
        assertEquals(one.rows(), study.result(prefix).rows());
        double largest = one.rows().stream().filter(r -> r.measure().startsWith("power:"))
                .mapToDouble(r -> r.estimate().mcSe()).max().orElseThrow();
        assertTrue(largest <= 0.012, "largest power MCSE " + largest);
        assertFalse(study.stopsAt(study.counts(0, k - 500)));
        assertEquals("0.012", study.fingerprint().get("target_mcse"));
        assertEquals("20000", study.fingerprint().get("max_replicates"));
    }

    /** A sweep's cells counted in ranges and merged give the bits of the sweep run whole, rows by cell. */
    @Test
    void aSweepsCellsCountedInRangesGiveTheBitsOfItsRun() {
        Scenario base = ScenarioLibrary.load("ketamine-schedules");
        MultiArmStudy template = MultiArmStudy.of(base, new int[] {180}, 600, 13);
        MultiArmSweep sweep = MultiArmSweep.of(template, values -> ScenarioLibrary.load("ketamine-schedules",
                values), org.trialsim.power.SweepGrid.NONE.axis("arms.once_weekly.response.probability", 0.3, 0.5));
        StudyResult run = sweep.run(2);
        List<StudyCounts> counts = new ArrayList<>();
        for (int c = 0; c < sweep.cellCount(); c++) {
            counts.add(sweep.cellStudy(c).counts(300, 600).merge(sweep.cellStudy(c).counts(0, 300)));
        }
        StudyResult merged = sweep.result(counts);
        assertEquals(run.rows(), merged.rows());
        assertEquals(run.provenance(), merged.provenance());
        assertEquals(1200, run.provenance().replicates());
        assertEquals("arms.once_weekly.response.probability=0.3", run.rows().get(0).cell());
        assertTrue(sweep.result(counts.subList(0, 1)).provenance().partial());
    }
}
