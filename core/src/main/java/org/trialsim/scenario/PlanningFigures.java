package org.trialsim.scenario;

import java.util.List;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Figures a planner can check a scenario against, computed from the model without simulation: response and
 * remission probabilities, median time to relapse, the fraction benzodiazepine-free at a week, dropout by a
 * week: the latent figures, before dropout and intercurrent events, and as analysed ({@link #analysed}: with the
 * arm's dropout and the endpoint's strategy applied).
 *
 * <p>Survival quantities follow Klein JP, Moeschberger ML. Survival Analysis, 2nd ed. Springer 2003 (ch. 2);
 * the durable fraction is a cure-rate mixture (Boag JW. J R Stat Soc B 1949;11:15-53); the hazard multiplied
 * after a depressive relapse is a time-varying covariate as in Austin PC. Stat Med 2012;31:3946-3958, which
 * is how the cohort sampler draws it; quadrature is commons-math3's iterative Gauss-Legendre.
 */
public final class PlanningFigures {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private PlanningFigures() {
    }

    /**
     * Probability of response at the end of induction. For a MADRS model this is the normal closed form that
     * ignores the truncation of scores to [0, 60]: with baseline B ~ N(mb, sb^2) and change C ~ N(mc, sc^2)
     * independent, response is C &lt;= -r B, and C + r B ~ N(mc + r mb, sc^2 + r^2 sb^2), so
     * P = Phi(-(mc + r mb) / sqrt(sc^2 + r^2 sb^2)).
     *
     * @param model the response model, or {@code null} (no response: 0)
     */
    public static double response(ResponseModel model) {
        if (model == null) {
            return 0;
        }
        if (model instanceof ResponseModel.Probability p) {
            return p.response();
        }
        ResponseModel.Madrs m = (ResponseModel.Madrs) model;
        double r = m.responseReduction();
        double mean = m.changeMean() + r * m.baselineMean();
        double sd = Math.sqrt(m.changeSd() * m.changeSd() + r * r * m.baselineSd() * m.baselineSd());
        return STANDARD_NORMAL.cumulativeProbability(-mean / sd);
    }

    /**
     * Probability of remission at the end of induction. For a MADRS model, the normal closed form ignoring
     * truncation: the end score B + C ~ N(mb + mc, sb^2 + sc^2) is at most the threshold with probability
     * Phi((threshold - mb - mc) / sqrt(sb^2 + sc^2)).
     */
    public static double remission(ResponseModel model) {
        if (model == null) {
            return 0;
        }
        if (model instanceof ResponseModel.Probability p) {
            return p.remission();
        }
        ResponseModel.Madrs m = (ResponseModel.Madrs) model;
        double sd = Math.sqrt(m.baselineSd() * m.baselineSd() + m.changeSd() * m.changeSd());
        return STANDARD_NORMAL.cumulativeProbability((m.remissionThreshold() - m.baselineMean() - m.changeMean()) / sd);
    }

    /**
     * Median time to relapse from the relapse origin, in weeks: the t with S(t) = d + (1 - d) exp(-HR H(t)) =
     * 1/2, that is t = H^-1(ln((1 - d) / (1/2 - d)) / HR); {@code +Infinity} when the durable fraction d is at
     * least 1/2 (the median is never reached).
     */
    public static double relapseMedian(Relapse relapse) {
        double d = relapse.durableFraction();
        if (d >= 0.5) {
            return Double.POSITIVE_INFINITY;
        }
        return relapse.hazard().inverseCumulativeHazard(Math.log((1 - d) / (0.5 - d)) / relapse.hazardRatio());
    }

    /**
     * Expected fraction of benzodiazepine users in one arm and stratum who are benzodiazepine-free at
     * {@code week} (from randomization): discontinued by the end of induction and not returned to use since,
     * ignoring dropout.
     *
     * <p>Let tau = week - inductionWeeks be the time on the benzodiazepine clock (which starts at the end of
     * induction) and Hb its cumulative hazard. Without a depressive relapse a discontinuer stays free with
     * probability exp(-Hb(tau)). With a depressive relapse at benzodiazepine-clock time v the hazard is
     * multiplied by c from v on, so given v the probability of staying free is
     * exp(-[Hb(v+) + c (Hb(tau) - Hb(v+))]) with v+ = max(v, 0). The depressive relapse time T (from its own
     * origin: the end of induction for relapse from response, randomization for relapse from randomization,
     * offset o = inductionWeeks in the latter case, v = T - o) has survival S_D(t) = d + (1 - d) exp(-HR H(t)),
     * so
     *
     * <pre>
     *   G = S_D(tau + o) exp(-Hb(tau)) + integral over T in [0, tau + o] of exp(-[Hb(v+) + c (Hb(tau) - Hb(v+))]) dF_D(T).
     * </pre>
     *
     * with dF_D(T) = (1 - d) HR h(T) exp(-HR H(T)) dT. The part with T &lt;= o, where the integrand is the
     * constant exp(-c Hb(tau)), is added in closed form; the rest is integrated by iterative Gauss-Legendre
     * quadrature (commons-math3) in s with T = o + s^2, which removes the singularity of a Weibull density
     * with shape below 1 at 0, piece by piece between the kinks of piecewise hazards. Responders discontinue with probability q_R and
     * non-responders with q_N; only patients with a relapse process (responders, for relapse from response)
     * are exposed to the coupling, so the result is p q_R G_R + (1 - p) q_N G_N.
     *
     * @param model the patient model in a benzodiazepine-user stratum
     * @param inductionWeeks the length of induction
     * @param week the assessment week from randomization (at least inductionWeeks)
     * @return the expected fraction, or NaN if the model has no benzodiazepine process
     */
    public static double benzodiazepineFree(PatientModel model, double inductionWeeks, double week) {
        Benzodiazepine b = model.benzodiazepine();
        if (b == null) {
            return Double.NaN;
        }
        double tau = Math.max(week - inductionWeeks, 0);
        double p = response(model.response());
        double noCoupling = Math.exp(-b.relapse().cumulativeHazard(tau));
        Relapse relapse = model.relapse();
        double coupled = relapse == null || b.hazardRatioAfterDepressiveRelapse() == 1 ? noCoupling
                : stayFreeWithCoupling(b.relapse(), b.hazardRatioAfterDepressiveRelapse(), relapse,
                        relapse.origin() == Relapse.Origin.RANDOMIZATION ? inductionWeeks : 0, tau);
        double gResponders = coupled;
        double gNonResponders = relapse != null && relapse.origin() == Relapse.Origin.RANDOMIZATION ? coupled : noCoupling;
        return p * b.discontinuationResponders() * gResponders
                + (1 - p) * b.discontinuationNonResponders() * gNonResponders;
    }

    /** G of {@link #benzodiazepineFree}: probability a discontinuer stays free to tau with the coupling. */
    static double stayFreeWithCoupling(Hazard benzo, double c, Relapse relapse, double offset, double tau) {
        double hbTau = benzo.cumulativeHazard(tau);
        double d = relapse.durableFraction();
        double hr = relapse.hazardRatio();
        Hazard h = relapse.hazard();
        double survivalAtEnd = d + (1 - d) * Math.exp(-hr * h.cumulativeHazard(tau + offset));
        double beforeOrigin = (1 - d) * -Math.expm1(-hr * h.cumulativeHazard(offset)) * Math.exp(-c * hbTau);
        // T = offset + s^2 (dT = 2 s ds) tames the density's singularity at 0 of a Weibull shape below 1. The
        // integral is taken piece by piece between the kinks of the integrand (starts of piecewise hazards),
        // where it is smooth and Gauss-Legendre quadrature converges fast.
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>(java.util.List.of(0.0, Math.sqrt(tau)));
        if (benzo instanceof Hazard.PiecewiseExponential p) {
            p.starts().stream().filter(x -> x > 0 && x < tau).forEach(x -> cuts.add(Math.sqrt(x)));
        }
        if (h instanceof Hazard.PiecewiseExponential p) {
            p.starts().stream().filter(x -> x > offset && x < tau + offset).forEach(x -> cuts.add(Math.sqrt(x - offset)));
        }
        double integral = 0;
        Double lo = null;
        for (double cut : cuts) {
            if (lo != null && cut > lo) {
                IterativeLegendreGaussIntegrator gl = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-15, 2, 40);
                integral += gl.integrate(10_000_000, x -> {
                    double v = x * x;
                    double t = offset + v;
                    double density = hr * hazardRate(h, t) * Math.exp(-hr * h.cumulativeHazard(t));
                    double hv = benzo.cumulativeHazard(v);
                    return density * Math.exp(-(hv + c * (hbTau - hv))) * 2 * x;
                }, lo, cut);
            }
            lo = cut;
        }
        return survivalAtEnd * Math.exp(-hbTau) + beforeOrigin + (1 - d) * integral;
    }

    /** The hazard rate h(t) = dH/dt of the three hazard families. */
    static double hazardRate(Hazard h, double t) {
        if (h instanceof Hazard.Exponential e) {
            return e.rate();
        }
        if (h instanceof Hazard.Weibull w) {
            return w.shape() / w.scale() * Math.pow(t / w.scale(), w.shape() - 1);
        }
        Hazard.PiecewiseExponential p = (Hazard.PiecewiseExponential) h;
        int i = 0;
        while (i + 1 < p.starts().size() && t >= p.starts().get(i + 1)) {
            i++;
        }
        return p.rates().get(i);
    }

    /**
     * Probability of having dropped out by {@code week} from randomization, for a patient in no state that
     * changes the hazard: the induction probability spread uniformly over induction, then the hazard after it:
     * p_ind * min(week / induction, 1) before the end of induction, and 1 - (1 - p_ind) S(week - induction) after
     * it, S the survival of the hazard after induction ({@link Dropout#probabilityBy}).
     */
    public static double dropout(Dropout dropout, double inductionWeeks, double week) {
        return dropout.probabilityBy(inductionWeeks, week, false);
    }

    /**
     * The proportion a binary endpoint analyses in an arm, with the arm's dropout and the endpoint's strategy
     * applied as the extractor applies them: its latent success probability, times the probability of still being
     * in the study at the assessment (a patient lost before it is a failure, for every strategy: loss to follow-up
     * is missing data, not an intercurrent event), times the strategy's factor for the intercurrent events the
     * endpoint names ({@link #strategyFactor}); averaged over the endpoint's population by prevalence.
     * {@code NaN} where there is no closed form: the endpoint's process gives none, or its strategy's
     * events have none (a return to benzodiazepines, a post-event model other than {@code stops} or
     * {@code continues}, the while-on-treatment strategy). With a dropout hazard that depends on the state, the
     * retention is that of a patient whose state does not change it.
     */
    public static double analysed(Scenario scenario, Endpoint e, Arm arm) {
        return binary(scenario, e, arm, true);
    }

    /**
     * The analysed distribution of a continuous endpoint in one arm, as the multi-arm simulation draws its stage
     * means ({@link org.trialsim.multiarm.MultiArmStudy}).
     *
     * @param mean the mean of the value a completer contributes
     * @param sd its standard deviation
     * @param analysed the probability that a randomised patient is analysed (still in the study at the assessment)
     */
    public record Moments(double mean, double sd, double analysed) {
    }

    /**
     * The mean and SD of a continuous endpoint's value among the patients of an arm its analysis sees (those still
     * in the study at the assessment: continuous endpoints analyse completers), and the probability of being one:
     * per stratum of the endpoint's population the process's first two moments
     * ({@link ProcessDefinition#continuousMoments}) and the retention {@code 1 - P(dropout by the assessment)}
     * ({@link #dropout}); over strata the completers' mixture, weighted by prevalence times retention (its mean
     * and variance, E[X^2] - E[X]^2). {@code null} where there is no closed form: a process that gives no
     * moments, dropout that depends on the outcome, or an endpoint with an estimand (intercurrent events change
     * who is analysed and what is observed in ways these moments do not follow).
     */
    public static Moments analysedMoments(Scenario s, Endpoint e, Arm arm) {
        if (e.kind().type() != Endpoint.Type.CONTINUOUS || e.estimand() != null) {
            return null;
        }
        ProcessRegistry registry = ProcessRegistry.get();
        ProcessDefinition process = registry.offering(e.kind());
        List<ProcessDefinition> needed = e.kind().needs().stream().map(registry::process).toList();
        double induction = s.schedule().inductionWeeks();
        double week = e.kind().milestone() ? e.atWeek() : induction;
        double weight = 0;
        double retained = 0;
        double first = 0;
        double second = 0;
        for (Stratum st : s.strata()) {
            if (!(st.prevalence() > 0) || !(e.strata().isEmpty() || e.strata().contains(st.name()))
                    || !needed.stream().allMatch(d -> d.appliesTo(st))) {
                continue;
            }
            PatientModel m = arm.model(st.name());
            double[] moments;
            try {
                if (process.dropoutDependsOnOutcome(e, m)) {
                    return null;
                }
                moments = process.continuousMoments(e, m, induction, week);
            } catch (UnsupportedOperationException | NullPointerException ex) {
                return null; // an arm without the process
            }
            if (moments == null) {
                return null;
            }
            double q = 1 - dropout(dropout(s, m), induction, week);
            weight += st.prevalence();
            retained += st.prevalence() * q;
            first += st.prevalence() * q * moments[0];
            second += st.prevalence() * q * moments[1];
        }
        if (!(retained > 0)) {
            return null;
        }
        double mean = first / retained;
        double variance = second / retained - mean * mean;
        return new Moments(mean, Math.sqrt(Math.max(0, variance)), retained / weight);
    }

    /**
     * E[T(Y)^2] for Y ~ N(mu, sd^2) and T the clamp to [lower, upper]: with a = (lower - mu)/sd, b = (upper - mu)/sd,
     * mu^2 (Phi(b) - Phi(a)) + 2 mu sd (phi(a) - phi(b)) + sd^2 (Phi(b) - Phi(a) + a phi(a) - b phi(b)) + lower^2
     * Phi(a) + upper^2 (1 - Phi(b)) (the truncated normal's second moment, Johnson, Kotz and Balakrishnan 1994,
     * section 10.1, plus the masses at the bounds); an infinite bound adds nothing.
     */
    public static double clampedNormalSecondMoment(double mu, double sd, double lower, double upper) {
        if (!(sd > 0)) {
            double t = Math.min(Math.max(mu, lower), upper);
            return t * t;
        }
        double a = (lower - mu) / sd;
        double b = (upper - mu) / sd;
        double pa = STANDARD_NORMAL.cumulativeProbability(a);
        double pb = STANDARD_NORMAL.cumulativeProbability(b);
        double da = Double.isFinite(a) ? STANDARD_NORMAL.density(a) : 0;
        double db = Double.isFinite(b) ? STANDARD_NORMAL.density(b) : 0;
        double inside = pb - pa;
        double m = mu * mu * inside + 2 * mu * sd * (da - db)
                + sd * sd * (inside + (Double.isFinite(a) ? a * da : 0) - (Double.isFinite(b) ? b * db : 0));
        if (Double.isFinite(lower)) {
            m += lower * lower * pa;
        }
        if (Double.isFinite(upper)) {
            m += upper * upper * (1 - pb);
        }
        return m;
    }

    /**
     * E[D] and E[D^2] of the change from baseline of a score set into [lower, upper] by the clamp T, with the
     * baseline B0 ~ N(mb, sb^2) and the change C ~ N(mc, sc^2) independent of it: the MADRS model clamps the
     * baseline first and adds the change to it ({@code fromClampedBaseline}: D = T(T(B0) + C) - T(B0)); a score
     * trajectory adds it to the raw baseline (D = T(B0 + C) - T(B0)). Given B0 = b, T(s + C) is a clamped normal
     * ({@link #clampedNormalMean}, {@link #clampedNormalSecondMoment}), so E[D | b] and E[D^2 | b] are closed
     * forms; they are integrated against B0's density by commons-math3's iterative Gauss-Legendre quadrature over
     * mb +- 12 sb, in pieces split at the bounds (where the integrand has kinks).
     */
    public static double[] clampedChangeMoments(double mb, double sb, double mc, double sc, double lower,
            double upper, boolean fromClampedBaseline) {
        java.util.function.DoubleFunction<double[]> given = b -> {
            double base = Math.min(Math.max(b, lower), upper);
            double start = fromClampedBaseline ? base : b;
            double e1 = clampedNormalMean(start + mc, sc, lower, upper);
            double e2 = clampedNormalSecondMoment(start + mc, sc, lower, upper);
            return new double[] {e1 - base, e2 - 2 * base * e1 + base * base};
        };
        if (!(sb > 0)) {
            return given.apply(mb);
        }
        double lo = mb - 12 * sb;
        double hi = mb + 12 * sb;
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>(List.of(lo, hi));
        for (double bound : new double[] {lower, upper}) {
            if (bound > lo && bound < hi) {
                cuts.add(bound);
            }
        }
        double[] out = new double[2];
        for (int j = 0; j < 2; j++) {
            int moment = j;
            Double from = null;
            for (double cut : cuts) {
                if (from != null) {
                    IterativeLegendreGaussIntegrator gl = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15, 2,
                            40);
                    out[j] += gl.integrate(10_000_000, b -> STANDARD_NORMAL.density((b - mb) / sb) / sb
                            * given.apply(b)[moment], from, cut);
                }
                from = cut;
            }
        }
        return out;
    }

    /** The latent proportion of a binary endpoint in an arm (no dropout), as {@link #analysed}; NaN if none. */
    public static double latent(Scenario scenario, Endpoint e, Arm arm) {
        return binary(scenario, e, arm, false);
    }

    private static double binary(Scenario s, Endpoint e, Arm arm, boolean withDropout) {
        if (e.kind().type() != Endpoint.Type.BINARY) {
            return Double.NaN;
        }
        ProcessRegistry registry = ProcessRegistry.get();
        ProcessDefinition process = registry.offering(e.kind());
        List<ProcessDefinition> needed = e.kind().needs().stream().map(registry::process).toList();
        double induction = s.schedule().inductionWeeks();
        double week = e.kind().milestone() ? e.atWeek() : induction;
        try {
            return average(s, arm, st -> (e.strata().isEmpty() || e.strata().contains(st.name()))
                    && needed.stream().allMatch(d -> d.appliesTo(st)),
                    m -> withDropout && process.dropoutDependsOnOutcome(e, m) ? Double.NaN
                            : process.successProbability(e, m, induction, week)
                            * (withDropout ? (1 - dropout(dropout(s, m), induction, week))
                                    * strategyFactor(s, e, m, week) : 1));
        } catch (UnsupportedOperationException | NullPointerException ex) {
            return Double.NaN; // a kind without a closed form (or an arm without the process)
        }
    }

    /**
     * E[min(max(Y, lower), upper)] for Y ~ N(mu, sd^2): mu (Phi(b) - Phi(a)) + sd (phi(a) - phi(b)) + lower Phi(a)
     * + upper (1 - Phi(b)) with a = (lower - mu)/sd, b = (upper - mu)/sd (the mean of a normal censored at both
     * ends; Johnson NL, Kotz S, Balakrishnan N. Continuous Univariate Distributions, vol. 1, 2nd ed. Wiley 1994,
     * section 10.1); an infinite bound adds nothing. The mean of a score set into its scale's bounds.
     */
    public static double clampedNormalMean(double mu, double sd, double lower, double upper) {
        if (!(sd > 0)) {
            return Math.min(Math.max(mu, lower), upper);
        }
        double a = (lower - mu) / sd;
        double b = (upper - mu) / sd;
        double pa = STANDARD_NORMAL.cumulativeProbability(a);
        double pb = STANDARD_NORMAL.cumulativeProbability(b);
        double mean = mu * (pb - pa) + sd * (STANDARD_NORMAL.density(a) - STANDARD_NORMAL.density(b));
        if (Double.isFinite(lower)) {
            mean += lower * pa;
        }
        if (Double.isFinite(upper)) {
            mean += upper * (1 - pb);
        }
        return mean;
    }

    /** Steps of the integral of the probability that a patient's first event is one that stops observation. */
    private static final int EVENT_STEPS = 4096;

    /**
     * The factor by which an endpoint's strategy multiplies a binary success probability for the patients of
     * {@code model}, whose named intercurrent events (the endpoint's list, else every event of the model) have
     * hazards H_j from randomization, independent of each other and of the outcome: none without an estimand or
     * events (1); composite, the event is a failure: P(no event by the week) = exp(-sum H_j(week)); treatment
     * policy, the outcome whatever the event, but unobserved (a failure) where the patient's first event stops
     * observation by the week: 1 - sum over the stopping events j of the integral over [0, week] of
     * exp(-sum H(t)) dH_j(t) (by the midpoint rule on {@value #EVENT_STEPS} steps, exact increments of H_j);
     * {@code NaN} otherwise (see {@link #analysed}).
     */
    public static double strategyFactor(Scenario scenario, Endpoint e, PatientModel model, double week) {
        if (e.estimand() == null || !(model.process(IntercurrentEvents.KEY) instanceof IntercurrentEvents ice)) {
            return 1;
        }
        List<IntercurrentEvents.Event> events = (e.estimand().events().isEmpty()
                ? List.copyOf(ice.events().keySet()) : e.estimand().events()).stream()
                .filter(ice.events()::containsKey).map(ice.events()::get).toList();
        if (events.isEmpty()) {
            return 1;
        }
        if (events.stream().anyMatch(x -> x.hazard() == null)) {
            return Double.NaN; // a return to benzodiazepines: timed by the benzodiazepine course
        }
        return switch (e.estimand().strategy()) {
            case COMPOSITE -> Math.exp(-events.stream().mapToDouble(x -> x.hazard().cumulativeHazard(week)).sum());
            case TREATMENT_POLICY -> {
                if (events.stream().anyMatch(x -> x.after().model() != IntercurrentEvents.PostEvent.Model.STOPS
                        && x.after().model() != IntercurrentEvents.PostEvent.Model.CONTINUES)) {
                    yield Double.NaN;
                }
                yield 1 - firstEventStops(events, week);
            }
            default -> Double.NaN;
        };
    }

    /** P(the first of the independent {@code events} comes by {@code week} and stops observation). */
    private static double firstEventStops(List<IntercurrentEvents.Event> events, double week) {
        double p = 0;
        double dt = week / EVENT_STEPS;
        for (int k = 0; k < EVENT_STEPS; k++) {
            double t0 = k * dt;
            double t1 = t0 + dt;
            double mid = t0 + dt / 2;
            double total = 0;
            for (IntercurrentEvents.Event x : events) {
                total += x.hazard().cumulativeHazard(mid);
            }
            double free = Math.exp(-total);
            for (IntercurrentEvents.Event x : events) {
                if (x.after().model() == IntercurrentEvents.PostEvent.Model.STOPS) {
                    p += free * (x.hazard().cumulativeHazard(t1) - x.hazard().cumulativeHazard(t0));
                }
            }
        }
        return p;
    }

    /** The dropout of the patients of {@code model}: its own, or else the scenario-wide one. */
    public static Dropout dropout(Scenario scenario, PatientModel model) {
        ProcessModel own = model.process(Dropout.KEY);
        return own == null ? scenario.dropout() : (Dropout) own;
    }

    /**
     * The prevalence-weighted average of a figure over the given strata of an arm, renormalized to those
     * strata (for example, benzodiazepine-free among users only).
     */
    public static double average(Scenario scenario, Arm arm, java.util.function.Predicate<Stratum> population,
            java.util.function.ToDoubleFunction<PatientModel> figure) {
        double sum = 0;
        double weight = 0;
        for (Stratum s : scenario.strata()) {
            if (population.test(s) && s.prevalence() > 0) {
                sum += s.prevalence() * figure.applyAsDouble(arm.model(s.name()));
                weight += s.prevalence();
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }
}
