package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.AncovaTest;
import org.trialsim.stats.ContinuityCorrection;
import org.trialsim.stats.DataDispersion;
import org.trialsim.stats.ExactBinomialTest;
import org.trialsim.stats.FisherExactTest;
import org.trialsim.stats.LogRankTest;
import org.trialsim.stats.MantelHaenszelTest;
import org.trialsim.stats.TestResult;
import org.trialsim.stats.TwoProportionZTest;
import org.trialsim.stats.TwoSampleTTest;
import org.trialsim.stats.WaldRiskDifferenceTest;

/**
 * What a thread's analysis of an endpoint reports (the figures a replay of one trial shows) is, bit for bit,
 * the {@code org.trialsim.stats} test the endpoint names run on the same extracted data: the p-value, the
 * test's statistic and estimate, and the signed z (the statistic, negated for a MADRS change, where lower is
 * better). Stated here test by test, independently of the registry; on a nested grid (the second size extends
 * the first one's data) as well as from scratch.
 */
class EndpointAnalysisTest {

    @Test
    void reportsTheNamedTestOnTheExtractedData() {
        for (String yaml : new String[] {AnalysesTest.TWO_ARM, AnalysesTest.SINGLE_ARM}) {
            Scenario s = ScenarioParser.parse(yaml, "every.yaml");
            int nMax = s.design().sampleSizes().get(s.design().sampleSizes().size() - 1);
            Cohort cohort = new Cohort(nMax);
            CohortSampler sampler = SamplingPlan.compile(s).newSampler();
            DataCutoff cutoff = DataCutoff.compile(s);
            for (Alternative alternative : Alternative.values()) {
                for (Endpoint e : s.endpoints()) {
                    if (e.analysis().test().bayesian()) {
                        // no stats test to call directly: BayesianRuleStudyTest checks these against exact values
                        continue;
                    }
                    EndpointAnalysis analysis = EndpointAnalysis.compile(s, e, alternative);
                    int informative = 0;
                    for (long replicate = 0; replicate < 20; replicate++) {
                        sampler.sample(cohort, nMax, 17, replicate);
                        analysis.newCohort();
                        for (int n : s.design().sampleSizes()) {
                            double time = cutoff.calendarTime(cohort, n);
                            double p = analysis.analyse(cohort, n, time);
                            String where = e.name() + " " + alternative + " replicate " + replicate + " n " + n;
                            TestResult expected = direct(s, e, alternative, cohort, n, time);
                            assertEquals(bits(expected.pValue()), bits(p), where + ": p");
                            assertEquals(bits(p), bits(analysis.pValue()), where + ": pValue()");
                            assertEquals(bits(expected.statistic()), bits(analysis.statistic()), where + ": statistic");
                            assertEquals(bits(expected.estimate()), bits(analysis.estimateValue()), where + ": estimate");
                            double z = e.kind().lowerIsBetter() ? -expected.statistic()
                                    : expected.statistic();
                            assertEquals(bits(z), bits(analysis.z()), where + ": z");
                            informative += analysis.informative() ? 1 : 0;
                        }
                    }
                    assertTrue(informative > 0, e.name() + ": never informative, so nothing was compared");
                }
            }
        }
    }

    private static long bits(double x) {
        return Double.doubleToLongBits(x);
    }

