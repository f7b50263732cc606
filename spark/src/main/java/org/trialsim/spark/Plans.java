package org.trialsim.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.trialsim.cli.RunSpec;
import org.trialsim.cli.StudyPlan;

/**
 * The plans an executor JVM has built, by run: every task of a run on one executor shares one plan, so the
 * scenario is parsed, its cells built and each study compiled once per JVM rather than once per task. Holds the
 * last few runs (a session may run several).
 */
final class Plans {

    private static final int KEPT = 4;
    private static final Map<RunSpec, StudyPlan> PLANS = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<RunSpec, StudyPlan> eldest) {
            return size() > KEPT;
        }
    };

    private Plans() {
    }

    /** The plan of {@code spec}, built on first use in this JVM. */
    static synchronized StudyPlan of(RunSpec spec) {
        return PLANS.computeIfAbsent(spec, RunSpec::plan);
    }
}
