package org.trialsim.power;

import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.LogRankTest;

/**
 * The log-rank test, unstratified or stratified by the endpoint's analysis strata ({@link LogRankTest}; its
 * {@code z} is positive when the treatment arm has fewer events than expected). On a nested grid the times
 * of the new patients are sorted and merged into those of the last analysis. Informative when there are
 * events and the statistic is finite.
 */
final class LogRankAnalysis extends EndpointTest.TimeToEvent {

    private final LogRankTest test;
    private final boolean stratified;
    private final LogRankTest.Result result = new LogRankTest.Result();

    LogRankAnalysis(Endpoint endpoint, Alternative alternative, boolean stratified) {
        LogRankTest t = LogRankTest.withDefaults().with(alternative);
        // against a hazard-ratio margin: the Cox score test at log(margin)
        this.test = endpoint.analysis().hasMargin() ? t.withNullHazardRatio(endpoint.analysis().margin()) : t;
        this.stratified = stratified;
    }

    @Override
    void test(TimeToEventOutcomes times, int previous) {
        int[] strata = stratified ? times.stratum() : null;
        LogRankTest.Result r = previous < 0
                ? test.test(times.time(), times.event(), times.treatment(), strata, times.size(), result)
                : test.testExtended(times.time(), times.event(), times.treatment(), strata, previous, times.size(),
                        result);
        double z = r.statistic();
        set(z, r.pValue(), r, times.events() > 0 && Double.isFinite(z));
    }
}
