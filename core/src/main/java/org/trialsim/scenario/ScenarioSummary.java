package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A plain-text summary of what a scenario assumes, with derived figures a planner can sanity-check before
 * simulating: marginal response and remission per arm, median time to relapse per arm and stratum, the
 * expected fraction benzodiazepine-free at 52 weeks among users, dropout by the end of induction and of
 * follow-up, and the expected value of each endpoint per arm. The figures are computed by
 * {@link PlanningFigures} from the model alone (no simulation).
 */
public final class ScenarioSummary {

    /** The week at which benzodiazepine-free status is summarized (12 months). */
    public static final double YEAR_WEEKS = 52;

    private final Scenario s;
    private final StringBuilder out = new StringBuilder();

    private ScenarioSummary(Scenario s) {
        this.s = s;
    }

    /** The summary text (several lines, ending with a newline). */
    public static String of(Scenario scenario) {
        return new ScenarioSummary(scenario).build();
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private String build() {
        line("Scenario %s: %s", s.name(), s.title());
        line("  canonical SHA-256 %s", ScenarioHash.sha256(s));
        line("All times are in weeks. Figures are derived from the model without simulation.");
        line("");
        design();
        for (ProcessDefinition d : ProcessRegistry.get().all()) {
            SummaryLines section = new SummaryLines();
            d.summary(s, section);
            section.lines().forEach(l -> out.append(l).append('\n'));
        }
        dropout();
        endpoints();
        if (s.multiArm() != null) {
            org.trialsim.multiarm.MultiArmStudy.summary(s).forEach(l -> out.append(l).append('\n'));
        }
        line("Simulation: %d replicates, seed %d%s", s.simulation().replicates(), s.simulation().seed(),
                s.simulation().targetMcse() > 0 ? String.format(Locale.ROOT, ", until every power has MCSE <= %s (at most %d)",
                        num(s.simulation().targetMcse()), s.simulation().maxReplicates()) : "");
        return out.toString();
    }

    private void design() {
        Design d = s.design();
        List<Integer> n = d.sampleSizes();
        String sizes = n.size() <= 12 ? n.toString() : n.subList(0, 5) + " ... " + n.get(n.size() - 1) + " (" + n.size() + " sizes)";
        line("Design: total sample sizes %s; alpha %s %s", sizes, num(d.alpha()),
                d.sidedness() == Design.Sidedness.ONE_SIDED ? "one-sided" : "two-sided");
        Randomization r = d.randomization();
        String method = switch (r.method()) {
            case BLOCKS -> "permuted blocks of " + r.blockSize();
            case SIMPLE -> "simple";
            case ALTERNATING -> "alternating (deterministic, rpact's order: the control arm last in each cycle)";
        };
        line("  randomization: %s%s", method, r.stratified() ? ", stratified by stratum" : "");
        StringBuilder arms = new StringBuilder();
        for (Arm a : s.arms()) {
            arms.append(arms.length() == 0 ? "" : ", ").append(a.name()).append(" ").append(a.allocation())
                    .append(a.control() ? " (control)" : "");
        }
        line("  arms (allocation): %s", arms);
        StringBuilder strata = new StringBuilder();
        for (Stratum st : s.strata()) {
            strata.append(strata.length() == 0 ? "" : ", ").append(st.name()).append(" ").append(num(st.prevalence()))
                    .append(st.benzodiazepineUser() ? " (benzodiazepine users)" : "");
        }
        line("  strata (prevalence): %s", strata);
        line("  %s; cutoff %s; enrollment %s", induction(), cutoff(), enrollment());
        line("");
    }

    /**
     * The induction course and the processes that run on its clock, so that a planner sees where the length
     * comes from: a scenario none of whose processes uses one has none unless its file gives one.
     */
    private String induction() {
        Set<String> users = new LinkedHashSet<>();
        for (Arm a : s.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                for (Map.Entry<String, ProcessModel> e : m.processes().entrySet()) {
                    ProcessDefinition d = ProcessRegistry.get().process(e.getKey());
                    if (d != null && d.usesInduction(e.getValue())) {
                        users.add(e.getKey());
                    }
                }
            }
        }
        double weeks = s.schedule().inductionWeeks();
        if (weeks == 0) {
            return users.isEmpty() ? "no induction (no process uses one)" : "no induction (given; used by "
                    + String.join(", ", users) + ")";
        }
        return "induction " + num(weeks) + " weeks (" + (users.isEmpty() ? "given; no process uses it"
                : "used by " + String.join(", ", users)) + ")";
    }

    private String cutoff() {
        Cutoff c = s.schedule().cutoff();
        if (c instanceof Cutoff.FollowUp f) {
            return num(f.weeks()) + " weeks of follow-up per patient";
        }
        if (c instanceof Cutoff.Calendar cal) {
            return "calendar week " + num(cal.week());
        }
        Cutoff.Events e = (Cutoff.Events) c;
        return e.events() + " events of " + e.endpoint();
    }

