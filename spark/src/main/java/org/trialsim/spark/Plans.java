package org.trialsim.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.trialsim.cli.RunSpec;
import org.trialsim.cli.StudyPlan;

/**
 * The plans an executor JVM has built, by run: every task of a run on one executor shares one plan, so the
 * scenario is parsed and each of its cells built and compiled once per JVM rather than once per task; a plan is
 * a worker's ({@link RunSpec#workerPlan(String)}), which builds only the cells its tasks name, not the whole
 * grid. The driver leaves its own plan here before a job ({@link #seed}): under a local master the executor is
 * the driver's JVM, and its tasks then count on the studies the driver built and compiled, building nothing.
 * A run is found by value (a task's spec is a deserialized copy). Holds the last few runs (a session may run
 * several).
 */
final class Plans {

    private static final int KEPT = 4;
    /** A run and the trial model its driver chose. */
    private record Run(RunSpec spec, String model) {
    }

    private static final Map<Run, StudyPlan> PLANS = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Run, StudyPlan> eldest) {
            return size() > KEPT;
        }
    };
    private static final AtomicInteger BUILT = new AtomicInteger();

    private Plans() {
    }

    /** The worker plan of {@code spec} run by {@code model}, made on first use in this JVM. */
    static synchronized StudyPlan of(RunSpec spec, String model) {
        return PLANS.computeIfAbsent(new Run(spec, model), r -> {
            BUILT.incrementAndGet();
            return r.spec().workerPlan(r.model());
        });
    }

    /**
     * Leaves the driver's plan of {@code spec} for the tasks that run in this JVM: the plan the command built,
     * whose studies are those of {@link RunSpec#workerPlan(String)} (and of the single-JVM run) to the bit.
     */
    static synchronized void seed(RunSpec spec, StudyPlan plan) {
        PLANS.put(new Run(spec, plan.modelName()), plan);
    }

    /** How many plans this JVM has built for tasks ({@link #of}), for tests. */
    static int built() {
        return BUILT.get();
    }
}
