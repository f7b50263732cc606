package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.trialsim.report.CsvReport;
import org.trialsim.report.JsonReport;
import org.trialsim.report.Reporter;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;

/**
 * The shard API: the counts of replicate ranges ({@link PowerStudy#counts(long, long)}) merge exactly. Over
 * random partitions of the replicates {@code [0, 2000)} into ranges, each counted apart and merged in a random
 * order and grouping, the result is byte for byte the CSV and JSON of one run on the thread pool, the null
 * scenario's type I errors included. A precision-target run is matched by batch-aligned shards merged in order
 * until {@link PowerStudy#stopsAt}. Overlaps, holes and counts of another study are refused.
 */
class StudyCountsMergeTest {

    private static final int R = 2000;

    /** A group-sequential design with futility and the null run beside it: every kind of counter moves. */
    private static final PowerStudy STUDY = PowerStudy.of(TestScenarios.withGroupSequential(
            TestScenarios.twoArmBinary(0.5, 0.3, List.of(40, 80), 0.025, Design.Sidedness.ONE_SIDED,
                    Analysis.Test.CHI_SQUARE),
            new GroupSequential("response", List.of(0.5, 1.0), GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN,
                    new GroupSequential.Futility(GroupSequential.Futility.Rule.BETA_SPENDING,
                            GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN, 0.2, Double.NaN)),
            new Enrollment.Even(240))).replicates(R).seed(20261123L).batchSize(100).threads(2);

    private static final StudyResult ONE_RUN = STUDY.run();

    private static byte[] bytes(Reporter reporter, StudyResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            reporter.write(result, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Sorted distinct cut points inside (0, R): the partition's ranges lie between consecutive ones. */
    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, R - 1).set().ofMaxSize(40)
                .map(s -> s.stream().sorted().toList());
    }