    private String enrollment() {
        Enrollment e = s.enrollment();
        if (e instanceof Enrollment.Uniform u) {
            return u.durationWeeks() == 0 ? "all at week 0" : "uniform over " + num(u.durationWeeks()) + " weeks";
        }
        if (e instanceof Enrollment.Even ev) {
            return "evenly spaced over " + num(ev.durationWeeks()) + " weeks";
        }
        Enrollment.Piecewise p = (Enrollment.Piecewise) e;
        return "Poisson, rates " + p.ratesPerWeek() + " per week from weeks " + p.starts();
    }

    private boolean anyModel(java.util.function.Predicate<PatientModel> has) {
        return s.arms().stream().flatMap(a -> a.modelByStratum().values().stream()).anyMatch(has);
    }

    private void dropout() {
        Dropout d = s.dropout();
        double induction = s.schedule().inductionWeeks();
        StringBuilder sb = new StringBuilder();
        if (induction > 0) {
            sb.append(String.format(Locale.ROOT, "Dropout: %s by the end of induction (week %s); %s by week %s",
                    pct(d.inductionProbability()), num(induction), pct(PlanningFigures.dropout(d, induction, YEAR_WEEKS)),
                    num(YEAR_WEEKS)));
        } else {
            // without induction, a probability of dropping out during it (only where the file gives 0 weeks; the
            // reader refuses one otherwise) is a loss at randomization
            sb.append(d.inductionProbability() > 0
                    ? String.format(Locale.ROOT, "Dropout: %s at randomization (an induction of 0 weeks); %s by week %s",
                            pct(d.inductionProbability()), pct(PlanningFigures.dropout(d, induction, YEAR_WEEKS)),
                            num(YEAR_WEEKS))
                    : String.format(Locale.ROOT, "Dropout (no induction): %s by week %s",
                            pct(PlanningFigures.dropout(d, induction, YEAR_WEEKS)), num(YEAR_WEEKS)));
        }
        if (s.schedule().cutoff() instanceof Cutoff.FollowUp f && f.weeks() != YEAR_WEEKS) {
            sb.append(String.format(Locale.ROOT, "; %s by the end of follow-up (week %s)",
                    pct(PlanningFigures.dropout(d, induction, f.weeks())), num(f.weeks())));
        }
        line("%s", sb);
        if (anyModel(m -> m.has(Dropout.KEY)) || d.stateDependent()) {
            dropoutByArm(induction);
        }
        line("");
    }

    /**
     * Dropout by arm where it differs by arm or stratum or depends on the state: by the end of induction, and by
     * week 52 for a patient whose state does not change the hazard and for a non-responder (averaged over strata
     * by prevalence; the hazards after a relapse are not in these figures).
     */
    private void dropoutByArm(double induction) {
        line("  %-20s %16s %18s %22s", "arm", "end of induction", "week " + num(YEAR_WEEKS) + ", responder",
                "week " + num(YEAR_WEEKS) + ", non-responder");
        for (Arm a : s.arms()) {
            double early = PlanningFigures.average(s, a, st -> true,
                    m -> PlanningFigures.dropout(s, m).inductionProbability());
            double responder = PlanningFigures.average(s, a, st -> true,
                    m -> PlanningFigures.dropout(s, m).probabilityBy(induction, YEAR_WEEKS, false));
            double nonResponder = PlanningFigures.average(s, a, st -> true,
                    m -> PlanningFigures.dropout(s, m).probabilityBy(induction, YEAR_WEEKS, true));
            line("  %-20s %16s %18s %22s", a.name(), pct(early), pct(responder), pct(nonResponder));
        }
    }

