package org.trialsim.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.trialsim.stats.design.SimonTwoStage;
import org.trialsim.stats.multiplicity.GraphicalProcedure;
import org.trialsim.stats.multiplicity.Hochberg;
import org.trialsim.stats.multiplicity.MultipleTest;
import org.trialsim.stats.multiplicity.TestingGraph;

/**
 * The per-trial calls the power engine makes in its Monte Carlo loop allocate nothing in steady state:
 * measured with the JVM's per-thread allocation counter (com.sun.management.ThreadMXBean) over 200,000 calls
 * after a warm-up. Any per-call allocation (even 16 bytes) would show as megabytes; the bound of 64 KiB leaves
 * room only for the counter's own bookkeeping.
 */
class PerTrialAllocationTest {

    private static final int CALLS = 200_000;
    private static final long SLACK_BYTES = 64 * 1024;

    private static long allocatedBytes() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private interface Loop {
        long run();
    }

    private static void assertAllocationFree(String what, Loop loop) {
        assumeTrue(allocatedBytes() >= 0, "per-thread allocation counter not available on this JVM");
        long sink = loop.run(); // warm-up: class loading, JIT
        sink += loop.run();
        final long before = allocatedBytes();
        sink += loop.run();
        final long used = allocatedBytes() - before;
        assertTrue(used < SLACK_BYTES, what + " allocated " + used + " bytes over " + CALLS + " calls (sink " + sink + ")");
    }

    @Test
    void groupSequentialDecisionIsAllocationFree() {
        final GroupSequentialBoundaries g = GroupSequentialBoundaries.withBetaSpending(new double[] {0.5, 1},
                SpendingFunction.obrienFleming(), 0.025, SpendingFunction.obrienFleming(), 0.2);
        assertAllocationFree("decide", () -> {
            long count = 0;
            for (int i = 0; i < CALLS; i++) {
                count += g.decide(i & 1, (i % 700) * 0.01 - 2).ordinal();
            }
            return count;
        });
    }

    @Test
    void multiplicityIsAllocationFree() {
        final double[] p = new double[4];
        final boolean[] rejected = new boolean[4];
        for (MultipleTest test : new MultipleTest[] {
            new GraphicalProcedure(TestingGraph.holm(4)),
            new GraphicalProcedure(TestingGraph.fallback(new double[] {0.4, 0.3, 0.2, 0.1})),
            new Hochberg(4)}) {
            assertAllocationFree(test.getClass().getSimpleName(), () -> {
                long count = 0;
                for (int i = 0; i < CALLS; i++) {
                    for (int j = 0; j < 4; j++) {
                        p[j] = ((i * 31 + j * 17) % 1000) * 1e-4;
                    }
                    count += test.reject(p, 0.05, rejected);
                }
                return count;
            });
        }
    }

    @Test
    void simonDecisionIsAllocationFree() {
        final SimonTwoStage d = new SimonTwoStage(13, 3, 43, 12);
        assertAllocationFree("Simon", () -> {
            long count = 0;
            for (int i = 0; i < CALLS; i++) {
                final int x1 = i % 14;
                count += d.stopsEarly(x1) ? 1 : d.rejects(x1, x1 + i % 30) ? 2 : 0;
            }
            return count;
        });
    }
}
