package org.trialsim.multiarm;

import java.util.Arrays;

/**
 * A multi-arm trial with a binary outcome and response-adaptive randomisation (Thall PF, Wathen JK. Practical
 * Bayesian adaptive randomisation in clinical trials. Eur J Cancer 2007;43:859-866; the rules of adaptr,
 * Granholm A et al. J Clin Epidemiol 2022;150:72-79): patients are randomised one at a time with the current
 * allocation probabilities; at each analysis (after {@code looks[l]} patients) every arm's beta posterior
 * gives {@code P(arm best)}, and the next block is allocated in proportion to {@code P(best)^c} with
 * {@code c = n / (2 N)} (Thall and Wathen's transform; n the patients so far, N the maximum) or a fixed
 * {@code c}, each arm's probability clipped to {@code [floor, cap]} (the rest rescaled); a control, if named,
 * may keep a fixed share. Until the first look (the burn-in) allocation is equal, or the control's share and
 * equal among the others.
 *
 * <p>Decisions at each look: a non-control arm is dropped when {@code P(best) < inferiority} or, with a
 * control, when {@code P(p_arm > p_control) < futility}; the trial stops early for superiority when the
 * leading arm's probability (of beating the control, or of being best without one) exceeds
 * {@code superiority}, and for futility when no non-control arm is left. At the last look the leading arm is
 * selected and the trial succeeds when that probability exceeds {@code success}. The leading arm is the
 * active non-control arm with the largest {@code P(best)} (ties to the arm listed first).
 *
 * @param names the arms' names (2 to 10)
 * @param rates each arm's true response rate
 * @param control the control's index, or -1 for none
 * @param priorA the first shape of every arm's beta prior, at least 1
 * @param priorB the second shape, at least 1
 * @param looks the cumulative patients at each analysis, strictly increasing; the last is the maximum
 * @param power the transform's exponent c, or NaN for Thall and Wathen's {@code n / (2 N)}
 * @param floor the least allocation probability of an active arm, in [0, 1)
 * @param cap the largest, in (0, 1], at least {@code floor}
 * @param controlShare the control's fixed allocation probability, or NaN to allocate it like the others
 * @param inferiority drop an arm when its P(best) is below this, in [0, 1) (0: never)
 * @param futility drop an arm when its P(better than control) is below this, in [0, 1) (0: never)
 * @param superiority stop early when the leading probability exceeds this, in (0, 1] (1: never)
 * @param success the threshold of success at the last look, in (0, 1)
 */
public record ResponseAdaptiveDesign(String[] names, double[] rates, int control, double priorA, double priorB,
        int[] looks, double power, double floor, double cap, double controlShare, double inferiority,
        double futility, double superiority, double success) {

    /** Checks shapes and ranges (the scenario reader gives located messages first). */
    public ResponseAdaptiveDesign {
        int m = names.length;
        if (m < 2 || m > 10 || rates.length != m) {
            throw new IllegalArgumentException("2 to 10 arms, one rate each");
        }
        for (double r : rates) {
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("rates must be in [0, 1], found " + r);
            }
        }
        if (control < -1 || control >= m) {
            throw new IllegalArgumentException("control must be an arm's index or -1");
        }
        if (!(priorA >= 1 && priorB >= 1)) {
            throw new IllegalArgumentException("prior shapes must be at least 1");
        }
        if (looks.length < 1 || looks[0] < 1) {
            throw new IllegalArgumentException("at least one look, after at least one patient");
        }
        for (int i = 1; i < looks.length; i++) {
            if (looks[i] <= looks[i - 1]) {
                throw new IllegalArgumentException("looks must increase strictly");
            }
        }
        if (!(Double.isNaN(power) || power >= 0)) {
            throw new IllegalArgumentException("power must be non-negative");
        }
        if (!(floor >= 0 && floor < 1 && cap > 0 && cap <= 1 && cap >= floor && floor * m <= 1)) {
            throw new IllegalArgumentException("need 0 <= floor <= cap <= 1 and floor times arms at most 1");
        }
        if (!Double.isNaN(controlShare) && !(control >= 0 && controlShare > 0 && controlShare < 1)) {
            throw new IllegalArgumentException("a fixed control share needs a control and a share in (0, 1)");
        }
        if (control < 0 && futility > 0) {
            throw new IllegalArgumentException("futility against the control needs a control");
        }
        for (double t : new double[] {inferiority, futility}) {
            if (!(t >= 0 && t < 1)) {
                throw new IllegalArgumentException("inferiority and futility thresholds must be in [0, 1)");
            }
        }
        if (!(superiority > 0 && superiority <= 1 && success > 0 && success < 1)) {
            throw new IllegalArgumentException("superiority in (0, 1], success in (0, 1)");
        }
        names = names.clone();
        rates = rates.clone();
        looks = looks.clone();
    }

    /** The number of arms. */
    public int arms() {
        return names.length;
    }

    /** The maximum number of patients. */
    public int maxPatients() {
        return looks[looks.length - 1];
    }

    /** The same design with every arm at the control's rate (or the first arm's without a control). */
    public ResponseAdaptiveDesign nullDesign() {
        double[] r = new double[rates.length];
        Arrays.fill(r, rates[Math.max(control, 0)]);
        return withRates(r);
    }

    /** The same design with other true rates. */
    public ResponseAdaptiveDesign withRates(double[] other) {
        return new ResponseAdaptiveDesign(names, other, control, priorA, priorB, looks, power, floor, cap,
                controlShare, inferiority, futility, superiority, success);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseAdaptiveDesign d && Arrays.equals(names, d.names) && Arrays.equals(rates, d.rates)
                && control == d.control && priorA == d.priorA && priorB == d.priorB && Arrays.equals(looks, d.looks)
                && Double.compare(power, d.power) == 0 && floor == d.floor && cap == d.cap
                && Double.compare(controlShare, d.controlShare) == 0 && inferiority == d.inferiority
                && futility == d.futility && superiority == d.superiority && success == d.success;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rates) * 31 + Arrays.hashCode(looks);
    }

    @Override
    public String toString() {
        return "ResponseAdaptiveDesign" + Arrays.toString(names) + Arrays.toString(rates);
    }
}