    private void endpoints() {
        line("Endpoints, in priority order (expected: per arm from the model, latent, before dropout and intercurrent");
        line("events; analysed: with each arm's dropout and the endpoint's strategy applied, as its analysis sees them):");
        int i = 1;
        for (Endpoint e : s.endpoints()) {
            String who = e.control() == null ? e.treatment() : e.treatment() + " vs " + e.control();
            String pop = e.strata().isEmpty() ? "all patients" : "strata " + String.join(", ", e.strata());
            String week = Double.isNaN(e.atWeek()) ? "" : " at week " + num(e.atWeek());
            String test = e.analysis().test().name().toLowerCase(Locale.ROOT);
            if (e.analysis().test().singleArm()) {
                test += " against p0 = " + num(e.analysis().nullValue());
            }
            if (e.analysis().hasMargin()) {
                Analysis.MarginScale scale = e.analysis().test().marginScale();
                test += " against the margin " + num(e.analysis().margin()) + " (" + scale.noun().substring(
                        scale.noun().indexOf(' ') + 1) + "; the null is the treatment at the margin)";
            }
            SimonDesign simon = e.analysis().simon();
            if (simon != null) {
                test += String.format(Locale.ROOT, " (n1 %d, r1 %d, n %d, r %d)", simon.n1(), simon.r1(), simon.n(), simon.r());
            }
            line("  %d. %s: %s%s, %s, %s, %s", i++, e.name(), e.kind().name(), week, test, who, pop);
            List<String> values = new ArrayList<>();
            for (String armName : e.control() == null ? List.of(e.treatment()) : List.of(e.treatment(), e.control())) {
                Arm a = s.arms().get(s.armIndex(armName));
                String v = expected(e, a);
                if (v != null) {
                    values.add(armName + " " + v);
                }
            }
            if (!values.isEmpty()) {
                line("     expected: %s", String.join("; ", values));
            }
            analysed(e);
            if (e.kind() == Endpoint.Kind.MADRS_CHANGE && e.control() != null) {
                standardizedDifference(e);
            }
        }
        Multiplicity m = s.multiplicity();
        if (s.endpoints().size() > 1 || m.procedure() != Multiplicity.Procedure.NONE) {
            line("Multiplicity: %s%s%s", m.procedure().name().toLowerCase(Locale.ROOT),
                    m.weights().isEmpty() ? "" : ", weights " + m.weights(),
                    m.transitions().isEmpty() ? "" : ", transitions " + m.transitions());
        }
        GroupSequential g = s.groupSequential();
        if (g != null) {
            line("Interim looks on %s at information %s, %s spending%s, futility %s", g.endpoint(),
                    g.informationFractions(), g.spending().name().toLowerCase(Locale.ROOT),
                    g.spending() == GroupSequential.Spending.HWANG_SHIH_DECANI ? " (gamma " + num(g.gamma()) + ")" : "",
                    g.futility().rule().name().toLowerCase(Locale.ROOT));
            g.endpointSpending().forEach((name, own) -> line("  %s spends its own alpha: %s spending%s", name,
                    own.spending().name().toLowerCase(Locale.ROOT), own.spending()
                    == GroupSequential.Spending.HWANG_SHIH_DECANI ? " (gamma " + num(own.gamma()) + ")" : ""));
            GroupSequential.SampleSizeReestimation r = g.reestimation();
            if (r != null) {
                line("  sample-size re-estimation (Mehta and Pocock 2011): if the conditional power at the planned size "
                        + "under the interim's trend is in [%s, %s), the size is raised to give %s, at most %s x planned; "
                        + "final test: inverse-normal combination with weights sqrt(%s), sqrt(1 - %s) (Cui, Hung and "
                        + "Wang 1999)%s", num(r.zoneLower()), num(r.zoneUpper()), num(r.conditionalPower()),
                        num(r.maximumFactor()), num(g.informationFractions().get(0)),
                        num(g.informationFractions().get(0)), r.earlyEfficacy() ? "; the interim may reject"
                                : "; no rejection at the interim");
            }
            if (s.endpoints().size() > 1 && m.procedure() != Multiplicity.Procedure.NONE) {
                line("  graphical group-sequential design (Maurer and Bretz 2013): every endpoint tested at each look at "
                        + "its current share of alpha, bounds recomputed when a rejection passes alpha on");
            }
        }
    }

    /**
     * The line of an endpoint's figures as analysed: how dropout and its strategy enter, then per arm the figure
     * ({@link PlanningFigures#analysed} for a binary endpoint; for a continuous or time-to-event endpoint the
     * expected figure where dropout and the strategy leave it as it is, else "by simulation").
     */
    private void analysed(Endpoint e) {
        List<String> values = new ArrayList<>();
        boolean unchanged = unchangedByStrategy(e);
        for (String armName : e.control() == null ? List.of(e.treatment()) : List.of(e.treatment(), e.control())) {
            Arm a = s.arms().get(s.armIndex(armName));
            String v;
            if (e.kind().type() == Endpoint.Type.BINARY) {
                double p = PlanningFigures.analysed(s, e, a);
                v = Double.isNaN(p) ? "by simulation" : p3(p);
            } else {
                String latent = ProcessRegistry.get().offering(e.kind()).analysed(e, a, s);
                v = latent != null && unchanged && !dependsOnOutcome(e, a) ? latent : "by simulation";
            }
            if (v != null) {
                values.add(armName + " " + v);
            }
        }
        if (!values.isEmpty()) {
            line("     analysed (%s): %s", how(e), String.join("; ", values));
        }
    }

    /** Whether a loss to follow-up depends on the endpoint's outcome in some cell of an arm. */
    private boolean dependsOnOutcome(Endpoint e, Arm a) {
        ProcessDefinition process = ProcessRegistry.get().offering(e.kind());
        return a.modelByStratum().values().stream().anyMatch(m -> process.dropoutDependsOnOutcome(e, m));
    }

