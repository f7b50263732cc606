package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Scenario;

/**
 * The engine (batches, threads, counts, precision, cancellation, null scenario) on a test double whose exact
 * rejection probabilities are known ({@link NormalApproximationModel}).
 */
class PowerStudyEngineTest {

    private static final Scenario SCENARIO = TestScenarios.twoArmBinary(0.55, 0.26, List.of(40, 60, 80, 100, 120),
            0.025, Design.Sidedness.ONE_SIDED, Analysis.Test.CHI_SQUARE);

    private static PowerStudy study(NormalApproximationModel model) {
        return PowerStudy.of(SCENARIO, model).replicates(5_000).seed(20261122L).batchSize(250);
    }

    @Test
    void bitIdenticalForOneTwoAndEightThreadsAndOnRerun() {
        for (TrialLayout.Sequential design : TrialLayout.Sequential.values()) {
            PowerStudy s = study(new NormalApproximationModel(2, design));
            StudyResult one = s.threads(1).run();
            StudyResult two = s.threads(2).run();
            StudyResult eight = s.threads(8).run();
            StudyResult again = s.threads(2).run();
            // Record equality compares doubles bit for bit (Double.compare semantics).
            assertEquals(one, two, design.name());
            assertEquals(one, eight, design.name());
            assertEquals(one, again, design.name());
        }
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        PowerStudy s = study(new NormalApproximationModel());
        assertNotEquals(s.run().rows(), s.seed(7).run().rows());
    }

    @Test
    void powerAndTypeOneErrorMatchTheExactCurveWithinFourMcse() {
        StudyResult r = study(new NormalApproximationModel()).replicates(20_000).run();
        Scenario nullScenario = NullScenario.of(SCENARIO);
        int checked = 0;
        for (MeasureRow row : r.rows()) {
            double ref;
            if (row.measure().equals("power:response") || row.measure().equals("power:any")) {
                ref = NormalApproximationModel.power(SCENARIO, row.nTotal());
            } else if (row.measure().startsWith("type1:")) {
                ref = NormalApproximationModel.power(nullScenario, row.nTotal());
            } else {
                continue;
            }
            // 4 MCSE: a correct engine fails one of these 20 comparisons with probability about 20 * 6e-5.
            double tol = 4 * Math.sqrt(ref * (1 - ref) / row.estimate().replicates());
            assertEquals(ref, row.estimate().estimate(), tol, row.toString());
            assertTrue(row.estimate().ciLower() <= row.estimate().estimate()
                    && row.estimate().estimate() <= row.estimate().ciUpper());
            checked++;
        }
        assertEquals(4 * 5, checked);
        assertEquals(0.025, NormalApproximationModel.power(nullScenario, 100), 1e-12);
    }

    @Test
    void nestedRejectionsMakeMonotoneCurves() {
        StudyResult r = study(new NormalApproximationModel()).run();
        double previous = -1;
        for (MeasureRow row : r.rows()) {
            if (row.measure().equals("power:response")) {
                assertTrue(row.estimate().estimate() >= previous);
                previous = row.estimate().estimate();
            }
        }
    }

