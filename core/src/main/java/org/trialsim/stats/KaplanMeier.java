package org.trialsim.stats;

/**
 * The Kaplan-Meier estimate of the survival (event-free) probability at a milestone time {@code t}, with
 * Greenwood's variance (Kaplan and Meier 1958; Greenwood 1926; Klein and Moeschberger, <i>Survival
 * Analysis</i>, 2nd ed., 2003, section 4.2):
 * <pre>
 *   S(t) = prod_{t_j &lt;= t} (1 - d_j / n_j),     Var S(t) = S(t)^2 sum_{t_j &lt;= t} d_j / (n_j (n_j - d_j))
 * </pre>
 * over distinct event times {@code t_j}; patients censored at an event time are at risk at it. This is
 * R's {@code summary(survival::survfit(Surv(time, event) ~ 1), times = t, extend = TRUE)}: {@code surv} and
 * {@code std.err^2}.
 *
 * <p>Edge cases: before the first event {@code S = 1} with variance 0; after the last observed time the
 * estimate stays at its last value (as R with {@code extend = TRUE}); when everyone at risk has the event
 * ({@code n_j = d_j}) {@code S} drops to 0 and the variance is defined as 0 (R reports {@code NaN});
 * an empty sample gives {@code S = 1} and variance 0.
 *
 * <p>The same walk records the step function up to {@code t}: the distinct event times {@code t_j <= t},
 * {@code S(t_j)} just after each and the number at risk {@code n_j} at each ({@link #eventTimes},
 * {@link #survivalAtEventTimes}, {@link #atRiskAtEventTimes}); with {@code t = +Infinity} it is the whole curve
 * (R's {@code survfit} {@code time}, {@code surv} and {@code n.risk} at the times with {@code n.event > 0}).
 * So a plotted curve and a milestone estimate come from one product-limit computation and cannot disagree.
 *
 * <p>An instance holds grow-only sorting buffers and the result of the last {@link #compute} call; one
 * instance per thread. Allocation-free once the buffers have grown (the step-function accessors return
 * copies and are meant for plotting, off the replicate path).
 */
public final class KaplanMeier {

    private final TimeSort sorter = new TimeSort();
    /** The selected patients' times ({@code + 0.0}, so that {@code -0.0} ties with {@code 0.0}) and events. */
    private double[] times = new double[0];
    private byte[] events = new byte[0];
    /** The step function up to {@code t} of the last computation: {@code t_j}, {@code S(t_j)}, {@code n_j}. */
    private double[] stepTime = new double[0];
    private double[] stepSurvival = new double[0];
    private int[] stepAtRisk = new int[0];
    private int steps;

    private double survival;
    private double greenwoodSum;
    private int atRisk;

    /**
     * Estimates {@code S(t)} over all patients.
     *
     * @param time observed time per patient (event or censoring)
     * @param event whether the time is an event
     * @param size number of patients (first {@code size} entries)
     * @param t the milestone time
     * @return the estimate {@code S(t)}
     */
    public double compute(double[] time, boolean[] event, int size, double t) {
        return compute(time, event, null, true, size, t);
    }

    /**
     * Estimates {@code S(t)} over the patients of one group, e.g. one arm.
     *
     * @param time observed time per patient (event or censoring)
     * @param event whether the time is an event
     * @param group group per patient, or {@code null} to use every patient
     * @param selected the group whose patients are used
     * @param size number of patients (first {@code size} entries)
     * @param t the milestone time
     * @return the estimate {@code S(t)}
     */
    public double compute(double[] time, boolean[] event, boolean[] group, boolean selected, int size, double t) {
        if (times.length < size) {
            times = new double[size];
            events = new byte[size];
            stepTime = new double[size];
            stepSurvival = new double[size];
            stepAtRisk = new int[size];
        }
        int m = 0;
        for (int r = 0; r < size; r++) {
            if (group == null || group[r] == selected) {
                times[m] = time[r] + 0.0;
                events[m] = (byte) (event[r] ? 1 : 0);
                m++;
            }
        }
        sorter.sort(times, events, 0, m);
        final double limit = t + 0.0;
        double s = 1;
        double g = 0;
        int n = m;
        int k = 0;
        int i = 0;
        while (i < m && times[i] <= limit) {
            int deaths = 0;
            int j = i;
            do {
                deaths += events[j];
                j++;
            } while (j < m && times[j] == times[i]);
            if (deaths > 0) {
                if (deaths < n) {
                    s *= 1 - (double) deaths / n;
                    g += (double) deaths / ((double) n * (n - deaths));
                } else {
                    s = 0;
                }
                stepTime[k] = times[i];
                stepSurvival[k] = s;
                stepAtRisk[k] = n;
                k++;
            }
            n -= j - i;
            i = j;
        }
        survival = s;
        greenwoodSum = g;
        atRisk = n;
        steps = k;
        return s;
    }

    /** @return {@code S(t)} of the last computation */
    public double survival() {
        return survival;
    }

    /** @return Greenwood's variance of {@code S(t)}; 0 when {@code S(t) = 0} */
    public double variance() {
        return survival == 0 ? 0 : survival * survival * greenwoodSum;
    }

    /** @return Greenwood's standard error of {@code S(t)} */
    public double standardError() {
        return Math.sqrt(variance());
    }

    /** @return the number of patients still at risk just after {@code t} (observed time greater than {@code t}) */
    public int atRisk() {
        return atRisk;
    }

    /** @return the number of distinct event times {@code t_j <= t} of the last computation */
    public int steps() {
        return steps;
    }

    /**
     * The distinct event times {@code t_j <= t} of the last computation, increasing; {@code -0.0} is reported
     * as {@code 0.0} (the two are one time here).
     *
     * @return a new array of {@link #steps()} times
     */
    public double[] eventTimes() {
        return java.util.Arrays.copyOf(stepTime, steps);
    }

    /**
     * The estimate {@code S(t_j)} just after each event time of {@link #eventTimes()}: the value of the
     * right-continuous step function from {@code t_j} to the next event time.
     *
     * @return a new array of {@link #steps()} survival probabilities
     */
    public double[] survivalAtEventTimes() {
        return java.util.Arrays.copyOf(stepSurvival, steps);
    }

    /**
     * The number at risk {@code n_j} at each event time of {@link #eventTimes()}: patients whose observed time
     * is {@code t_j} or later (censored at {@code t_j} included).
     *
     * @return a new array of {@link #steps()} counts
     */
    public int[] atRiskAtEventTimes() {
        return java.util.Arrays.copyOf(stepAtRisk, steps);
    }
}