    /** The endpoint's test on freshly extracted data, called directly. */
    private static TestResult direct(Scenario s, Endpoint e, Alternative alternative, Cohort c, int n, double time) {
        EndpointExtractor x = EndpointExtractor.compile(s, e);
        // the stats tests call a higher mean better; for a MADRS change the engine tests the mirrored side
        Alternative mirrored = alternative == Alternative.GREATER ? Alternative.LESS
                : alternative == Alternative.LESS ? Alternative.GREATER : alternative;
        Alternative continuous = e.kind().lowerIsBetter() ? mirrored : alternative;
        switch (e.kind().type()) {
            case BINARY -> {
                BinaryOutcomes b = new BinaryOutcomes();
                x.extract(c, n, time, b);
                int xT = b.events(1);
                int nT = b.total(1);
                int xC = b.events(0);
                int nC = b.total(0);
                return switch (e.analysis().test()) {
                    case CHI_SQUARE -> TwoProportionZTest.withDefaults().with(alternative).test(xT, nT, xC, nC);
                    case CHI_SQUARE_CORRECTED -> TwoProportionZTest.withDefaults().with(ContinuityCorrection.ENABLED)
                            .with(alternative).test(xT, nT, xC, nC);
                    case FISHER -> FisherExactTest.withDefaults().with(alternative).test(xT, nT, xC, nC);
                    case WALD_RISK_DIFFERENCE -> WaldRiskDifferenceTest.withDefaults().with(alternative)
                            .test(xT, nT, xC, nC);
                    case CMH -> MantelHaenszelTest.withDefaults().with(alternative).test(b.eventsByStratum(1),
                            b.totalsByStratum(1), b.eventsByStratum(0), b.totalsByStratum(0), b.strata());
                    case FARRINGTON_MANNING, FARRINGTON_MANNING_RATIO, SCORE_ODDS_RATIO -> org.trialsim.stats
                            .MarginScoreTest.withDefaults().with(switch (e.analysis().test()) {
                                case FARRINGTON_MANNING -> org.trialsim.stats.MarginScoreTest.Scale.RISK_DIFFERENCE;
                                case FARRINGTON_MANNING_RATIO -> org.trialsim.stats.MarginScoreTest.Scale.RISK_RATIO;
                                default -> org.trialsim.stats.MarginScoreTest.Scale.ODDS_RATIO;
                            }, e.analysis().margin()).with(alternative).test(xT, nT, xC, nC);
                    case IPW_RISK_DIFFERENCE -> org.trialsim.stats.StandardizedRiskDifference.withDefaults()
                            .with(alternative).test(b.eventsByGroup(), b.totalsByGroup(), b.missingByGroup(),
                                    b.strata(), new TestResult());
                    case BINOMIAL_EXACT, SIMON -> ExactBinomialTest.withDefaults()
                            .withNullProportion(e.analysis().nullValue()).with(alternative).test(xT, nT);
                    default -> throw new AssertionError(e.analysis().test());
                };
            }
            case CONTINUOUS -> {
                if (e.analysis().test().repeatedMeasures()) {
                    org.trialsim.endpoint.RepeatedMeasures m = new org.trialsim.endpoint.RepeatedMeasures();
                    x.extract(c, n, time, m);
                    org.trialsim.stats.MmrmTest.Covariance covariance = switch (e.analysis().test()) {
                        case MMRM_AR1, MMRM_AR1_KR -> org.trialsim.stats.MmrmTest.Covariance.AR1;
                        case MMRM_CS, MMRM_CS_KR -> org.trialsim.stats.MmrmTest.Covariance.COMPOUND_SYMMETRY;
                        default -> org.trialsim.stats.MmrmTest.Covariance.UNSTRUCTURED;
                    };
                    org.trialsim.stats.MmrmTest.DegreesOfFreedom df = e.analysis().test().kenwardRoger()
                            ? org.trialsim.stats.MmrmTest.DegreesOfFreedom.KENWARD_ROGER
                            : org.trialsim.stats.MmrmTest.DegreesOfFreedom.SATTERTHWAITE;
                    return org.trialsim.stats.MmrmTest.withDefaults().with(continuous).with(covariance).with(df).test(m.change(),
                            m.baseline(), m.treatment(), m.observed(), m.size(), m.visits(), m.visits() - 1);
                }
                ContinuousOutcomes y = new ContinuousOutcomes();
                x.extract(c, n, time, y);
                return switch (e.analysis().test()) {
                    case T_TEST -> TwoSampleTTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC).with(continuous)
                            .test(y.value(), y.treatment(), y.size());
                    case WELCH -> TwoSampleTTest.withDefaults().with(continuous)
                            .test(y.value(), y.treatment(), y.size());
                    case ANCOVA -> AncovaTest.withDefaults().with(continuous)
                            .test(y.value(), y.baseline(), y.treatment(), y.size());
                    default -> throw new AssertionError(e.analysis().test());
                };
            }
            default -> {
                TimeToEventOutcomes t = new TimeToEventOutcomes();
                x.extract(c, n, time, t);
                return switch (e.analysis().test()) {
                    case LOG_RANK -> LogRankTest.withDefaults().with(alternative)
                            .test(t.time(), t.event(), t.treatment(), null, t.size());
                    case STRATIFIED_LOG_RANK -> LogRankTest.withDefaults().with(alternative)
                            .test(t.time(), t.event(), t.treatment(), t.stratum(), t.size());
                    default -> throw new AssertionError(e.analysis().test());
                };
            }
        }
    }
}
