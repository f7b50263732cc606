package org.trialsim.cohort;

import org.trialsim.scenario.Hazard;

/**
 * A cumulative hazard H(t) multiplied by a constant (a proportional-hazards ratio), compiled to primitive
 * fields for the sampling hot path, with its inverse. Event times are drawn by inversion: if E ~ Exp(1) then
 * T = H^{-1}(E) has survival exp(-H(t)) (Bender R, Augustin T, Blettner M. Generating survival times to
 * simulate Cox proportional hazards models. Stat Med 2005;24:1713-1723).
 */
public abstract sealed class CumulativeHazard
        permits CumulativeHazard.Exponential, CumulativeHazard.Weibull, CumulativeHazard.Piecewise {

    /** The cumulative hazard of {@code multiplier} times {@code hazard}. */
    public static CumulativeHazard of(Hazard hazard, double multiplier) {
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("hazard multiplier must be finite and >= 0: " + multiplier);
        }
        if (hazard instanceof Hazard.Exponential e) {
            return new Exponential(e.rate() * multiplier);
        }
        if (hazard instanceof Hazard.Weibull w) {
            return new Weibull(w.shape(), w.scale(), multiplier);
        }
        Hazard.PiecewiseExponential p = (Hazard.PiecewiseExponential) hazard;
        int k = p.starts().size();
        double[] starts = new double[k];
        double[] rates = new double[k];
        for (int i = 0; i < k; i++) {
            starts[i] = p.starts().get(i);
            rates[i] = p.rates().get(i) * multiplier;
        }
        return new Piecewise(starts, rates);
    }

    /** H(t); 0 for t &lt;= 0. */
    public abstract double value(double t);

    /** The smallest t with H(t) >= h, for h >= 0; {@code +Infinity} if H never reaches h. */
    public abstract double inverse(double h);

    /**
     * Whether {@link #inverse} costs no more than a division (so the sampler may compute it for every patient
     * and discard it, rather than branch on whether the patient is at risk).
     */
    boolean cheapInverse() {
        return false;
    }

    /** Constant hazard. */
    static final class Exponential extends CumulativeHazard {
        private final double rate;
        /** 1 / rate (+Infinity for a zero rate): the inverse multiplies, a division costing 4-5 times more. */
        private final double mean;

        Exponential(double rate) {
            this.rate = rate;
            this.mean = 1 / rate;
        }

        @Override
        public double value(double t) {
            return t <= 0 ? 0 : rate * t;
        }

        @Override
        public double inverse(double h) {
            return h <= 0 ? 0 : h * mean; // h * (1 / 0) = +Infinity: no event
        }

        @Override
        boolean cheapInverse() {
            return true;
        }
    }

    /** H(t) = m (t / scale)^shape. */
    static final class Weibull extends CumulativeHazard {
        private final double shape;
        private final double scale;
        private final double multiplier;
        private final double inverseShape;

        Weibull(double shape, double scale, double multiplier) {
            if (!(shape > 0) || !(scale > 0)) {
                throw new IllegalArgumentException("Weibull shape and scale must be > 0");
            }
            this.shape = shape;
            this.scale = scale;
            this.multiplier = multiplier;
            this.inverseShape = 1 / shape;
        }

        @Override
        public double value(double t) {
            return t <= 0 ? 0 : multiplier * Math.pow(t / scale, shape);
        }

        @Override
        public double inverse(double h) {
            return h <= 0 ? 0 : scale * Math.pow(h / multiplier, inverseShape);
        }
    }

    /** Piecewise-constant hazard, the last rate for ever. */
    static final class Piecewise extends CumulativeHazard {
        private final double[] starts;
        private final double[] rates;
        /** H at each start. */
        private final double[] atStart;

        Piecewise(double[] starts, double[] rates) {
            if (starts.length == 0 || starts[0] != 0) {
                throw new IllegalArgumentException("piecewise hazard must start at 0");
            }
            this.starts = starts;
            this.rates = rates;
            this.atStart = new double[starts.length];
            for (int i = 1; i < starts.length; i++) {
                if (!(starts[i] > starts[i - 1])) {
                    throw new IllegalArgumentException("piecewise hazard starts must increase");
                }
                atStart[i] = atStart[i - 1] + rates[i - 1] * (starts[i] - starts[i - 1]);
            }
        }

        @Override
        public double value(double t) {
            if (t <= 0) {
                return 0;
            }
            int i = starts.length - 1;
            while (starts[i] > t) {
                i--;
            }
            return atStart[i] + rates[i] * (t - starts[i]);
        }

        @Override
        public double inverse(double h) {
            if (h <= 0) {
                return 0;
            }
            int i = atStart.length - 1;
            while (atStart[i] >= h) {
                i--;
            }
            // atStart[i] < h <= atStart[i + 1]: a piece with zero rate is never chosen unless it is the last.
            return starts[i] + (h - atStart[i]) / rates[i];
        }
    }
}
