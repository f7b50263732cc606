package org.trialsim.power;

import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.TestResult;

/**
 * One analysis as the power engine knows it, registered once in {@link Analyses}: the scenario's test (which
 * states the data type and whether it is single-arm), how one thread's {@link EndpointTest} is built for an
 * endpoint, and, for a test of one two-by-two table, its count-level form, which {@link CountLevelTrials}
 * applies to the responder counts it draws directly.
 *
 * @param test the scenario's name for the test, with its data type and arms
 * @param estimate the name of the effect its test estimates, as a replay reports it (an {@link EffectEstimate}
 *     name)
 * @param perThread builds one thread's test of an endpoint; called once per endpoint and thread
 * @param countLevel the test as a function of the two arms' counts, or {@code null} when the test needs more
 *     than one table (strata, single arm, patient-level data)
 */
record AnalysisKind(Analysis.Test test, String estimate, PerThread perThread, CountForm countLevel) {

    /** Builds one thread's test of an endpoint under the study's alternative. */
    @FunctionalInterface
    interface PerThread {
        EndpointTest create(Endpoint endpoint, Alternative alternative);
    }

    /** Configures the count-level form of a table test under the study's alternative. */
    @FunctionalInterface
    interface CountForm {
        TableTest create(Alternative alternative);
    }

    /**
     * A test of one two-by-two table (treatment events and patients, control events and patients), filling
     * a reused result; {@code org.trialsim.stats}' table tests fit as method references ({@code ...::test}).
     */
    @FunctionalInterface
    interface TableTest {
        TestResult test(int eventsTreatment, int nTreatment, int eventsControl, int nControl, TestResult into);
    }

    /** An analysis with a patient-level form only. */
    static AnalysisKind of(Analysis.Test test, String estimate, PerThread perThread) {
        return new AnalysisKind(test, estimate, perThread, null);
    }

    /**
     * An analysis of the two arms' totals, one two-by-two table: the same test serves the patient level
     * (on the extracted counts, {@link TableAnalysis}) and the count level.
     */
    static AnalysisKind table(Analysis.Test test, String estimate, CountForm form) {
        return new AnalysisKind(test, estimate, (endpoint, alternative) -> new TableAnalysis(form.create(alternative)),
                form);
    }

    /** @return the endpoint data type the test analyses */
    Endpoint.Type type() {
        return test.type();
    }

    /** @return whether the test compares one arm with {@code p0} */
    boolean singleArm() {
        return test.singleArm();
    }

    /** @return whether {@link CountLevelTrials} can apply the test to drawn counts */
    boolean hasCountLevelForm() {
        return countLevel != null;
    }
}
