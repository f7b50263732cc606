package org.trialsim.power;

import static org.trialsim.power.EffectEstimate.ADJUSTED_MEAN_DIFFERENCE;
import static org.trialsim.power.EffectEstimate.COMMON_ODDS_RATIO;
import static org.trialsim.power.EffectEstimate.HAZARD_RATIO;
import static org.trialsim.power.EffectEstimate.MEAN_DIFFERENCE;
import static org.trialsim.power.EffectEstimate.MMRM_DIFFERENCE;
import static org.trialsim.power.EffectEstimate.ODDS_RATIO;
import static org.trialsim.power.EffectEstimate.RATE_RATIO;
import static org.trialsim.power.EffectEstimate.RESPONSE_RATE;
import static org.trialsim.power.EffectEstimate.RISK_DIFFERENCE;
import static org.trialsim.power.EffectEstimate.RISK_RATIO;

import java.util.EnumMap;
import java.util.Map;
import org.trialsim.scenario.Analysis;
import org.trialsim.stats.ContinuityCorrection;
import org.trialsim.stats.DataDispersion;
import org.trialsim.stats.FisherExactTest;
import org.trialsim.stats.MarginScoreTest;
import org.trialsim.stats.MmrmTest;
import org.trialsim.stats.TwoProportionZTest;
import org.trialsim.stats.WaldRiskDifferenceTest;

/**
 * The registry of analyses: one {@link AnalysisKind} per {@link Analysis.Test}, one line each. The patient
 * level ({@link EndpointAnalysis}) builds each thread's test from it and the count level
 * ({@link CountLevelTrials}) takes its count-level form from it, so neither chooses a test by name.
 *
 * <p>Adding a test (docs/architecture.md, "Recipe: adding a test"): a constant in {@link Analysis.Test} (its name
 * in scenario files, data type and arms), the computation in {@code org.trialsim.stats} in the package's calling
 * shape, a subclass of {@link EndpointTest} for a new shape of data (a table test needs none: it registers
 * with {@link AnalysisKind#table}), and one line below, which also names the effect the test estimates. Every
 * constant must be registered: the class refuses to load otherwise ({@code AnalysesTest} checks it).
 */
final class Analyses {

