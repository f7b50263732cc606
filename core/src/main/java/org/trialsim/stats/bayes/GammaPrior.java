package org.trialsim.stats.bayes;

/**
 * A gamma prior {@code Gamma(a, b)} (shape a, rate b) on an event rate, in events per unit of exposure: the
 * conjugate prior of the Poisson and exponential (and piecewise-constant hazard) likelihoods, whose posterior
 * after {@code D} events over exposure {@code E} is {@code Gamma(a + D, b + E)} (Gelman A, Carlin JB, Stern HS,
 * Dunson DB, Vehtari A, Rubin DB. Bayesian Data Analysis, 3rd ed. 2013, section 2.6; Spiegelhalter DJ, Abrams
 * KR, Myles JP. Bayesian Approaches to Clinical Trials and Health-Care Evaluation. Wiley 2004, section 2.7).
 * The prior reads as data: {@code a} prior events observed over {@code b} units of exposure. Its effective
 * sample size is {@code a} events (Morita S, Thall PF, Müller P. Biometrics 2008;64:595-602, the gamma prior of
 * an exponential likelihood: each event adds one to the shape), so {@code ofMean(mean, ess)} is
 * {@code Gamma(ess, ess / mean)}.
 *
 * @param a the shape (prior events), positive and finite
 * @param b the rate (prior exposure), positive and finite
 */
public record GammaPrior(double a, double b) {

    /** Validates the parameters. */
    public GammaPrior {
        if (!(a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b))) {
            throw new IllegalArgumentException("a gamma prior needs a positive finite shape and rate, found a=" + a
                    + ", b=" + b);
        }
    }

    /**
     * The prior with mean rate {@code mean} worth {@code ess} events: {@code Gamma(ess, ess / mean)}.
     *
     * @param mean the prior mean event rate, positive
     * @param ess the effective sample size in events, positive
     * @return the prior
     */
    public static GammaPrior ofMean(double mean, double ess) {
        if (!(mean > 0 && Double.isFinite(mean)) || !(ess > 0 && Double.isFinite(ess))) {
            throw new IllegalArgumentException("a gamma prior by mean and effective sample size needs mean > 0 and "
                    + "ess > 0, found mean=" + mean + ", ess=" + ess);
        }
        return new GammaPrior(ess, ess / mean);
    }

    /** The prior mean rate {@code a / b}. */
    public double mean() {
        return a / b;
    }

    /** The effective sample size {@code a}, in events. */
    public double effectiveSampleSize() {
        return a;
    }

    /**
     * The posterior after {@code events} events over {@code exposure}: {@code Gamma(a + events, b + exposure)}.
     *
     * @param events the events, at least 0
     * @param exposure the exposure (person-time at risk), at least 0
     * @return the posterior
     */
    public GammaPrior posterior(double events, double exposure) {
        if (!(events >= 0) || !(exposure >= 0)) {
            throw new IllegalArgumentException("events and exposure must be at least 0, found events=" + events
                    + ", exposure=" + exposure);
        }
        return new GammaPrior(a + events, b + exposure);
    }
}
