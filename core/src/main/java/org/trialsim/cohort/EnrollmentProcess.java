package org.trialsim.cohort;

import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.Hazard;

/**
 * Calendar entry times of the patients of a cohort, in index order, from the scenario's {@link Enrollment}.
 *
 * <p>Nesting: with {@link Enrollment.Uniform} each entry is an independent uniform over the period, and with
 * {@link Enrollment.Piecewise} the entries are the successive arrivals of a Poisson process, so in both cases
 * the first n patients of a cohort are distributed as (indeed are bit for bit) a cohort of n. With
 * {@link Enrollment.Even} patient i (counted from 1) of a trial of n enters at i * duration / n, the last at
 * the end of the period, as rpact's getSimulationSurvival; this depends on n: the cohort stores the entries of the full cohort, and {@link #entry(Cohort, int, int)} recomputes the
 * entry of patient i in a trial of n when data are extracted.
 */
public abstract sealed class EnrollmentProcess
        permits EnrollmentProcess.Uniform, EnrollmentProcess.Even, EnrollmentProcess.Poisson {

    /** Compiles an enrollment model. */
    public static EnrollmentProcess of(Enrollment enrollment) {
        if (enrollment instanceof Enrollment.Uniform u) {
            return new Uniform(positive(u.durationWeeks()));
        }
        if (enrollment instanceof Enrollment.Even e) {
            return new Even(positive(e.durationWeeks()));
        }
        Enrollment.Piecewise p = (Enrollment.Piecewise) enrollment;
        return new Poisson(CumulativeHazard.of(new Hazard.PiecewiseExponential(p.starts(), p.ratesPerWeek()), 1));
    }

    private static double positive(double duration) {
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("enrollment duration must be finite and >= 0: " + duration);
        }
        return duration;
    }

    /**
     * Writes the entries of patients 0 to n - 1 of a cohort of n into {@code entries}, drawing in patient order
     * from {@code v} (the enrollment channel).
     */
    void sample(Variates v, double[] entries, int n) {
        double previous = 0;
        for (int i = 0; i < n; i++) {
            previous = next(v, previous);
            entries[i] = previous;
        }
    }

    /**
     * The entry of the next patient given the previous one's (0 for the first), drawn from {@code v}; only for
     * processes whose entries are {@link #random()}.
     */
    abstract double next(Variates v, double previous);

    /** Whether the entries are drawn (else they are a function of n alone and {@code sample} draws nothing). */
    boolean random() {
        return true;
    }

    /**
     * Calendar week at which patient {@code i} enters a trial of {@code n} patients sampled in {@code c}: the
     * entry stored in the cohort, unless (as with {@code Even}) it depends on {@code n}.
     */
    public double entry(Cohort c, int i, int n) {
        return c.enrolled[i];
    }

    /** Independent uniform entries over the recruitment period. */
    static final class Uniform extends EnrollmentProcess {
        private final double duration;

        Uniform(double duration) {
            this.duration = duration;
        }

        @Override
        double next(Variates v, double previous) {
            return duration * v.uniform();
        }
    }

    /** Deterministic entries i * duration / n, i = 1..n (0-based index + 1). */
    static final class Even extends EnrollmentProcess {
        private final double duration;

        Even(double duration) {
            this.duration = duration;
        }

        @Override
        void sample(Variates v, double[] entries, int n) {
            for (int i = 0; i < n; i++) {
                entries[i] = entryOf(i, n);
            }
        }

        @Override
        boolean random() {
            return false;
        }

        @Override
        double next(Variates v, double previous) {
            throw new UnsupportedOperationException("even entries are not drawn");
        }

        @Override
        public double entry(Cohort c, int i, int n) {
            return entryOf(i, n);
        }

        private double entryOf(int i, int n) {
            return duration * (i + 1) / n;
        }
    }

    /**
     * Arrivals of a Poisson process with piecewise-constant rate: with Lambda the cumulative rate, the i-th
     * arrival is Lambda^{-1}(Lambda(T_{i-1}) + E_i), E_i ~ Exp(1): the image of a unit-rate Poisson process
     * under Lambda^{-1} (Cinlar E. Introduction to Stochastic Processes. Prentice-Hall 1975, section 4.7; Ross
     * SM. Simulation, 5th ed. Academic Press 2013, section 5.5).
     */
    static final class Poisson extends EnrollmentProcess {
        private final CumulativeHazard intensity;

        Poisson(CumulativeHazard intensity) {
            this.intensity = intensity;
        }

        @Override
        double next(Variates v, double previous) {
            return intensity.inverse(intensity.value(previous) + v.exponential());
        }
    }
}