    private static final Map<Analysis.Test, AnalysisKind> KINDS = register(
            AnalysisKind.table(Analysis.Test.CHI_SQUARE, RISK_DIFFERENCE,
                    a -> TwoProportionZTest.withDefaults().with(a)::test),
            AnalysisKind.table(Analysis.Test.CHI_SQUARE_CORRECTED, RISK_DIFFERENCE,
                    a -> TwoProportionZTest.withDefaults().with(ContinuityCorrection.ENABLED).with(a)::test),
            AnalysisKind.table(Analysis.Test.FISHER, RISK_DIFFERENCE, a -> FisherExactTest.withDefaults().with(a)::test),
            AnalysisKind.table(Analysis.Test.WALD_RISK_DIFFERENCE, RISK_DIFFERENCE,
                    a -> WaldRiskDifferenceTest.withDefaults().with(a)::test),
            AnalysisKind.of(Analysis.Test.FARRINGTON_MANNING, RISK_DIFFERENCE,
                    (e, a) -> margin(MarginScoreTest.Scale.RISK_DIFFERENCE, e, a)),
            AnalysisKind.of(Analysis.Test.FARRINGTON_MANNING_RATIO, RISK_RATIO,
                    (e, a) -> margin(MarginScoreTest.Scale.RISK_RATIO, e, a)),
            AnalysisKind.of(Analysis.Test.SCORE_ODDS_RATIO, ODDS_RATIO,
                    (e, a) -> margin(MarginScoreTest.Scale.ODDS_RATIO, e, a)),
            AnalysisKind.of(Analysis.Test.IPW_RISK_DIFFERENCE, RISK_DIFFERENCE,
                    (e, a) -> new IpwRiskDifferenceAnalysis(a)),
            AnalysisKind.of(Analysis.Test.CMH, COMMON_ODDS_RATIO, (e, a) -> new CmhAnalysis(a)),
            AnalysisKind.of(Analysis.Test.BINOMIAL_EXACT, RESPONSE_RATE, SingleArmAnalysis::new),
            AnalysisKind.of(Analysis.Test.SIMON, RESPONSE_RATE, SingleArmAnalysis::new),
            AnalysisKind.of(Analysis.Test.PREDICTIVE_PROBABILITY, RESPONSE_RATE, SingleArmAnalysis::new),
            AnalysisKind.of(Analysis.Test.BAYESIAN_BINARY, RISK_DIFFERENCE, (e, a) -> new BayesianBinaryAnalysis(e)),
            AnalysisKind.of(Analysis.Test.BAYESIAN_CONTINUOUS, MEAN_DIFFERENCE, BayesianContinuousAnalysis::new),
            AnalysisKind.of(Analysis.Test.BAYESIAN_TIME_TO_EVENT, HAZARD_RATIO,
                    (e, a) -> new BayesianTimeToEventAnalysis(e)),
            AnalysisKind.of(Analysis.Test.BAYESIAN_EVENT_RATE, RATE_RATIO, (e, a) -> new BayesianEventRateAnalysis(e)),
            AnalysisKind.of(Analysis.Test.LOG_RANK, HAZARD_RATIO, (e, a) -> new LogRankAnalysis(e, a, false)),
            AnalysisKind.of(Analysis.Test.STRATIFIED_LOG_RANK, HAZARD_RATIO, (e, a) -> new LogRankAnalysis(e, a, true)),
            AnalysisKind.of(Analysis.Test.T_TEST, MEAN_DIFFERENCE,
                    (e, a) -> new MeanDifferenceAnalysis(e, a, DataDispersion.HOMOSCEDASTIC)),
            AnalysisKind.of(Analysis.Test.WELCH, MEAN_DIFFERENCE,
                    (e, a) -> new MeanDifferenceAnalysis(e, a, DataDispersion.HETEROSCEDASTIC)),
            AnalysisKind.of(Analysis.Test.ANCOVA, ADJUSTED_MEAN_DIFFERENCE, AncovaAnalysis::new),
            mmrm(Analysis.Test.MMRM, MmrmTest.Covariance.UNSTRUCTURED),
            mmrm(Analysis.Test.MMRM_AR1, MmrmTest.Covariance.AR1),
            mmrm(Analysis.Test.MMRM_CS, MmrmTest.Covariance.COMPOUND_SYMMETRY),
            mmrm(Analysis.Test.MMRM_KR, MmrmTest.Covariance.UNSTRUCTURED),
            mmrm(Analysis.Test.MMRM_AR1_KR, MmrmTest.Covariance.AR1),
            mmrm(Analysis.Test.MMRM_CS_KR, MmrmTest.Covariance.COMPOUND_SYMMETRY));

    /** An MMRM with the covariance given and the test's small-sample method. */
    private static AnalysisKind mmrm(Analysis.Test test, MmrmTest.Covariance covariance) {
        MmrmTest.DegreesOfFreedom df = test.kenwardRoger() ? MmrmTest.DegreesOfFreedom.KENWARD_ROGER
                : MmrmTest.DegreesOfFreedom.SATTERTHWAITE;
        return AnalysisKind.of(test, MMRM_DIFFERENCE, (e, a) -> new MmrmAnalysis(e, a, covariance, df));
    }

    private Analyses() {
    }

    /**
     * A score test of the arms' totals against the endpoint's margin: patient level only (the count level's
     * table forms are configured by the alternative alone).
     */
    private static EndpointTest margin(MarginScoreTest.Scale scale, org.trialsim.scenario.Endpoint e,
            org.trialsim.stats.Alternative a) {
        return new TableAnalysis(MarginScoreTest.withDefaults().with(scale, e.analysis().margin()).with(a)::test);
    }

    /** @return the analysis registered for {@code test} */
    static AnalysisKind of(Analysis.Test test) {
        return KINDS.get(test);
    }

    private static Map<Analysis.Test, AnalysisKind> register(AnalysisKind... kinds) {
        Map<Analysis.Test, AnalysisKind> map = new EnumMap<>(Analysis.Test.class);
        for (AnalysisKind k : kinds) {
            if (map.put(k.test(), k) != null) {
                throw new IllegalStateException("test " + k.test() + " is registered twice");
            }
        }
        for (Analysis.Test t : Analysis.Test.values()) {
            if (!map.containsKey(t)) {
                throw new IllegalStateException("test " + t + " has no analysis registered in Analyses");
            }
        }
        return map;
    }
}
