package org.trialsim.scenario;

import java.util.List;

/**
 * A hazard of an event over time since its origin, in events per week, with the closed forms that the
 * sampler (by inversion of the cumulative hazard) and the planner's summaries need. Klein JP, Moeschberger
 * ML. Survival Analysis, 2nd ed. Springer 2003, chapter 2.
 */
public sealed interface Hazard permits Hazard.Exponential, Hazard.Weibull, Hazard.PiecewiseExponential {

    /** Cumulative hazard H(t) = integral of the hazard from 0 to t; H(t) = 0 for t &lt;= 0. */
    double cumulativeHazard(double t);

    /** The time t at which the cumulative hazard reaches h >= 0 ({@code +Infinity} if it never does). */
    double inverseCumulativeHazard(double h);

    /** Survival S(t) = exp(-H(t)). */
    default double survival(double t) {
        return Math.exp(-cumulativeHazard(t));
    }

    /** Median time to event (the time at which S(t) = 1/2). */
    default double median() {
        return inverseCumulativeHazard(Math.log(2));
    }

    /**
     * Constant hazard.
     *
     * @param rate events per week, >= 0
     */
    record Exponential(double rate) implements Hazard {
        @Override
        public double cumulativeHazard(double t) {
            return t <= 0 ? 0 : rate * t;
        }

        @Override
        public double inverseCumulativeHazard(double h) {
            return rate == 0 ? (h == 0 ? 0 : Double.POSITIVE_INFINITY) : h / rate;
        }
    }

    /**
     * Weibull hazard with H(t) = (t / scale)^shape.
     *
     * @param shape shape k > 0 (k &lt; 1 decreasing hazard, k > 1 increasing)
     * @param scale scale in weeks > 0
     */
    record Weibull(double shape, double scale) implements Hazard {
        @Override
        public double cumulativeHazard(double t) {
            return t <= 0 ? 0 : Math.pow(t / scale, shape);
        }

        @Override
        public double inverseCumulativeHazard(double h) {
            return scale * Math.pow(h, 1 / shape);
        }
    }

    /**
     * Piecewise-constant hazard: {@code rates.get(i)} holds from {@code starts.get(i)} until the next start;
     * the last rate holds for ever. {@code starts.get(0)} is 0.
     *
     * @param starts start of each piece in weeks, strictly increasing from 0
     * @param rates hazard of each piece in events per week, >= 0
     */
    record PiecewiseExponential(List<Double> starts, List<Double> rates) implements Hazard {

        public PiecewiseExponential {
            starts = List.copyOf(starts);
            rates = List.copyOf(rates);
            if (starts.size() != rates.size() || starts.isEmpty()) {
                throw new IllegalArgumentException("starts and rates must be non-empty and of equal length");
            }
        }

        @Override
        public double cumulativeHazard(double t) {
            double h = 0;
            for (int i = 0; i < starts.size() && t > starts.get(i); i++) {
                double end = i + 1 < starts.size() ? Math.min(t, starts.get(i + 1)) : t;
                h += rates.get(i) * (end - starts.get(i));
            }
            return h;
        }

        @Override
        public double inverseCumulativeHazard(double h) {
            double remaining = h;
            for (int i = 0; i < starts.size(); i++) {
                double rate = rates.get(i);
                boolean last = i + 1 == starts.size();
                double width = last ? Double.POSITIVE_INFINITY : starts.get(i + 1) - starts.get(i);
                double mass = rate * width;
                if (remaining <= mass) {
                    return rate == 0 ? starts.get(i) : starts.get(i) + remaining / rate;
                }
                remaining -= mass;
            }
            return Double.POSITIVE_INFINITY;
        }
    }
}
