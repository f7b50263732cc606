package org.trialsim.scenario;

import java.util.List;

/**
 * When patients enter the trial, in calendar weeks since the start of recruitment.
 */
public sealed interface Enrollment permits Enrollment.Uniform, Enrollment.Even, Enrollment.Piecewise {

    /**
     * Each patient's entry time independently uniform over the recruitment period (as in Mediana and
     * simtrial's uniform accrual).
     *
     * @param durationWeeks length of the recruitment period
     */
    record Uniform(double durationWeeks) implements Enrollment {
    }

    /**
     * Deterministic, evenly spaced entry: patient i of n enters at i * duration / n (rpact's accrual for
     * getSimulationSurvival).
     *
     * @param durationWeeks length of the recruitment period
     */
    record Even(double durationWeeks) implements Enrollment {
    }

    /**
     * A Poisson arrival process with piecewise-constant rates: {@code ratesPerWeek.get(i)} patients per week
     * from {@code starts.get(i)} until the next start, the last rate for ever.
     *
     * @param starts start of each period in weeks, strictly increasing from 0
     * @param ratesPerWeek arrival rate of each period, > 0 for the last
     */
    record Piecewise(List<Double> starts, List<Double> ratesPerWeek) implements Enrollment {
        public Piecewise {
            starts = List.copyOf(starts);
            ratesPerWeek = List.copyOf(ratesPerWeek);
        }
    }
}