    @Test
    void cancellationReturnsWholeBatchesThatReproduceAShorterRun() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong seen = new AtomicLong();
        PowerStudy s = study(new NormalApproximationModel()).replicates(200_000).threads(2);
        StudyResult partial = s.run((done, total) -> {
            seen.set(done);
            if (done >= 1000) {
                cancel.set(true);
            }
        }, cancel::get);
        Provenance p = partial.provenance();
        assertTrue(p.partial());
        assertTrue(p.replicates() >= 1000 && p.replicates() < 200_000, "replicates " + p.replicates());
        assertEquals(0, p.replicates() % 250, "whole batches only");
        assertFalse(partial.warnings().isEmpty());
        StudyResult full = s.replicates((int) p.replicates()).threads(1).run();
        assertFalse(full.provenance().partial());
        assertEquals(ReplicateStreams.LAYOUT, p.streamLayout());
        assertEquals(ReplicateStreams.LAYOUT, full.provenance().streamLayout());
        assertEquals(full.rows(), partial.rows());
    }

    @Test
    void aCheckpointResumesBitIdentically() {
        PowerStudy s = study(new NormalApproximationModel(2, TrialLayout.Sequential.GROUP_SEQUENTIAL)).threads(2);
        AtomicBoolean cancel = new AtomicBoolean();
        StudyCounts[] last = new StudyCounts[1];
        StudyResult partial = s.run((done, total) -> cancel.set(done >= 1500), cancel::get, null, c -> last[0] = c);
        assertTrue(partial.provenance().partial());
        assertEquals(1500, partial.provenance().replicates());
        assertEquals(ReplicateRanges.prefix(1500), last[0].ranges());
        // Serialize as plain longs and back, as a checkpoint file would.
        StudyCounts restored = new StudyCounts(last[0].study(), ReplicateRanges.parse(last[0].ranges().toString()),
                last[0].alternative(), last[0].nullHypothesis());
        StudyResult resumed = s.threads(8).run(ProgressListener.NONE, () -> false, restored, CheckpointListener.NONE);
        assertEquals(s.run(), resumed);
        // Counts of another seed are another study's: refused, naming the difference.
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> s.seed(8).run(ProgressListener.NONE, () -> false, restored, CheckpointListener.NONE));
        assertTrue(other.getMessage().contains("seed is 20261122 in the counts and 8 in this study"),
                other.getMessage());
    }

    /**
     * Interrupting the thread that runs a study returns the whole batches merged so far. Deterministic: the
     * progress listener holds the run at the boundary of 1000 replicates until the test has interrupted it, so
     * the result holds exactly 1000, however fast or slow the machine.
     */
    @Test
    void interruptReturnsAPartialResult() throws InterruptedException {
        PowerStudy s = study(new NormalApproximationModel()).replicates(5_000_000).threads(2);
        StudyResult[] out = new StudyResult[1];
        CountDownLatch reached = new CountDownLatch(1);
        Thread t = new Thread(() -> out[0] = s.run((done, total) -> {
            if (done == 1000) {
                reached.countDown();
                try {
                    new CountDownLatch(1).await(); // until interrupted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, () -> false));
        t.start();
        reached.await();
        t.interrupt();
        t.join();
        assertTrue(out[0].provenance().partial());
        assertEquals(1000, out[0].provenance().replicates());
        assertEquals(s.replicates(1000).run().rows(), out[0].rows());
    }

    @Test
    void precisionTargetStopsAtTheFirstBatchBoundaryMeetingItWhateverTheThreads() {
        PowerStudy s = study(new NormalApproximationModel()).replicates(500).targetMcse(0.005, 50_000);
        StudyResult one = s.threads(1).run();
        StudyResult eight = s.threads(8).run();
        assertEquals(one, eight);
        long r = one.provenance().replicates();
        assertTrue(r > 500 && r < 50_000, "replicates " + r);
        assertEquals(0, r % 250);
        double worst = 0;
        for (MeasureRow row : one.rows()) {
            if (row.measure().startsWith("power:")) {
                worst = Math.max(worst, row.estimate().mcSe());
            }
        }
        assertTrue(worst <= 0.005, "worst MCSE " + worst);
        // One batch fewer would not have met the target (the rule uses (x+1)/(R+2) for p).
        StudyResult shorter = s.fixedReplicates().replicates((int) r - 250).run();
        double worstShorter = 0;
        for (MeasureRow row : shorter.rows()) {
            if (row.measure().startsWith("power:")) {
                double p = (row.estimate().estimate() * (r - 250) + 1) / (r - 250 + 2);
                worstShorter = Math.max(worstShorter, Math.sqrt(p * (1 - p) / (r - 250)));
            }
        }
        assertTrue(worstShorter > 0.005);
    }

    @Test
    void progressReachesTheTotal() {
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        study(new NormalApproximationModel()).replicates(1234).run((done, max) -> {
            assertTrue(done > last.get());
            last.set(done);
            total.set(max);
        }, () -> false);
        assertEquals(1234, last.get());
        assertEquals(1234, total.get());
    }

    @Test
    void sequentialMeasuresAreReported() {
        StudyResult gs = study(new NormalApproximationModel(1, TrialLayout.Sequential.GROUP_SEQUENTIAL)).run();
        List<String> measures = gs.rows().stream().filter(r -> r.nTotal() == 40).map(MeasureRow::measure).toList();
        assertTrue(measures.containsAll(List.of("power:response", "power_unadjusted:response", "power:any",
                "power:all", "type1:response", "type1:any", "expected_n", "stop:look1", "stop:look2", "stop:look3",
                "futility:look1", "futility:look3")), measures.toString());
        double stops = gs.rows().stream().filter(r -> r.nTotal() == 40 && r.measure().startsWith("stop:"))
                .mapToDouble(r -> r.estimate().estimate()).sum();
        assertEquals(1.0, stops, 1e-12);
        // The double stops at look k with n (k+1)/3 patients, each look with probability 1/3.
        MeasureRow en = gs.rows().stream().filter(r -> r.nTotal() == 120 && r.measure().equals("expected_n"))
                .findFirst().orElseThrow();
        assertEquals(80, en.estimate().estimate(), 4 * en.estimate().mcSe());
        assertEquals(Math.sqrt(3200.0 / 3 / 5000), en.estimate().mcSe(), 0.05 * en.estimate().mcSe());
        StudyResult simon = study(new NormalApproximationModel(1, TrialLayout.Sequential.SIMON)).run();
        List<String> simonMeasures = simon.rows().stream().filter(r -> r.nTotal() == 40).map(MeasureRow::measure)
                .toList();
        assertTrue(simonMeasures.containsAll(List.of("pet", "expected_n")), simonMeasures.toString());
    }

    @Test
    void noNullRunMeansNoTypeOneRows() {
        StudyResult r = study(new NormalApproximationModel()).nullHypothesis(false).run();
        assertTrue(r.rows().stream().noneMatch(row -> row.measure().startsWith("type1")));
    }
}
