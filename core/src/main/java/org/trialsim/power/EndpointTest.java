package org.trialsim.power;

import java.util.Arrays;
import java.util.List;
import org.trialsim.cohort.Cohort;
import org.trialsim.endpoint.BinaryOutcomes;
import org.trialsim.endpoint.ContinuousOutcomes;
import org.trialsim.endpoint.EndpointExtractor;
import org.trialsim.endpoint.TimeToEventOutcomes;
import org.trialsim.scenario.Endpoint;
import org.trialsim.stats.Alternative;
import org.trialsim.stats.TestResult;

/**
 * One thread's test of one endpoint: the outcome buffers of its data type, its configured
 * {@code org.trialsim.stats} test with a reused result, and the figures of the last analysis, which the
 * trial's decisions and the replay of a trial read: the signed standardized statistic {@link #z()} (positive
 * favours treatment, the scale group-sequential bounds use), the p-value, the test's own statistic and
 * estimate, and whether the data were informative. Built per thread by the {@link AnalysisKind} registered
 * for the test in {@link Analyses}; one subclass per kind of test, under one base per data type
 * ({@link Binary}, {@link Continuous}, {@link TimeToEvent}) that owns the extraction. Not thread-safe.
 */
abstract class EndpointTest {

    private double z;
    private double pValue = 1;
    private double statistic;
    private double estimate;
    private boolean informative = true;
    /** Responders and patients of the (treatment) arm, for binary data (Simon's decisions read them). */
    int events;
    int total;

    /**
     * Extracts the data of the first {@code n} patients of {@code c} at calendar week {@code cutoff} into the
     * buffers (from patient {@code from} on, the buffers already holding the rows before it; {@code from == 0}:
     * from scratch) and tests them.
     */
    abstract void analyse(EndpointExtractor extractor, Cohort c, int from, int n, double cutoff);

    /** The data of the last analysis, copied out of the buffers (for replays; allocates). */
    abstract EndpointData data(List<String> strata);

    /** Keeps the figures of this analysis. */
    final void set(double signedZ, double p, TestResult result, boolean isInformative) {
        this.z = signedZ;
        this.pValue = p;
        this.statistic = result.statistic();
        this.estimate = result.estimate();
        this.informative = isInformative;
    }

    /** Keeps the figures of an analysis whose statistic and estimate are not a {@link TestResult}'s. */
    final void set(double signedZ, double p, double ownStatistic, double ownEstimate, boolean isInformative) {
        this.z = signedZ;
        this.pValue = p;
        this.statistic = ownStatistic;
        this.estimate = ownEstimate;
        this.informative = isInformative;
    }

    /** @return the signed standardized statistic of the last analysis (positive favours treatment; 0 if undefined) */
    final double z() {
        return z;
    }

    /** @return the p-value of the last analysis (1 when uninformative) */
    final double pValue() {
        return pValue;
    }

    /** @return the test's own statistic of the last analysis, on the test's scale and sign (see its class) */
    final double statistic() {
        return statistic;
    }

    /** @return the test's estimate of the last analysis (risk difference, odds ratio, hazard ratio, ...) */
    final double estimate() {
        return estimate;
    }

    /**
     * The patients of each group in the last analysis' data, {@code {control, treatment}} (binary and continuous
     * data; what a two-stage design's stage-wise information is measured by). Allocates nothing: it fills
     * {@code into}.
     *
     * @param into an array of two, filled
     */
    void groupSizes(int[] into) {
        throw new UnsupportedOperationException("group sizes are counted for binary and continuous data only");
    }

    /** @return whether the last analysis had the information its test needs; without it the test cannot reject */
    final boolean informative() {
        return informative;
    }

    /** A test of binary data: responders and patients per group and stratum. */
    abstract static class Binary extends EndpointTest {
        private final BinaryOutcomes data = new BinaryOutcomes();

        @Override
        final void analyse(EndpointExtractor extractor, Cohort c, int from, int n, double cutoff) {
            if (from == 0) {
                extractor.extract(c, n, cutoff, data);
            } else {
                extractor.extend(c, from, n, cutoff, data);
            }
            events = data.events(1);
            total = data.total(1);
            test(data);
        }

        /** Tests the extracted counts and {@link #set}s the figures. */
        abstract void test(BinaryOutcomes counts);

        @Override
        final void groupSizes(int[] into) {
            into[0] = data.total(0);
            into[1] = data.total(1);
        }