    @Property(tries = 25, seed = "1317")
    void anyPartitionMergedInAnyOrderGivesTheBytesOfOneRun(@ForAll("cuts") List<Integer> cuts,
            @ForAll Random random) {
        List<StudyCounts> shards = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            shards.add(STUDY.counts(from, cut));
            from = cut;
        }
        shards.add(STUDY.counts(from, R));
        // Merge two shards picked at random until one is left: a random order and a random tree of merges.
        while (shards.size() > 1) {
            StudyCounts a = shards.remove(random.nextInt(shards.size()));
            StudyCounts b = shards.remove(random.nextInt(shards.size()));
            shards.add(random.nextBoolean() ? a.merge(b) : b.merge(a));
        }
        StudyCounts all = shards.get(0);
        assertEquals(ReplicateRanges.prefix(R), all.ranges());
        assertTrue(all.hasNullHypothesis());
        StudyResult merged = STUDY.result(all);
        assertArrayEquals(bytes(new CsvReport(), ONE_RUN), bytes(new CsvReport(), merged), cuts.toString());
        assertArrayEquals(bytes(new JsonReport(), ONE_RUN), bytes(new JsonReport(), merged), cuts.toString());
        assertEquals(ONE_RUN, merged);
    }

    @Example
    void mergingIsCommutativeAndAssociative() {
        StudyCounts a = STUDY.counts(0, 300);
        StudyCounts b = STUDY.counts(300, 310);
        StudyCounts c = STUDY.counts(1500, 2000);
        assertEquals(a.merge(b), b.merge(a));
        assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
        assertEquals(ReplicateRanges.parse("[0, 310) [1500, 2000)"), c.merge(a).merge(b).ranges());
        // the shards are the thread pool's own counts: a prefix of the study equals its counts of [0, k)
        assertEquals(STUDY.replicates(310).counts(ProgressListener.NONE, () -> false).alternative().length,
                a.merge(b).alternative().length);
        assertEquals(STUDY.result(STUDY.replicates(310).counts(ProgressListener.NONE, () -> false)).rows(),
                STUDY.replicates(310).result(a.merge(b)).rows());
    }

    @Example
    void overlapsHolesAndOtherStudiesAreRefused() {
        StudyCounts a = STUDY.counts(0, 1000);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> a.merge(STUDY.counts(900, 1100)));
        assertTrue(overlap.getMessage().contains("replicates [900, 1000) are counted twice"), overlap.getMessage());

        StudyCounts holey = a.merge(STUDY.counts(1500, 2000));
        IllegalArgumentException hole = assertThrows(IllegalArgumentException.class, () -> STUDY.result(holey));
        assertTrue(hole.getMessage().contains("[1000, 1500) missing"), hole.getMessage());
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> STUDY.result(STUDY.counts(500, 2000)));
        assertTrue(late.getMessage().contains("[0, 500) missing"), late.getMessage());
        assertFalse(STUDY.stopsAt(holey));

        IllegalArgumentException otherSeed = assertThrows(IllegalArgumentException.class,
                () -> a.merge(STUDY.seed(1).counts(1000, 2000)));
        assertTrue(otherSeed.getMessage().contains("seed is 20261123 in one and 1 in the other"),
                otherSeed.getMessage());
        IllegalArgumentException noNull = assertThrows(IllegalArgumentException.class,
                () -> a.merge(STUDY.nullHypothesis(false).counts(1000, 2000)));
        assertTrue(noNull.getMessage().contains("null_hypothesis is true in one and false in the other"),
                noNull.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> STUDY.replicates(1500).result(STUDY.counts(0, 2000)));
        assertTrue(beyond.getMessage().contains("beyond the 1500 this study runs"), beyond.getMessage());
        // The number of replicates says how many run, not what each gives: a shorter study's counts merge.
        assertEquals(ReplicateRanges.prefix(2000), a.merge(STUDY.replicates(1500).counts(1000, 2000)).ranges());
    }

    /**
     * A prefix short of the study's replicates is the partial result of a run cancelled there, bit for bit; as
     * a checkpoint it resumes to the result of one run.
     */
    @Example
    void aShortPrefixIsThePartialResultOfACancelledRun() {
        StudyCounts shards = STUDY.counts(0, 700).merge(STUDY.counts(700, 1200));
        StudyResult fromShards = STUDY.result(shards);
        assertTrue(fromShards.provenance().partial());
        assertEquals(1200, fromShards.provenance().replicates());
        assertTrue(fromShards.warnings().contains("cancelled: results rest on the 1200 replicates completed"));
        AtomicBoolean stop = new AtomicBoolean();
        assertEquals(STUDY.run((done, total) -> stop.set(done >= 1200), stop::get), fromShards);
        assertEquals(ONE_RUN, STUDY.run(ProgressListener.NONE, () -> false, shards, CheckpointListener.NONE));
    }

    /**
     * A precision-target study is sequential: batch-aligned shards merged in order, asking {@link
     * PowerStudy#stopsAt} after each, stop where the thread pool stops and give its result.
     */
    @Example
    void aPrecisionTargetRunIsMatchedByShardsMergedInOrder() {
        PowerStudy target = STUDY.replicates(300).targetMcse(0.012, 20_000);
        StudyResult pool = target.run();
        long stoppedAt = pool.provenance().replicates();
        assertTrue(stoppedAt > 300 && stoppedAt < 20_000 && stoppedAt % 100 == 0, "stopped at " + stoppedAt);
        StudyCounts merged = target.counts(0, 100);
        while (!target.stopsAt(merged)) {
            long k = merged.replicates();
            merged = merged.merge(target.counts(k, k + 100));
        }
        assertEquals(stoppedAt, merged.replicates());
        assertEquals(pool, target.result(merged));
        // a checkpoint that is not whole batches cannot show where the run would have stopped: refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.run(
                ProgressListener.NONE, () -> false, target.counts(0, 150), CheckpointListener.NONE));
        assertTrue(e.getMessage().contains("resumes only from the replicates [0, k) of whole batches of 100"),
                e.getMessage());
    }

    /** The counts serialize (Java serialization, as a runner shipping them between machines would). */
    @Example
    void countsSerialize() throws Exception {
        StudyCounts counts = STUDY.counts(100, 400).merge(STUDY.counts(900, 1000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counts);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            StudyCounts back = (StudyCounts) in.readObject();
            assertEquals(counts, back);
            assertEquals(counts.ranges(), back.ranges());
        }
    }

    /**
     * A sweep's cells counted in ranges and merged give {@link Sweep#result(List)} the bytes of {@link Sweep#run};
     * the counts of its first cells only (the second short of its replicates) give the partial result of a sweep
     * cancelled there.
     */
    @Example
    void aSweepOfMergedCellsIsTheSweepRun() {
        PowerStudy small = STUDY.replicates(400);
        Sweep sweep = Sweep.of(small, values -> TestScenarios.withGroupSequential(TestScenarios.twoArmBinary(
                values.get("p"), 0.3, List.of(40, 80), 0.025, Design.Sidedness.ONE_SIDED, Analysis.Test.CHI_SQUARE),
                STUDY.scenario().groupSequential(), new Enrollment.Even(240))).axis("p", 0.4, 0.5, 0.6);
        StudyResult run = sweep.run(ProgressListener.NONE, () -> false);
        List<StudyCounts> cells = new ArrayList<>();
        for (PowerStudy cell : sweep.cellStudies()) {
            cells.add(cell.counts(250, 400).merge(cell.counts(0, 250)));
        }
        StudyResult merged = sweep.result(cells);
        assertArrayEquals(bytes(new CsvReport(), run), bytes(new CsvReport(), merged));
        assertArrayEquals(bytes(new JsonReport(), run), bytes(new JsonReport(), merged));
        StudyResult partial = sweep.result(List.of(cells.get(0), sweep.cellStudies().get(1).counts(0, 100)));
        assertTrue(partial.provenance().partial());
        assertEquals(500, partial.provenance().replicates());
        assertEquals(List.of("p=0.4", "p=0.5"), partial.rows().stream().map(MeasureRow::cell).distinct().toList());
    }

    /** A search's study counted in ranges gives {@link SampleSizeSearch#result} what {@link SampleSizeSearch#run} gives. */
    @Example
    void aSearchOfMergedRangesIsTheSearchRun() {
        SampleSizeSearch search = SampleSizeSearch.of(STUDY.replicates(600)).sampleSizes(40, 120, 8).target(0.7);
        PowerStudy study = search.study();
        assertEquals(search.run(ProgressListener.NONE, () -> false),
                search.result(study.counts(300, 600).merge(study.counts(0, 300))));
        assertThrows(IllegalArgumentException.class, () -> search.result(study.counts(100, 600)));
    }
}