    /**
     * Whether a continuous or time-to-event endpoint's strategy leaves its distribution as analysed as the latent
     * one: no strategy, hypothetical (what follows an event is missing, or censored), or treatment policy over
     * events after which the outcome continues (or is no longer observed).
     */
    private boolean unchangedByStrategy(Endpoint e) {
        Estimand est = e.estimand();
        if (est == null || est.strategy() == Estimand.Strategy.HYPOTHETICAL) {
            return true;
        }
        if (est.strategy() != Estimand.Strategy.TREATMENT_POLICY) {
            return false;
        }
        for (Arm a : s.arms()) {
            for (PatientModel m : a.modelByStratum().values()) {
                if (m.process(IntercurrentEvents.KEY) instanceof IntercurrentEvents ice) {
                    for (Map.Entry<String, IntercurrentEvents.Event> ev : ice.events().entrySet()) {
                        IntercurrentEvents.PostEvent.Model after = ev.getValue().after().model();
                        if ((est.events().isEmpty() || est.events().contains(ev.getKey()))
                                && after != IntercurrentEvents.PostEvent.Model.CONTINUES
                                && after != IntercurrentEvents.PostEvent.Model.STOPS) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** How an endpoint's analysis sees dropout and its strategy, in a few words. */
    private String how(Endpoint e) {
        String week = e.kind().type() == Endpoint.Type.TIME_TO_EVENT ? ""
                : " before week " + num(e.kind().milestone() ? e.atWeek()
                        : Double.isNaN(e.atWeek()) ? s.schedule().inductionWeeks() : e.atWeek());
        String loss = switch (e.kind().type()) {
            case BINARY -> "a loss" + week + " is a failure";
            case CONTINUOUS -> e.analysis().test().repeatedMeasures()
                    ? "a loss leaves the later visits missing, which the MMRM takes as missing at random"
                    : "a loss" + week + " is missing: completers";
            case TIME_TO_EVENT -> "a loss censors the time";
        };
        Estimand est = e.estimand();
        if (est == null) {
            return "no strategy; " + loss;
        }
        String events = est.events().isEmpty() ? "every intercurrent event" : String.join(", ", est.events());
        String rule = switch (est.strategy()) {
            case COMPOSITE -> e.kind().type() == Endpoint.Type.BINARY ? "the event" + week + " is a failure"
                    : "the time ends at the event";
            case TREATMENT_POLICY -> "the outcome whatever the event, under its post-event model; unobserved after an"
                    + " event that stops observation" + (e.kind().type() == Endpoint.Type.BINARY ? " (a failure)" : "");
            case HYPOTHETICAL -> "the outcome had the event not happened: what follows it is "
                    + (e.kind().type() == Endpoint.Type.TIME_TO_EVENT ? "censored" : "missing");
            case WHILE_ON_TREATMENT -> "the outcome up to the event";
        };
        return est.strategy().key() + " over " + events + ": " + rule + "; " + loss;
    }

    /**
     * For a two-arm MADRS change endpoint in one stratum: the mean difference and Cohen's d with the
     * root-mean-square SD of the change (ignoring truncation), the effect size a t-test power table takes.
     */
    private void standardizedDifference(Endpoint e) {
        List<Stratum> pop = s.strata().stream().filter(st -> e.strata().isEmpty() || e.strata().contains(st.name())).toList();
        if (pop.size() != 1) {
            return;
        }
        ResponseModel t = s.arms().get(s.armIndex(e.treatment())).model(pop.get(0).name()).response();
        ResponseModel c = s.arms().get(s.armIndex(e.control())).model(pop.get(0).name()).response();
        if (t instanceof ResponseModel.Madrs mt && c instanceof ResponseModel.Madrs mc) {
            double diff = mt.changeMean() - mc.changeMean();
            double sd = Math.sqrt((mt.changeSd() * mt.changeSd() + mc.changeSd() * mc.changeSd()) / 2);
            line("     difference %s MADRS points, SD %s: standardized difference d = %s", num3(diff), num3(sd),
                    num3(Math.abs(diff) / sd));
        }
    }

    /** The expected endpoint value in one arm over the endpoint's population, or null if not summarized. */
    private String expected(Endpoint e, Arm a) {
        return ProcessRegistry.get().offering(e.kind()).expected(e, a, s);
    }

    // the summary's number formats are those its process sections use
    private static String num(double v) {
        return SummaryLines.num(v);
    }

    private static String num3(double v) {
        return SummaryLines.num3(v);
    }

    private static String p3(double v) {
        return SummaryLines.p3(v);
    }

    private static String pct(double v) {
        return SummaryLines.pct(v);
    }
}
