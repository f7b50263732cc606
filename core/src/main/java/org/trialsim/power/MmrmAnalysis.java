package org.trialsim.power;

import java.util.Arrays;
import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.RepeatedMeasures;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.MmrmTest;

/**
 * The mixed model for repeated measures ({@link MmrmTest}) of an endpoint whose kind has visits
 * ({@code score_change}): the changes from baseline at every visit up to the endpoint's week, each patient's up
 * to dropout, with the treatment difference tested at the endpoint's visit (the last of them), with
 * Satterthwaite's or Kenward and Roger's small-sample inference as the test's name says. A fit that does
 * not converge or cannot be made is undefined: the replicate counts as not rejected and as uninformative, and
 * the study warns with the count per sample size ({@code PowerStudy}).
 */
final class MmrmAnalysis extends EndpointTest {

    private final RepeatedMeasures data = new RepeatedMeasures();
    private final MmrmTest test;
    private final MmrmTest.Result result = new MmrmTest.Result();
    private final boolean lowerIsBetter;

    MmrmAnalysis(Endpoint endpoint, Alternative alternative, MmrmTest.Covariance covariance,
            MmrmTest.DegreesOfFreedom degreesOfFreedom) {
        lowerIsBetter = endpoint.kind().lowerIsBetter();
        Alternative direction = !lowerIsBetter ? alternative : alternative == Alternative.GREATER ? Alternative.LESS
                : alternative == Alternative.LESS ? Alternative.GREATER : alternative;
        MmrmTest t = MmrmTest.withDefaults().with(direction).with(covariance).with(degreesOfFreedom);
        // against a margin on the difference at the endpoint's visit (on the data's scale, treatment minus control)
        this.test = endpoint.analysis().hasMargin() ? t.withNullDifference(endpoint.analysis().margin()) : t;
    }

    @Override
    void analyse(EndpointExtractor extractor, Cohort c, int from, int n, double cutoff) {
        if (from == 0) {
            extractor.extract(c, n, cutoff, data);
        } else {
            extractor.extend(c, from, n, cutoff, data);
        }
        int visits = data.visits();
        test.test(data.change(), data.baseline(), data.treatment(), data.observed(), data.size(), visits, visits - 1,
                result);
        double t = result.statistic();
        set(lowerIsBetter ? -t : t, result.pValue(), result, result.defined());
    }

    /** For replays: the changes at the assessed visit of the patients seen there (the MMRM uses every visit). */
    @Override
    EndpointData data(List<String> strata) {
        int visits = data.visits();
        int seen = 0;
        for (int r = 0; r < data.size(); r++) {
            seen += data.observed()[r] == visits ? 1 : 0;
        }
        double[] value = new double[seen];
        double[] baseline = new double[seen];
        int[] group = new int[seen];
        int[] stratum = new int[seen];
        int k = 0;
        for (int r = 0; r < data.size(); r++) {
            if (data.observed()[r] == visits) {
                value[k] = data.change()[r * visits + visits - 1];
                baseline[k] = data.baseline()[r];
                group[k] = data.group()[r];
                stratum[k] = data.stratum()[r];
                k++;
            }
        }
        return new EndpointData.Continuous(strata, value, baseline, Arrays.copyOf(group, seen),
                Arrays.copyOf(stratum, seen));
    }
}
