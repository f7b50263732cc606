package org.trialsim.process.scores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.endpoint.Observation;
import org.trialsim.endpoint.ObservedProcess;
import org.trialsim.process.DropoutProcess;
import org.trialsim.process.textbook.Named;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Estimand;
import org.trialsim.scenario.IntercurrentEvents.PostEvent;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Symptom-score trajectories named by the planner ({@code arms.<arm>.score_trajectories.<name>}): a score on a
 * named instrument at baseline and at each scheduled visit (model: {@link ScoreTrajectories}; draws:
 * {@link TrajectoryDraw}, one stream per trajectory), and three endpoint kinds assessed at a visit
 * ({@code at_week}, required, must be one of the trajectory's visits): {@code score_change}, the change from
 * baseline (continuous, the baseline as ANCOVA's covariate, completers at the visit); {@code score_response},
 * a reduction from baseline of at least {@code response_reduction} (binary; a patient who dropped out before the
 * visit fails); {@code score_remission}, a score at most {@code remission_at_most} (binary, likewise).
 */
public final class ScoreTrajectoryProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /**
     * Continuous: change of a named score from baseline at a visit. Lower is better: the scores are symptom
     * scales (response is a reduction, remission a low score), so a negative difference favours the treatment and
     * the signed statistic is positive then (a two-sided test's power counts that direction only).
     */
    public static final Endpoint.Kind CHANGE = Endpoint.Kind.assessedAtLowerIsBetter("score_change",
            Endpoint.Type.CONTINUOUS,
            "the change of a named score from baseline at a visit", Double.NaN, ScoreTrajectories.KEY);
    /** Binary: a relative reduction of a named score from baseline of at least {@code response_reduction}. */
    public static final Endpoint.Kind RESPONSE = Endpoint.Kind.assessedAt("score_response", Endpoint.Type.BINARY,
            "response on a named score at a visit (relative reduction from baseline)", Double.NaN,
            ScoreTrajectories.KEY);
    /** Binary: a named score at most {@code remission_at_most} at a visit. */
    public static final Endpoint.Kind REMISSION = Endpoint.Kind.assessedAt("score_remission", Endpoint.Type.BINARY,
            "remission on a named score at a visit (score at most a threshold)", Double.NaN, ScoreTrajectories.KEY);

    /** Binary: response at every visit from {@code sustained_from_week} to the endpoint's week. */
    public static final Endpoint.Kind SUSTAINED = Endpoint.Kind.assessedAt("score_sustained_response",
            Endpoint.Type.BINARY, "sustained response on a named score: response at every visit from"
                    + " sustained_from_week to a visit", Double.NaN, ScoreTrajectories.KEY);
    /**
     * Time to event: from the first visit with a response (seen before dropout) to the visit that completes
     * {@code relapse_visits} consecutive visits with a score of at least {@code relapse_at_least}.
     */
    public static final Endpoint.Kind RELAPSE = Endpoint.Kind.of("time_to_score_relapse", Endpoint.Type.TIME_TO_EVENT,
            "time from the first response on a named score to relapse defined on the score at visits", false, false,
            ScoreTrajectories.KEY);

    /** The correlation structures a planner can state. */
    enum Structure {
        UNSTRUCTURED, AR1, COMPOUND_SYMMETRY, RANDOM_INTERCEPT_SLOPE
    }

    private static final String INSTANCE = "a mapping with instrument, visits, baseline, change or classes, sd,"
            + " correlation, lower, upper, round_to, response_reduction, remission_at_most, sustained_from_week,"
            + " relapse_at_least, relapse_visits, dropout_by_score";
    private static final String[] KEYS = {"instrument", "visits", "baseline", "change", "classes", "sd", "correlation",
        "lower", "upper", "round_to", "response_reduction", "remission_at_most", "sustained_from_week",
        "relapse_at_least", "relapse_visits", "dropout_by_score"};
    private static final String CLASS = "a mapping with probability, change";
    private static final String DROPOUT = "a mapping with one of logistic: {intercept, per_point} or bands: {cuts,"
            + " probabilities}";
    /** How far from 1 the class probabilities may sum (rounding in a file that writes them to a few digits). */
    private static final double SUM_TOLERANCE = 1e-9;
    private static final String CORRELATION = "a mapping with structure and its parameters: {structure: ar1, rho},"
            + " {structure: compound_symmetry, rho}, {structure: unstructured, lower: [r21, r31, r32, ...]} or"
            + " {structure: random_intercept_slope, intercept_sd, slope_sd, slope_correlation, residual_sd}";
    private static final double BIG = 1e15;

    @Override
    public String key() {
        return ScoreTrajectories.KEY;
    }

    @Override
    public String description() {
        return "symptom scores named by the planner, at baseline and scheduled visits (multivariate normal)";
    }

    @Override
    public String noun() {
        return "a score trajectory";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Map<String, ScoreTrajectories.Trajectory> all = Named.read(settings, ScoreTrajectories.KEY, noun(),
                (name, block) -> trajectory(name, block.mapping(name, INSTANCE, KEYS)));
        return all == null ? null : new ScoreTrajectories(all);
    }

    private static ScoreTrajectories.Trajectory trajectory(String name, Settings o) {
        if (o == null) {
            return null;
        }
        for (String part : new String[] {"classes", "dropout_by_score"}) {
            try {
                if (o.has(part)) {
                    StreamId unused = part.equals("classes") ? classStream(name) : dropoutStream(name);
                }
            } catch (IllegalArgumentException e) {
                o.problem(part, "the trajectory's name '" + name + "' gives its " + part + " the random stream of"
                        + " another name used in this run (" + e.getMessage() + "); allowed any other name");
                return null;
            }
        }
        String instrument = o.has("instrument") ? o.text("instrument", "the instrument's name, such as MADRS")
                : "score";
        double[] visits = visits(o);
        Settings b = o.mapping("baseline", "a mapping with mean, sd", "mean", "sd");
        double baseMean = b == null ? Double.NaN : b.number("mean", -BIG, false, BIG, false, "a finite mean");
        double baseSd = b == null ? Double.NaN : b.number("sd", 0, false, BIG, false, "a standard deviation >= 0");
        double lower = o.has("lower") ? o.number("lower", -BIG, false, BIG, false, "a finite lower bound")
                : Double.NEGATIVE_INFINITY;
        double upper = o.has("upper") ? o.number("upper", -BIG, false, BIG, false, "a finite upper bound")
                : Double.POSITIVE_INFINITY;
        double step = o.has("round_to") ? o.number("round_to", 0, true, BIG, false,
                "a rounding step > 0 (1 for whole points)") : 0;
        double reduction = o.has("response_reduction") ? o.number("response_reduction", 0, true, 1, false,
                "a relative reduction in (0, 1], such as 0.5 for 50%") : 0.5;
        double remission = o.has("remission_at_most") ? o.number("remission_at_most", -BIG, false, BIG, false,
                "a finite score") : Double.NaN;
        double sustainedFrom = o.has("sustained_from_week") ? o.number("sustained_from_week", 0, true, BIG, false,
                "one of the visit weeks") : Double.NaN;
        double relapseAtLeast = o.has("relapse_at_least") ? o.number("relapse_at_least", -BIG, false, BIG, false,
                "a finite score") : Double.NaN;
        double relapseVisits = o.has("relapse_visits") ? o.number("relapse_visits", 1, false, 52, false,
                "a whole number of consecutive visits, 1 to 52") : 2;
        if (visits == null) {
            return null;
        }
        if (!Double.isNaN(sustainedFrom) && Arrays.stream(visits).noneMatch(w -> Math.abs(w - sustainedFrom) < 1e-9)) {
            o.problem("sustained_from_week", "found week " + SummaryLines.num(sustainedFrom) + ", which is not a visit;"
                    + " allowed one of the visit weeks " + String.join(", ", Arrays.stream(visits).mapToObj(SummaryLines::num)
                    .toList()));
            return null;
        }
        if (relapseVisits != Math.rint(relapseVisits)) {
            o.problem("relapse_visits", "found " + SummaryLines.num(relapseVisits) + "; allowed a whole number of"
                    + " consecutive visits, 1 to 52");
            return null;
        }
        List<ScoreTrajectories.LatentClass> classes = null;
        double[] change;
        if (o.has("classes")) {
            if (o.has("change")) {
                o.problem("change", "found change with classes, which give each class its own; allowed one of"
                        + " change (every patient) or classes (a mean change per latent class)");
                return null;
            }
            classes = classes(o, visits);
            change = classes == null ? null : mixtureMean(classes, visits.length);
        } else {
            change = change(o, visits);
        }
        double[] covariance = covariance(o, visits);
        ScoreTrajectories.DropoutByScore dropout = o.has("dropout_by_score") ? dropoutByScore(o) : null;
        boolean ok = instrument != null && change != null && covariance != null
                && (!o.has("dropout_by_score") || dropout != null)
                && !Double.isNaN(baseMean + baseSd + step + reduction) && !Double.isNaN(lower) && !Double.isNaN(upper)
                && (!o.has("remission_at_most") || !Double.isNaN(remission))
                && (!o.has("relapse_at_least") || !Double.isNaN(relapseAtLeast)) && !Double.isNaN(relapseVisits);
        if (ok && !(lower < upper)) {
            o.problem("upper", "found upper " + SummaryLines.num(upper) + " not above lower " + SummaryLines.num(lower)
                    + "; allowed upper > lower");
            ok = false;
        }
        if (ok && (baseMean < lower || baseMean > upper)) {
            b.problem("mean", "found a baseline mean of " + SummaryLines.num(baseMean) + ", outside the scale's bounds ["
                    + SummaryLines.num(lower) + ", " + SummaryLines.num(upper) + "]; allowed a mean within them");
            ok = false;
        }
        if (ok && classes == null) {
            ok = withinBounds(o, "change", change, visits, baseMean, lower, upper);
        }
        if (ok && classes != null) {
            Settings all = o.mapping("classes", CLASS);
            for (ScoreTrajectories.LatentClass c : classes) {
                Settings one = all.mapping(c.name(), CLASS, "probability", "change");
                ok &= withinBounds(one, "change", c.change().stream().mapToDouble(Double::doubleValue).toArray(),
                        visits, baseMean, lower, upper);
            }
        }
        return ok ? new ScoreTrajectories.Trajectory(instrument, boxed(visits), baseMean, baseSd, boxed(change),
                boxed(covariance), lower, upper, step, reduction, remission, sustainedFrom, relapseAtLeast,
                (int) relapseVisits, classes, dropout) : null;
    }

    /** Whether every mean score (baseline mean + change) is within the scale's bounds; reported where not. */
    private static boolean withinBounds(Settings o, String key, double[] change, double[] visits, double baseMean,
            double lower, double upper) {
        for (int t = 0; t < visits.length; t++) {
            double m = baseMean + change[t];
            if (m < lower || m > upper) {
                o.problem(key, o.isList(key) ? t : -1, "found a mean score of " + SummaryLines.num(m)
                        + " at week " + SummaryLines.num(visits[t]) + " (baseline mean + change), outside the scale's"
                        + " bounds [" + SummaryLines.num(lower) + ", " + SummaryLines.num(upper) + "]; allowed a mean"
                        + " change that keeps the mean score within them");
                return false;
            }
        }
        return true;
    }

    /**
     * The latent classes: a mapping of names (file order) to {@code {probability, change}}, the probabilities
     * summing to 1; {@code null} (reported) otherwise.
     */
    private static List<ScoreTrajectories.LatentClass> classes(Settings o, double[] visits) {
        Settings all = o.mapping("classes", "a mapping of class names (such as rapid, delayed, non_responders) to "
                + CLASS);
        if (all == null) {
            return null;
        }
        List<String> names = all.keys();
        if (names.isEmpty()) {
            all.problem("", "found no classes; allowed at least one, such as classes: {rapid: {probability: 0.3,"
                    + " change: [...]}, ...}");
            return null;
        }
        List<ScoreTrajectories.LatentClass> out = new ArrayList<>();
        double sum = 0;
        boolean ok = true;
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
                all.problem(name, "found the class name '" + name + "'; allowed a lower-case letter followed by"
                        + " lower-case letters, digits or '_' (at most 32)");
                ok = false;
                continue;
            }
            Settings one = all.mapping(name, CLASS, "probability", "change");
            if (one == null) {
                ok = false;
                continue;
            }
            double p = one.number("probability", 0, true, 1, false, "a probability in (0, 1], the classes' summing"
                    + " to 1");
            double[] change = change(one, visits);
            if (Double.isNaN(p) || change == null) {
                ok = false;
                continue;
            }
            sum += p;
            out.add(new ScoreTrajectories.LatentClass(name, p, boxed(change)));
        }
        if (ok && Math.abs(sum - 1) > SUM_TOLERANCE) {
            all.problem("", "found class probabilities summing to " + SummaryLines.num3(sum) + " (" + sum + ");"
                    + " allowed probabilities that sum to 1");
            return null;
        }
        return ok ? out : null;
    }

    /** The mean change at each visit over the classes: {@code sum_c p_c mu_c(t)}. */
    static double[] mixtureMean(List<ScoreTrajectories.LatentClass> classes, int visits) {
        double[] out = new double[visits];
        for (ScoreTrajectories.LatentClass c : classes) {
            for (int t = 0; t < visits; t++) {
                out[t] += c.probability() * c.change(t);
            }
        }
        return out;
    }

    /** The dropout by score: {@code {logistic: {intercept, per_point}}} or {@code {bands: {cuts, probabilities}}}. */
    private static ScoreTrajectories.DropoutByScore dropoutByScore(Settings o) {
        Settings d = o.mapping("dropout_by_score", DROPOUT, "logistic", "bands");
        return d == null ? null : probabilityByScore(d);
    }

    /**
     * A probability per visit interval by the latest score, from a mapping {@code d} that has one of
     * {@code logistic: {intercept, per_point}} or {@code bands: {cuts, probabilities}} (and may have other keys its
     * caller reads): the model of {@code dropout_by_score}, also read by an intercurrent event's {@code by_score}.
     * {@code null} where a problem was reported.
     */
    public static ScoreTrajectories.DropoutByScore probabilityByScore(Settings d) {
        if (d.has("logistic") == d.has("bands")) {
            d.problem("", "found " + (d.has("logistic") ? "both logistic and bands" : "neither logistic nor bands")
                    + "; allowed exactly one: logistic: {intercept, per_point} (p = 1 / (1 + exp(-(intercept +"
                    + " per_point x score)))) or bands: {cuts, probabilities} (a probability per band of scores)");
            return null;
        }
        if (d.has("logistic")) {
            Settings l = d.mapping("logistic", "a mapping with intercept, per_point", "intercept", "per_point");
            double a = l == null ? Double.NaN : l.number("intercept", -BIG, false, BIG, false, "a finite log-odds");
            double b = l == null ? Double.NaN : l.number("per_point", -BIG, false, BIG, false,
                    "a finite change in log-odds per point of the score");
            return Double.isNaN(a + b) ? null : new ScoreTrajectories.Logistic(a, b);
        }
        Settings b = d.mapping("bands", "a mapping with cuts, probabilities", "cuts", "probabilities");
        double[] cuts = b == null ? null : b.numbers("cuts", -BIG, false, BIG, false, "a finite score");
        double[] p = b == null ? null : b.numbers("probabilities", 0, false, 1, false, "a probability in [0, 1]");
        if (cuts == null || p == null) {
            return null;
        }
        for (int k = 1; k < cuts.length; k++) {
            if (!(cuts[k] > cuts[k - 1])) {
                b.problem("cuts", k, "found cut " + SummaryLines.num(cuts[k]) + " after " + SummaryLines.num(cuts[k - 1])
                        + "; cuts must be strictly increasing");
                return null;
            }
        }
        if (p.length != cuts.length + 1) {
            b.problem("probabilities", "found " + p.length + " probabilities for " + cuts.length + " cuts; allowed "
                    + (cuts.length + 1) + ", one per band (below the first cut, between cuts, from the last cut up)");
            return null;
        }
        return new ScoreTrajectories.Bands(boxed(cuts), boxed(p));
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** The visit weeks: numbers &gt; 0, strictly increasing; {@code null} (reported) otherwise. */
    private static double[] visits(Settings o) {
        double[] w = o.numbers("visits", 0, true, BIG, false, "a week after randomization > 0");
        if (w == null) {
            return null;
        }
        if (w.length == 0) {
            o.problem("visits", "found no visit; allowed a list of at least one week, such as [1, 2, 4]");
            return null;
        }
        for (int t = 1; t < w.length; t++) {
            if (!(w[t] > w[t - 1])) {
                o.problem("visits", t, "found week " + SummaryLines.num(w[t]) + " after week " + SummaryLines.num(w[t - 1])
                        + "; visits must be in order, strictly increasing");
                return null;
            }
        }
        return w;
    }

    /** The mean change per visit: a list, or {@code {plateau, half_life_weeks}}. */
    private static double[] change(Settings o, double[] visits) {
        if (o.has("change") && o.isMapping("change")) {
            Settings c = o.mapping("change", "a mapping with plateau, half_life_weeks", "plateau", "half_life_weeks");
            double plateau = c == null ? Double.NaN : c.number("plateau", -BIG, false, BIG, false, "a finite change");
            double half = c == null ? Double.NaN : c.positive("half_life_weeks", "weeks");
            if (Double.isNaN(plateau + half)) {
                return null;
            }
            double[] out = new double[visits.length];
            for (int t = 0; t < out.length; t++) {
                out[t] = plateau * (1 - Math.pow(2, -visits[t] / half));
            }
            return out;
        }
        double[] c = o.numbers("change", -BIG, false, BIG, false, "a finite mean change from baseline");
        if (c != null && c.length != visits.length) {
            o.problem("change", "found " + c.length + " mean changes for " + visits.length + " visits; allowed one per"
                    + " visit, or {plateau, half_life_weeks}");
            return null;
        }
        return c;
    }

    /** The covariance of the changes from {@code sd} and {@code correlation}; {@code null} (reported) if invalid. */
    private static double[] covariance(Settings o, double[] visits) {
        int t = visits.length;
        Settings c = o.mapping("correlation", CORRELATION, "structure", "rho", "lower", "intercept_sd", "slope_sd",
                "slope_correlation", "residual_sd");
        if (c == null) {
            return null;
        }
        Structure structure = c.choice("structure", Structure.class);
        if (structure == null) {
            return null;
        }
        double[] cov;
        if (structure == Structure.RANDOM_INTERCEPT_SLOPE) {
            c = c.allowing(CORRELATION, "structure", "intercept_sd", "slope_sd", "slope_correlation", "residual_sd");
            if (o.has("sd")) {
                o.problem("sd", "found sd with a random intercept and slope, which set the SD at each visit; allowed"
                        + " sd only with ar1, compound_symmetry or unstructured");
                return null;
            }
            double s0 = c.nonNegative("intercept_sd", "score points");
            double s1 = c.nonNegative("slope_sd", "score points per week");
            double rho = c.number("slope_correlation", -1, false, 1, false, "a correlation in [-1, 1]");
            double se = c.positive("residual_sd", "score points");
            if (Double.isNaN(s0 + s1 + rho + se)) {
                return null;
            }
            cov = Covariances.randomInterceptSlope(visits, s0, s1, rho, se);
        } else {
            double[] sd = sd(o, t);
            double[] r = switch (structure) {
                case AR1 -> {
                    c = c.allowing(CORRELATION, "structure", "rho");
                    double rho = c == null ? Double.NaN : c.number("rho", -1, true, 1, true, "a correlation in (-1, 1)");
                    yield Double.isNaN(rho) ? null : Covariances.autoregressive(t, rho);
                }
                case COMPOUND_SYMMETRY -> {
                    c = c.allowing(CORRELATION, "structure", "rho");
                    double low = t > 1 ? -1.0 / (t - 1) : -1;
                    double rho = c == null ? Double.NaN : c.number("rho", low, true, 1, true,
                            "a correlation in (" + SummaryLines.num3(low) + ", 1) (-1/(visits - 1) < rho < 1)");
                    yield Double.isNaN(rho) ? null : Covariances.exchangeable(t, rho);
                }
                default -> {
                    c = c.allowing(CORRELATION, "structure", "lower");
                    double[] lowerTriangle = c == null ? null
                            : c.numbers("lower", -1, true, 1, true, "a correlation in (-1, 1)");
                    if (lowerTriangle != null && lowerTriangle.length != t * (t - 1) / 2) {
                        c.problem("lower", "found " + lowerTriangle.length + " correlations for " + t + " visits;"
                                + " allowed " + t * (t - 1) / 2 + ", the lower triangle row by row (r21, r31, r32, ...)");
                        lowerTriangle = null;
                    }
                    yield lowerTriangle == null ? null : Covariances.unstructured(t, lowerTriangle);
                }
            };
            if (sd == null || r == null) {
                return null;
            }
            cov = Covariances.fromCorrelation(sd, r);
        }
        int j = Covariances.firstFailure(cov, t);
        if (j >= 0) {
            String pair = j == 0 ? "week " + SummaryLines.num(visits[0]) + " alone"
                    : "weeks " + SummaryLines.num(visits[Covariances.partner(cov, t, j)]) + " and "
                    + SummaryLines.num(visits[j]);
            o.problem("correlation", "found a covariance of the visits that is not positive definite: it fails at the"
                    + " visit of week " + SummaryLines.num(visits[j]) + " (check the visit pair " + pair + " and the"
                    + " correlations of week " + SummaryLines.num(visits[j]) + " with the earlier visits); allowed"
                    + " correlations that can hold together (a positive-definite matrix)");
            return null;
        }
        return cov;
    }

    /** The SD of the change per visit: one number for all visits or a list, one per visit. */
    private static double[] sd(Settings o, int t) {
        if (o.isList("sd")) {
            double[] s = o.numbers("sd", 0, true, BIG, false, "a standard deviation > 0");
            if (s != null && s.length != t) {
                o.problem("sd", "found " + s.length + " SDs for " + t + " visits; allowed one per visit, or one number");
                return null;
            }
            return s;
        }
        double s = o.number("sd", 0, true, BIG, false, "a standard deviation > 0 of the change at every visit, or a"
                + " list with one per visit");
        if (Double.isNaN(s)) {
            return null;
        }
        double[] out = new double[t];
        Arrays.fill(out, s);
        return out;
    }

    /** Dropout by score reads the trajectory it ends. */
    @Override
    public boolean dropoutDependsOnOutcome(Endpoint endpoint, PatientModel model) {
        ScoreTrajectories.Trajectory t = trajectory(model, endpoint.outcome());
        return t != null && t.dropoutByScore() != null;
    }

    /** Takes the endpoint's instance alone, so that the other instances stay as they were. */
    @Override
    public PatientModel withOutcomeFrom(Endpoint endpoint, PatientModel model, PatientModel from) {
        ScoreTrajectories own = (ScoreTrajectories) model.process(ScoreTrajectories.KEY);
        ScoreTrajectories other = (ScoreTrajectories) from.process(ScoreTrajectories.KEY);
        return model.with(new ScoreTrajectories(Named.withInstance(own == null ? java.util.Map.of() : own.trajectories(),
                other == null ? java.util.Map.of() : other.trajectories(), endpoint.outcome())));
    }

    @Override
    public boolean namesOutcomes() {
        return true;
    }

    @Override
    public List<String> outcomes(ProcessModel model) {
        return List.copyOf(((ScoreTrajectories) model).trajectories().keySet());
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(CHANGE, RESPONSE, REMISSION, SUSTAINED, RELAPSE);
    }

    /** Remission needs its threshold. */
    @Override
    public String missingFor(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        ScoreTrajectories.Trajectory o = ((ScoreTrajectories) model).trajectories().get(outcome);
        String at = " (arms." + armName + "." + ScoreTrajectories.KEY + "." + outcome + ".";
        if (kind == REMISSION && Double.isNaN(o.remissionAtMost())) {
            return "a remission threshold" + at + "remission_at_most)";
        }
        if (kind == SUSTAINED && Double.isNaN(o.sustainedFromWeek())) {
            return "the first visit of the sustained response" + at + "sustained_from_week)";
        }
        if (kind == RELAPSE && Double.isNaN(o.relapseAtLeast())) {
            return "a relapse threshold" + at + "relapse_at_least)";
        }
        return null;
    }

    /** The endpoint's week must be one of the trajectory's visits. */
    @Override
    public String missingAt(Endpoint.Kind kind, String outcome, double week, ProcessModel model, String armName) {
        ScoreTrajectories.Trajectory o = ((ScoreTrajectories) model).trajectories().get(outcome);
        if (kind == RELAPSE) {
            return null;
        }
        if (o.visitAt(week) >= 0) {
            return kind == SUSTAINED && week < o.sustainedFromWeek() ? "a visit at week " + SummaryLines.num(week)
                    + " at or after sustained_from_week " + SummaryLines.num(o.sustainedFromWeek()) : null;
        }
        StringBuilder weeks = new StringBuilder();
        for (double w : o.visits()) {
            weeks.append(weeks.length() == 0 ? "" : ", ").append(SummaryLines.num(w));
        }
        return "a visit at week " + SummaryLines.num(week) + " (at_week must be one of the visits of arms." + armName
                + "." + ScoreTrajectories.KEY + "." + outcome + ".visits: " + weeks + ")";
    }

    /** The baseline score is the covariate. */
    @Override
    public String missingBaseline(Endpoint.Kind kind, String outcome, ProcessModel model, String armName) {
        return kind == CHANGE ? null : "a continuous endpoint for ANCOVA, which endpoint kind " + kind + " is not";
    }

    /**
     * The change from baseline at the endpoint's visit, as drawn: baseline X and, per latent class, the change C
     * (within-class SD) independent normals, both scores set into the scale's bounds
     * ({@link PlanningFigures#clampedChangeMoments}), mixed over the classes. Rounding to a step s is taken as
     * Sheppard's correction: each of the two rounded scores adds about s^2/12 to the variance (the rounding error
     * nearly uniform and independent of the score when s is small against the SDs) and nothing to the mean. Other
     * kinds: none.
     */
    @Override
    public double[] continuousMoments(Endpoint e, PatientModel m, double induction, double week) {
        ScoreTrajectories.Trajectory o = e.kind() == CHANGE ? trajectory(m, e.outcome()) : null;
        int t = o == null ? -1 : o.visitAt(week);
        if (t < 0) {
            return null;
        }
        double first = 0;
        double second = 0;
        for (ScoreTrajectories.LatentClass c : o.classesOrOne()) {
            double[] moments = PlanningFigures.clampedChangeMoments(o.baselineMean(), o.baselineSd(), c.change(t),
                    o.changeSd(t), o.lower(), o.upper(), false);
            first += c.probability() * moments[0];
            second += c.probability() * moments[1];
        }
        return new double[] {first, second + o.roundTo() * o.roundTo() / 6};
    }

    private static ScoreTrajectories.Trajectory trajectory(PatientModel m, String name) {
        ScoreTrajectories s = (ScoreTrajectories) m.process(ScoreTrajectories.KEY);
        return s == null ? null : s.trajectories().get(name);
    }

    /**
     * Response and remission probabilities at the endpoint's visit, rounding and bounds included: with X the
     * baseline and C the change (independent normals), {@code P = integral phi_X(u) Phi((b(u) - u - mu_t) /
     * sigma_t) du}, where {@code b(u)} is the raw score below which the rounded, bounded score meets the
     * threshold ({@code remission_at_most}, or {@code (1 - r)} times the rounded, bounded baseline): with a
     * rounding step s, the largest multiple of s at most the threshold plus s/2; 1 when that is at least the
     * upper bound, 0 below the lower bound. Composite Simpson over each rounding cell of the baseline (or 400
     * pieces without rounding) within 9 SDs: about 1e-7 accurate. Without rounding and bounds it is the normal
     * {@code Phi((-mu_t - r mu_X) / sqrt(sigma_t^2 + r^2 sigma_X^2))} (response) and {@code Phi((y - mu_X -
     * mu_t) / sqrt(sigma_X^2 + sigma_t^2))} (remission), which {@code ScoreTrajectoryProcessTest} also checks.
     * With latent classes, the mixture of the classes' probabilities, each with its class's mean change.
     */
    @Override
    public double successProbability(Endpoint endpoint, PatientModel m, double induction, double week) {
        ScoreTrajectories.Trajectory o = trajectory(m, endpoint.outcome());
        int t = o == null ? -1 : o.visitAt(endpoint.atWeek());
        if (t < 0 || endpoint.kind() == SUSTAINED) {
            return t < 0 ? 0 : Double.NaN; // sustained response: no closed form (a multivariate normal orthant)
        }
        double p = 0;
        for (ScoreTrajectories.LatentClass c : o.classesOrOne()) {
            p += c.probability() * successProbability(o, endpoint.kind() == RESPONSE, c.change(t), o.changeSd(t));
        }
        return Math.min(1, Math.max(0, p));
    }

    /**
     * For the null of a margin on the change from baseline ({@code score_change}, by t-test, ANCOVA or MMRM): the
     * trajectory's mean change at every visit plus {@code shift}, and every latent class's likewise (the
     * mixture mean moves by the same amount), so that the treatment arm sits at the margin at the endpoint's
     * visit and at every visit before it, which the MMRM also reads. Without rounding and bounds the expected
     * difference in changes is then exactly {@code shift}; with them (a MADRS from 0 to 60 in whole points) it is
     * close to it where few scores meet a bound.
     */
    @Override
    public PatientModel shiftedForMargin(Endpoint endpoint, PatientModel m, double shift) {
        if (endpoint.kind() != CHANGE) {
            return ProcessDefinition.super.shiftedForMargin(endpoint, m, shift);
        }
        ScoreTrajectories all = (ScoreTrajectories) m.process(ScoreTrajectories.KEY);
        ScoreTrajectories.Trajectory o = all.trajectories().get(endpoint.outcome());
        List<ScoreTrajectories.LatentClass> classes = o.classes() == null ? null : o.classes().stream()
                .map(c -> new ScoreTrajectories.LatentClass(c.name(), c.probability(), plus(c.change(), shift)))
                .toList();
        Map<String, ScoreTrajectories.Trajectory> copy = new java.util.LinkedHashMap<>(all.trajectories());
        copy.put(endpoint.outcome(), new ScoreTrajectories.Trajectory(o.instrument(), o.visits(), o.baselineMean(),
                o.baselineSd(), plus(o.change(), shift), o.covariance(), o.lower(), o.upper(), o.roundTo(),
                o.responseReduction(), o.remissionAtMost(), o.sustainedFromWeek(), o.relapseAtLeast(),
                o.relapseVisits(), classes, o.dropoutByScore()));
        return m.with(new ScoreTrajectories(copy));
    }

    private static List<Double> plus(List<Double> values, double shift) {
        return values.stream().map(v -> v + shift).toList();
    }

    /** The probability of response or remission at a visit where the change is N(mu, sigma^2). */
    private static double successProbability(ScoreTrajectories.Trajectory o, boolean response, double mu,
            double sigma) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        java.util.function.DoubleUnaryOperator given = u -> {
            double threshold = response ? (1 - o.responseReduction()) * transform(o, u) : o.remissionAtMost();
            double bound = boundary(o, threshold);
            return bound == Double.POSITIVE_INFINITY ? 1 : bound == Double.NEGATIVE_INFINITY ? 0
                    : z.cumulativeProbability((bound - u - mu) / sigma);
        };
        double m0 = o.baselineMean();
        double s0 = o.baselineSd();
        if (s0 == 0) {
            return given.applyAsDouble(m0);
        }
        double lo = m0 - 9 * s0;
        double hi = m0 + 9 * s0;
        double step = o.roundTo();
        double sum = 0;
        double a = lo;
        while (a < hi) {
            double b = step > 0 ? Math.min(hi, (Math.floor(a / step - 0.5 + 1e-12) + 1.5) * step) : a + (hi - lo) / 400;
            if (!(b > a)) {
                b = Math.min(hi, a + step);
            }
            sum += simpson(u -> z.density((u - m0) / s0) / s0 * given.applyAsDouble(u), a, b);
            a = b;
        }
        return Math.min(1, Math.max(0, sum));
    }

    /** The raw score below which the rounded, bounded score is at most {@code threshold}. */
    private static double boundary(ScoreTrajectories.Trajectory o, double threshold) {
        double step = o.roundTo();
        double top = step > 0 ? Math.floor(threshold / step + 1e-9) * step : threshold;
        if (top >= o.upper()) {
            return Double.POSITIVE_INFINITY;
        }
        if (top < o.lower()) {
            return Double.NEGATIVE_INFINITY;
        }
        return step > 0 ? top + step / 2 : top;
    }

    /** A raw score rounded and bounded as the draws do. */
    private static double transform(ScoreTrajectories.Trajectory o, double raw) {
        double r = o.roundTo() > 0 ? Math.rint(raw / o.roundTo()) * o.roundTo() : raw;
        return r < o.lower() ? o.lower() : r > o.upper() ? o.upper() : r;
    }

    /** Composite Simpson's rule with 8 subintervals on [a, b] (a smooth piece of the integrand). */
    private static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b) {
        int k = 8;
        double h = (b - a) / k;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < k; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Named.any(s, ScoreTrajectories.KEY)) {
            return;
        }
        out.line("Score trajectories (baseline mean and SD; at each visit the mean change from baseline and its SD,"
                + " over the latent classes if any; latent: before rounding, bounds, dropout and intercurrent events;"
                + " with dropout and the strategy in each endpoint's analysed line):");
        for (String name : Named.names(s, ScoreTrajectories.KEY, m -> ((ScoreTrajectories) m).trajectories())) {
            for (Arm a : s.arms()) {
                for (Stratum st : s.strata()) {
                    ScoreTrajectories.Trajectory o = trajectory(a.model(st.name()), name);
                    if (o == null) {
                        out.line("  %-16s %-20s %-20s none", name, a.name(), st.name());
                        continue;
                    }
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-16s %-20s %-20s %s"
                            + " baseline %s (SD %s)", name, a.name(), st.name(), o.instrument(),
                            SummaryLines.num3(o.baselineMean()), SummaryLines.num3(o.baselineSd())));
                    for (int t = 0; t < o.size(); t++) {
                        row.append(String.format(Locale.ROOT, "; week %s %s (SD %s)", SummaryLines.num(o.week(t)),
                                SummaryLines.num3(o.change(t)), SummaryLines.num3(o.marginalChangeSd(t))));
                    }
                    out.line("%s", row);
                    for (ScoreTrajectories.LatentClass c : o.classes() == null ? List.<ScoreTrajectories.LatentClass>of()
                            : o.classes()) {
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    class %s, probability"
                                + " %s: mean change", c.name(), SummaryLines.num3(c.probability())));
                        for (int t = 0; t < o.size(); t++) {
                            line.append(String.format(Locale.ROOT, " %s", SummaryLines.num3(c.change(t))));
                        }
                        out.line("%s (within-class SD as above without the spread of the class means)", line);
                    }
                    if (o.dropoutByScore() != null) {
                        out.line("    dropout by score before the next visit: %s", describe(o.dropoutByScore()));
                    }
                }
            }
        }
        out.line("");
    }

    private static String describe(ScoreTrajectories.DropoutByScore d) {
        if (d instanceof ScoreTrajectories.Logistic l) {
            return "logistic, log-odds " + SummaryLines.num3(l.intercept()) + " + " + SummaryLines.num3(l.perPoint())
                    + " per point";
        }
        ScoreTrajectories.Bands b = (ScoreTrajectories.Bands) d;
        if (b.cuts().isEmpty()) {
            return "every score " + SummaryLines.num3(b.probabilities().get(0));
        }
        StringBuilder out = new StringBuilder("by band:");
        for (int k = 0; k < b.probabilities().size(); k++) {
            String band = k == 0 ? "below " + SummaryLines.num(b.cuts().get(0)) : "from " + SummaryLines.num(b.cuts()
                    .get(k - 1));
            out.append(k == 0 ? " " : ", ").append(band).append(' ').append(SummaryLines.num3(b.probabilities().get(k)));
        }
        return out.toString();
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        if (e.kind() == SUSTAINED || e.kind() == RELAPSE) {
            return "by simulation";
        }
        if (e.kind() != CHANGE) {
            return SummaryLines.p3(PlanningFigures.average(s, a, st -> Named.inPopulation(e, st),
                    m -> trajectory(m, e.outcome()) == null ? Double.NaN : successProbability(e, m, 0, e.atWeek())));
        }
        double mean = PlanningFigures.average(s, a, st -> Named.inPopulation(e, st), m -> {
            ScoreTrajectories.Trajectory o = trajectory(m, e.outcome());
            int t = o == null ? -1 : o.visitAt(e.atWeek());
            return t < 0 ? Double.NaN : o.change(t);
        });
        return "mean change " + SummaryLines.num3(mean);
    }

    /**
     * The mean change as observed: the score and the baseline are each set into the instrument's bounds, so the
     * mean change is E[T(B + C)] - E[T(B)] with B ~ N(baseline mean, SD^2) and, per latent class, C ~ N(class mean
     * change, SD of the change^2) independent of B (as drawn), T the clamp to [lower, upper]
     * ({@link PlanningFigures#clampedNormalMean}). Rounding to the step is left out: its mean effect is a small
     * fraction of the step.
     */
    @Override
    public String analysed(Endpoint e, Arm a, Scenario s) {
        if (e.kind() != CHANGE) {
            return expected(e, a, s);
        }
        double mean = PlanningFigures.average(s, a, st -> Named.inPopulation(e, st), m -> {
            ScoreTrajectories.Trajectory o = trajectory(m, e.outcome());
            int t = o == null ? -1 : o.visitAt(e.atWeek());
            if (t < 0) {
                return Double.NaN;
            }
            double sdScore = Math.hypot(o.baselineSd(), o.changeSd(t));
            double score = 0;
            for (ScoreTrajectories.LatentClass c : o.classesOrOne()) {
                score += c.probability() * PlanningFigures.clampedNormalMean(o.baselineMean() + c.change(t), sdScore, o.lower(), o.upper());
            }
            return score - PlanningFigures.clampedNormalMean(o.baselineMean(), o.baselineSd(), o.lower(), o.upper());
        });
        return "mean change " + SummaryLines.num3(mean);
    }

    @Override
    public StreamId stream() {
        throw new UnsupportedOperationException("each score trajectory has a stream of its own (parts)");
    }

    /** None of fixed name: trajectory {@code NAME} has {@code score_NAME_w0} (baseline) and one per visit week. */
    @Override
    public List<Column> columns() {
        return List.of();
    }

    /** The column of trajectory {@code name} at {@code week} (0: baseline). */
    static Column.Doubles column(String name, double week) {
        return Column.namedDoubles("score_" + name + "_w" + SummaryLines.num(week), "points",
                week == 0 ? "the baseline of the score " + name : "the score " + name + " at week "
                        + SummaryLines.num(week), Double.NaN);
    }

    /** The visit weeks of trajectory {@code name} over all cells, in order. */
    static double[] weeks(ProcessCells cells, String name) {
        TreeSet<Double> all = new TreeSet<>();
        for (ScoreTrajectories.Trajectory o : Named.perCell(cells, name, m -> ((ScoreTrajectories) m).trajectories())) {
            if (o != null) {
                for (double w : o.visits()) {
                    all.add(w);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The class column of trajectory {@code name}: the patient's latent class number, 1, 2, ... in file order. */
    static Column.Doubles classColumn(String name) {
        return Column.namedDoubles("score_" + name + "_class", "", "the latent class of the score " + name
                + " (1, 2, ... in the order the file lists the classes)", Double.NaN);
    }

    /** The stream of trajectory {@code name}'s latent classes. */
    static StreamId classStream(String name) {
        return StreamId.of(ScoreTrajectories.KEY + "." + name + ".class");
    }

    /** The stream of trajectory {@code name}'s dropout by score. */
    static StreamId dropoutStream(String name) {
        return StreamId.of(ScoreTrajectories.KEY + "." + name + ".dropout");
    }

    /**
     * Per trajectory the scenario names: its latent classes if some cell has them (stream
     * {@code score_trajectories.NAME.class}), its scores (stream {@code score_trajectories.NAME}), then its
     * dropout by score if some cell has it (stream {@code score_trajectories.NAME.dropout}). The class and
     * dropout parts have streams of their own, present only when used, so a scenario without them draws
     * exactly what it drew before they existed.
     */
    @Override
    public List<Part> parts(ProcessCells cells) {
        List<Part> out = new ArrayList<>();
        boolean dropoutWritten = DropoutProcess.drawn(cells.scenario());
        for (String name : Named.names(cells, m -> ((ScoreTrajectories) m).trajectories())) {
            List<ScoreTrajectories.Trajectory> perCell = Named.perCell(cells, name,
                    m -> ((ScoreTrajectories) m).trajectories());
            boolean classes = perCell.stream().anyMatch(o -> o != null && o.classes() != null);
            boolean dropout = perCell.stream().anyMatch(o -> o != null && o.dropoutByScore() != null);
            Column.Doubles classColumn = classes ? classColumn(name) : null;
            if (classes) {
                out.add(new Part(classStream(name), List.of(classColumn), new ClassDraw(cells, name, classColumn)));
            }
            double[] weeks = weeks(cells, name);
            Column.Doubles baseline = column(name, 0);
            Column.Doubles[] visits = new Column.Doubles[weeks.length];
            List<Column> columns = new ArrayList<>();
            columns.add(baseline);
            for (int u = 0; u < weeks.length; u++) {
                visits[u] = column(name, weeks[u]);
                columns.add(visits[u]);
            }
            out.add(new Part(Named.stream(ScoreTrajectories.KEY, name), List.copyOf(columns),
                    new TrajectoryDraw(cells, name, weeks, baseline, visits, classColumn)));
            if (dropout) {
                // the reason column is listed by whichever part writes the dropout column first
                out.add(new Part(dropoutStream(name), dropoutWritten ? List.of() : List.of(DropoutProcess.REASON),
                        new ScoreDropout(cells, name, weeks, baseline, visits, dropoutWritten)));
                dropoutWritten = true;
            }
        }
        return out;
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        if (endpoint.outcome() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + " names no score trajectory");
        }
        Column.Doubles baseline = column(endpoint.outcome(), 0);
        double threshold = Double.NaN;
        for (Arm a : scenario.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                ScoreTrajectories.Trajectory o = trajectory(m, endpoint.outcome());
                if (o != null) {
                    double v = endpoint.kind() == REMISSION ? o.remissionAtMost() : o.responseReduction();
                    if (!Double.isNaN(threshold) && v != threshold && endpoint.kind() != CHANGE) {
                        throw new IllegalArgumentException("score trajectory " + endpoint.outcome() + " has different"
                                + " thresholds of " + endpoint.kind() + " across arms and strata");
                    }
                    threshold = v;
                }
            }
        }
        TreeSet<Double> weeks = new TreeSet<>();
        for (Arm a : scenario.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                ScoreTrajectories.Trajectory o = trajectory(m, endpoint.outcome());
                if (o != null) {
                    o.visits().stream().filter(w -> w <= endpoint.atWeek() + 1e-9).forEach(weeks::add);
                }
            }
        }
        double[] upTo = weeks.stream().mapToDouble(Double::doubleValue).toArray();
        Column.Doubles[] columns = new Column.Doubles[upTo.length];
        for (int t = 0; t < upTo.length; t++) {
            columns[t] = column(endpoint.outcome(), upTo[t]);
        }
        if (endpoint.kind() == RELAPSE) {
            return relapse(scenario, endpoint, baseline, threshold);
        }
        // the endpoint's visit is the last of them (a listing asks for every visit with a week past the last)
        Column.Doubles visit = upTo.length > 0 ? columns[upTo.length - 1] : column(endpoint.outcome(), endpoint.atWeek());
        double from = Double.NaN;
        if (endpoint.kind() == SUSTAINED) {
            for (Arm a : scenario.arms()) {
                for (PatientModel m : a.modelByStratum().values()) {
                    ScoreTrajectories.Trajectory o = trajectory(m, endpoint.outcome());
                    if (o != null) {
                        if (!Double.isNaN(from) && from != o.sustainedFromWeek()) {
                            throw new IllegalArgumentException("score trajectory " + endpoint.outcome() + " has"
                                    + " different sustained_from_week across arms and strata");
                        }
                        from = o.sustainedFromWeek();
                    }
                }
            }
        }
        return new Visit(endpoint.kind(), visit, baseline, threshold, upTo, columns, from,
                new Means(scenario, endpoint, upTo));
    }

    /** The change from baseline takes treatment policy and hypothetical; the binary kinds their defaults. */
    @Override
    public java.util.Set<Estimand.Strategy> strategies(Endpoint.Kind kind) {
        return kind == CHANGE ? java.util.EnumSet.of(Estimand.Strategy.TREATMENT_POLICY,
                Estimand.Strategy.HYPOTHETICAL) : ProcessDefinition.super.strategies(kind);
    }

    /** The change, response and remission at a visit follow a post-event model ({@link Means#after}). */
    @Override
    public boolean postEventModel(Endpoint.Kind kind) {
        return kind == CHANGE || kind == RESPONSE || kind == REMISSION;
    }

    /**
     * The mean change per cell (arm x stratum) at each visit of an endpoint, and the cell of its control arm in the
     * same stratum, for the scores after an intercurrent event: from the first visit at or after the event, a
     * patient keeps the deviation of its change from its arm's mean and takes the control arm's mean (jump to
     * reference: Carpenter JR, Roger JH, Kenward MG. J Biopharm Stat 2013;23:1352-1371, in its mean-shift form: the
     * deviation is carried over rather than drawn from the conditional distribution), or adds the stated shift.
     * Scores are not re-bounded or re-rounded after the shift.
     */
    static final class Means {
        private final double[][] mean;
        private final int[] reference;
        private final int strata;

        Means(Scenario scenario, Endpoint endpoint, double[] weeks) {
            List<Stratum> st = scenario.strata();
            strata = st.size();
            int arms = scenario.arms().size();
            mean = new double[arms * strata][weeks.length];
            reference = new int[arms * strata];
            int control = endpoint.control() == null ? -1 : scenario.armIndex(endpoint.control());
            for (int a = 0; a < arms; a++) {
                for (int s = 0; s < strata; s++) {
                    int k = a * strata + s;
                    reference[k] = control < 0 ? k : control * strata + s;
                    ScoreTrajectories.Trajectory o = trajectory(scenario.arms().get(a).model(st.get(s).name()),
                            endpoint.outcome());
                    for (int t = 0; t < weeks.length; t++) {
                        int v = o == null ? -1 : o.visitAt(weeks[t]);
                        mean[k][t] = v < 0 ? Double.NaN : o.change(v);
                    }
                }
            }
        }

        /** The change {@code value} at visit t of a patient of cell k, after an event under {@code after}. */
        double after(int k, int t, double value, PostEvent after) {
            return switch (after.model()) {
                case JUMP_TO_REFERENCE -> value - mean[k][t] + mean[reference[k]][t];
                case STATED -> value + after.shift();
                default -> value;
            };
        }

        int cell(Cohort c, int i) {
            return c.arm[i] * strata + c.stratum[i];
        }
    }

    /** The relapse observation over every visit of the trajectory. */
    private static Observation relapse(Scenario scenario, Endpoint endpoint, Column.Doubles baseline, double reduction) {
        TreeSet<Double> weeks = new TreeSet<>();
        double atLeast = Double.NaN;
        int consecutive = 0;
        for (Arm a : scenario.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                ScoreTrajectories.Trajectory o = trajectory(m, endpoint.outcome());
                if (o != null) {
                    weeks.addAll(o.visits());
                    if (!Double.isNaN(atLeast) && (atLeast != o.relapseAtLeast() || consecutive != o.relapseVisits())) {
                        throw new IllegalArgumentException("score trajectory " + endpoint.outcome() + " has different"
                                + " relapse definitions across arms and strata");
                    }
                    atLeast = o.relapseAtLeast();
                    consecutive = o.relapseVisits();
                }
            }
        }
        double[] all = weeks.stream().mapToDouble(Double::doubleValue).toArray();
        Column.Doubles[] columns = new Column.Doubles[all.length];
        for (int t = 0; t < all.length; t++) {
            columns[t] = column(endpoint.outcome(), all[t]);
        }
        return new Relapse(baseline, columns, all, reduction, atLeast, consecutive);
    }

    /**
     * Relapse defined on the scores: at risk from the first visit with a response (score at most
     * {@code (1 - r)} times baseline) that the patient attends (not after dropout; otherwise never at risk),
     * relapsed at the visit that completes {@code consecutive} visits in a row, after that one, with a score of
     * at least {@code atLeast}; the visit schedule decides when a relapse can be seen.
     */
    static final class Relapse extends Observation {
        private final Column.Doubles baselineColumn;
        private final Column.Doubles[] visitColumns;
        private final double[] weeks;
        private final double reduction;
        private final double atLeast;
        private final int consecutive;
        private final double[][] scores;
        private double[] baseline;
        private double[] dropout;

        Relapse(Column.Doubles baselineColumn, Column.Doubles[] visitColumns, double[] weeks, double reduction,
                double atLeast, int consecutive) {
            this.baselineColumn = baselineColumn;
            this.visitColumns = visitColumns;
            this.weeks = weeks;
            this.reduction = reduction;
            this.atLeast = atLeast;
            this.consecutive = consecutive;
            this.scores = new double[weeks.length][];
        }

        @Override
        public void bind(Cohort c) {
            baseline = c.doubles(baselineColumn);
            dropout = c.dropout;
            for (int t = 0; t < scores.length; t++) {
                scores[t] = c.doubles(visitColumns[t]);
            }
        }

        @Override
        public Observation copy() {
            return new Relapse(baselineColumn, visitColumns, weeks, reduction, atLeast, consecutive);
        }

        private int firstResponse(int i) {
            for (int t = 0; t < weeks.length && !(dropout[i] < weeks[t]); t++) {
                if (scores[t][i] <= (1 - reduction) * baseline[i]) {
                    return t;
                }
            }
            return -1;
        }

        @Override
        public double origin(int i) {
            int t = firstResponse(i);
            return t < 0 ? Double.NaN : weeks[t];
        }

        @Override
        public double eventTime(int i) {
            int start = firstResponse(i);
            if (start < 0) {
                return Double.POSITIVE_INFINITY;
            }
            int run = 0;
            for (int t = start + 1; t < weeks.length; t++) {
                run = scores[t][i] >= atLeast ? run + 1 : 0;
                if (run >= consecutive) {
                    return weeks[t];
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The change from baseline is analysed by MMRM over the visits up to its week. */
    @Override
    public boolean repeatedMeasures(Endpoint.Kind kind) {
        return kind == CHANGE;
    }

    /**
     * A patient's score at one visit: its change from baseline, response or remission; and, for the change, the
     * changes at every visit up to it (the repeated measures an MMRM analyses).
     */
    static final class Visit extends Observation {
        private final Endpoint.Kind kind;
        private final Column.Doubles visitColumn;
        private final Column.Doubles baselineColumn;
        private final double threshold;
        private final double[] weeks;
        private final Column.Doubles[] visitColumns;
        private final double[][] scores;
        private final double sustainedFrom;
        private final Means means;
        private double[] score;
        private double[] baseline;
        private Cohort cohort;

        Visit(Endpoint.Kind kind, Column.Doubles visitColumn, Column.Doubles baselineColumn, double threshold,
                double[] weeks, Column.Doubles[] visitColumns, double sustainedFrom, Means means) {
            this.means = means;
            this.sustainedFrom = sustainedFrom;
            this.kind = kind;
            this.visitColumn = visitColumn;
            this.baselineColumn = baselineColumn;
            this.threshold = threshold;
            this.weeks = weeks;
            this.visitColumns = visitColumns;
            this.scores = new double[weeks.length][];
        }

        @Override
        public void bind(Cohort c) {
            score = c.doubles(visitColumn);
            baseline = c.doubles(baselineColumn);
            cohort = c;
            for (int t = 0; t < scores.length; t++) {
                scores[t] = c.doubles(visitColumns[t]);
            }
        }

        @Override
        public Observation copy() {
            return new Visit(kind, visitColumn, baselineColumn, threshold, weeks, visitColumns, sustainedFrom, means);
        }

        @Override
        public double valueAtAfter(int i, int t, double event, PostEvent after) {
            double v = valueAt(i, t);
            return weeks[t] >= event ? means.after(means.cell(cohort, i), t, v, after) : v;
        }

        /** The change at the endpoint's visit (the last of {@code weeks}) after the event. */
        @Override
        public double valueAfter(int i, double event, PostEvent after) {
            int t = weeks.length - 1;
            double v = value(i);
            return weeks[t] >= event ? means.after(means.cell(cohort, i), t, v, after) : v;
        }

        /** Response or remission read from the score after the event. */
        @Override
        public boolean successAfter(int i, double event, PostEvent after) {
            if (kind == SUSTAINED) {
                return super.successAfter(i, event, after);
            }
            double s = baseline[i] + valueAfter(i, event, after);
            return kind == RESPONSE ? s <= (1 - threshold) * baseline[i] : s <= threshold;
        }

        @Override
        public int visits() {
            return kind == CHANGE ? weeks.length : 0;
        }

        @Override
        public double visitWeek(int t) {
            return weeks[t];
        }

        @Override
        public double valueAt(int i, int t) {
            return scores[t][i] - baseline[i];
        }

        @Override
        public double value(int i) {
            return score[i] - baseline[i];
        }

        @Override
        public double baseline(int i) {
            return baseline[i];
        }

        /**
         * Response: {@code score <= (1 - r) baseline}; remission: {@code score <= threshold}; sustained response:
         * response at every visit from {@code sustained_from_week} to the endpoint's; NaN fails.
         */
        @Override
        public boolean success(int i) {
            if (kind == SUSTAINED) {
                boolean all = true;
                for (int t = 0; t < weeks.length; t++) {
                    if (weeks[t] >= sustainedFrom - 1e-9) {
                        all &= scores[t][i] <= (1 - threshold) * baseline[i];
                    }
                }
                return all;
            }
            return kind == RESPONSE ? score[i] <= (1 - threshold) * baseline[i] : score[i] <= threshold;
        }
    }
}