        @Override
        final EndpointData data(List<String> strata) {
            int k = data.strata();
            return new EndpointData.Binary(strata,
                    new int[][] {Arrays.copyOf(data.eventsByStratum(0), k), Arrays.copyOf(data.eventsByStratum(1), k)},
                    new int[][] {Arrays.copyOf(data.totalsByStratum(0), k), Arrays.copyOf(data.totalsByStratum(1), k)});
        }
    }

    /**
     * A test of continuous data: scores (and baselines) per patient. The {@code org.trialsim.stats} tests call
     * a higher treatment mean better; where the kind says lower is better ({@link Endpoint.Kind#lowerIsBetter()},
     * a MADRS change) the one-sided alternative handed to the test is mirrored ({@link #direction()}) and the
     * sign of {@code z} flipped ({@link #finish}).
     */
    abstract static class Continuous extends EndpointTest {
        private final ContinuousOutcomes data = new ContinuousOutcomes();
        private final boolean lowerIsBetter;
        private final Alternative direction;

        Continuous(Endpoint endpoint, Alternative alternative) {
            lowerIsBetter = endpoint.kind().lowerIsBetter();
            direction = !lowerIsBetter ? alternative : alternative == Alternative.GREATER ? Alternative.LESS
                    : alternative == Alternative.LESS ? Alternative.GREATER : alternative;
        }

        /** @return whether a lower score favours treatment (a MADRS change) */
        final boolean lowerIsBetter() {
            return lowerIsBetter;
        }

        /** @return the alternative to configure the test with, in the test's orientation */
        final Alternative direction() {
            return direction;
        }

        @Override
        final void analyse(EndpointExtractor extractor, Cohort c, int from, int n, double cutoff) {
            if (from == 0) {
                extractor.extract(c, n, cutoff, data);
            } else {
                extractor.extend(c, from, n, cutoff, data);
            }
            finish(test(data));
            after();
        }

        /** Called after each analysis has set its figures; a Bayesian rule replaces them with its own. */
        void after() {
            // the tests' figures stand
        }

        /** Tests the extracted scores. */
        abstract TestResult test(ContinuousOutcomes scores);

        @Override
        final void groupSizes(int[] into) {
            boolean[] treatment = data.treatment();
            int t = 0;
            for (int i = 0; i < data.size(); i++) {
                t += treatment[i] ? 1 : 0;
            }
            into[0] = data.size() - t;
            into[1] = t;
        }

        @Override
        final EndpointData data(List<String> strata) {
            int m = data.size();
            return new EndpointData.Continuous(strata, Arrays.copyOf(data.value(), m), Arrays.copyOf(data.baseline(), m),
                    Arrays.copyOf(data.group(), m), Arrays.copyOf(data.stratum(), m));
        }

        /** Keeps a t-type result; an undefined ({@code NaN}) statistic never rejects. */
        private void finish(TestResult r) {
            double t = r.statistic();
            if (Double.isNaN(t)) {
                set(0, 1, r, false);
                return;
            }
            double p = r.pValue();
            set(lowerIsBetter ? -t : t, Double.isNaN(p) ? 1 : p, r, r.defined());
        }
    }

    /** A test of times to event: observed time, event flag, group and stratum per patient. */
    abstract static class TimeToEvent extends EndpointTest {
        private final TimeToEventOutcomes data = new TimeToEventOutcomes();

        @Override
        final void analyse(EndpointExtractor extractor, Cohort c, int from, int n, double cutoff) {
            int previous = data.size();
            if (from == 0) {
                extractor.extract(c, n, cutoff, data);
            } else {
                extractor.extend(c, from, n, cutoff, data);
            }
            test(data, from == 0 ? -1 : previous);
        }

        /**
         * Tests the extracted times and {@link #set}s the figures.
         *
         * @param previous {@code -1} when the buffers were refilled; else the rows they held before this
         *     extension (the rows tested last time, unchanged), so that only the new rows need sorting
         */
        abstract void test(TimeToEventOutcomes times, int previous);

        @Override
        final EndpointData data(List<String> strata) {
            int m = data.size();
            return new EndpointData.TimeToEvent(strata, Arrays.copyOf(data.time(), m), Arrays.copyOf(data.event(), m),
                    Arrays.copyOf(data.group(), m), Arrays.copyOf(data.stratum(), m));
        }
    }
}
