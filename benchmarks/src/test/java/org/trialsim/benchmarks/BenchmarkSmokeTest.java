package org.trialsim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the benchmarks from rotting: runs every JMH benchmark of this module once, in this JVM (no fork), with
 * no warmup, one short measurement iteration and small workloads, and fails if any benchmark throws or
 * produces no score. It measures nothing worth reading (speed is never asserted in tests); it proves that
 * each benchmark still compiles against the library, sets up and runs. Budget: well under a minute on two
 * shared cores.
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.trialsim\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .threads(1)
                // Small workloads: each benchmark that has one of these parameters takes the smoke value.
                .param("replicates", "50")
                .param("threads", "1", "2")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> expected = BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                        java.util.List.of("org\\.trialsim\\..*"), java.util.List.of())
                .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            String name = r.getParams().getBenchmark();
            assertTrue(Double.isFinite(score) && score >= 0, () -> name + " scored " + score);
            ran.add(name);
        }
        assertTrue(!expected.isEmpty(), "no benchmark found: is the JMH annotation processor running?");
        assertEquals(expected, ran);
        System.out.println("JMH smoke: " + results.size() + " runs of " + ran.size() + " benchmarks");
    }
}
