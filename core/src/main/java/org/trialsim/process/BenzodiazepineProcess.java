package org.trialsim.process;

import java.util.List;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.endpoint.Observation;
import org.trialsim.endpoint.ObservedProcess;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Benzodiazepine;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioSummary;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Benzodiazepine discontinuation by the end of induction and relapse to benzodiazepine use
 * ({@code arms.<arm>.benzodiazepine}), simulated in the strata of long-term users only
 * ({@code benzodiazepine_user: true}); offers the endpoint kinds benzodiazepine-free at a week and time to
 * benzodiazepine relapse. Model: {@link Benzodiazepine}; draws: {@link BenzodiazepineCourse}.
 */
public final class BenzodiazepineProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** The process key. */
    public static final String KEY = Benzodiazepine.KEY;

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String description() {
        return "benzodiazepine discontinuation by the end of induction and relapse to benzodiazepine use (users)";
    }

    @Override
    public boolean appliesTo(Stratum stratum) {
        return stratum.benzodiazepineUser();
    }

    @Override
    public String whereApplicable() {
        return "no stratum has benzodiazepine_user: true, so it would never be simulated; mark the users' stratum "
                + "(strata: {users: {prevalence: ..., benzodiazepine_user: true}}) or remove it";
    }

    @Override
    public String notInPopulation() {
        return "no benzodiazepine-user stratum in its population; allowed only with a stratum that has "
                + "benzodiazepine_user: true";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Settings m = settings.allowing("a mapping with discontinuation, relapse_hazard, "
                + "hazard_ratio_after_depressive_relapse", "discontinuation", "relapse_hazard",
                "hazard_ratio_after_depressive_relapse");
        double responders = Double.NaN;
        double nonResponders = Double.NaN;
        if (m.isMapping("discontinuation")) {
            Settings d = m.mapping("discontinuation", "{responders, non_responders}", "responders", "non_responders");
            responders = d.probability("responders");
            nonResponders = d.probability("non_responders");
            if (!arm.has(InductionResponseProcess.KEY)) {
                m.problem("discontinuation", "found discontinuation by response status in an arm with no response "
                        + "model; allowed a single probability, or give the arm a response");
            }
        } else if (m.has("discontinuation")) {
            responders = m.probability("discontinuation");
            nonResponders = responders;
        } else {
            m.probability("discontinuation"); // reports the missing key
        }
        Hazard hazard = m.hazard("relapse_hazard");
        double hr = m.number("hazard_ratio_after_depressive_relapse", 0, true, 100, false, "a hazard ratio in (0, 100]");
        if (Double.isNaN(responders) || Double.isNaN(nonResponders) || hazard == null || Double.isNaN(hr)) {
            return null;
        }
        return new Benzodiazepine(responders, nonResponders, hazard, hr);
    }

    /** Discontinuation is decided at the end of induction, and relapse to use timed from it. */
    /** Discontinuation differs by response, and the return hazard changes after a depressive relapse. */
    @Override
    public java.util.Set<String> reads() {
        return java.util.Set.of("response", "relapse");
    }

    @Override
    public boolean usesInduction(ProcessModel model) {
        return true;
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(Endpoint.Kind.BENZODIAZEPINE_FREE, Endpoint.Kind.TIME_TO_BENZODIAZEPINE_RELAPSE);
    }

    @Override
    public double successProbability(Endpoint.Kind kind, PatientModel m, double induction, double week) {
        if (kind == Endpoint.Kind.BENZODIAZEPINE_FREE) {
            return m.benzodiazepine() == null ? 0 : PlanningFigures.benzodiazepineFree(m, induction, week);
        }
        return ProcessDefinition.super.successProbability(kind, m, induction, week);
    }

    /** Both discontinuation probabilities multiplied by k (benzodiazepine-free is linear in them). */
    @Override
    public PatientModel scaledForNull(Endpoint.Kind kind, PatientModel m, double k) {
        if (kind != Endpoint.Kind.BENZODIAZEPINE_FREE) {
            return ProcessDefinition.super.scaledForNull(kind, m, k);
        }
        Benzodiazepine b = m.benzodiazepine();
        if (b == null) {
            return m;
        }
        return m.with(new Benzodiazepine(Processes.capped(k * b.discontinuationResponders()),
                Processes.capped(k * b.discontinuationNonResponders()),
                b.relapse(), b.hazardRatioAfterDepressiveRelapse()));
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (s.strata().stream().noneMatch(Stratum::benzodiazepineUser)
                || !Processes.anyModel(s, m -> m.benzodiazepine() != null)) {
            return;
        }
        double induction = s.schedule().inductionWeeks();
        double year = ScenarioSummary.YEAR_WEEKS;
        out.line("Benzodiazepine users: discontinued by week %s and free at week %s (latent, before dropout):",
                SummaryLines.num(induction), SummaryLines.num(year));
        out.line("  %-20s %-20s %13s %10s", "arm", "stratum", "discontinued", "free");
        for (Arm a : s.arms()) {
            for (Stratum st : s.strata()) {
                PatientModel m = a.model(st.name());
                if (!st.benzodiazepineUser() || m.benzodiazepine() == null) {
                    continue;
                }
                Benzodiazepine b = m.benzodiazepine();
                double p = PlanningFigures.response(m.response());
                double disc = p * b.discontinuationResponders() + (1 - p) * b.discontinuationNonResponders();
                out.line("  %-20s %-20s %13s %10s", a.name(), st.name(), SummaryLines.p3(disc),
                        SummaryLines.p3(PlanningFigures.benzodiazepineFree(m, induction, year)));
            }
        }
        if (s.strata().stream().filter(Stratum::benzodiazepineUser).count() > 1) {
            for (Arm a : s.arms()) {
                out.line("  %-20s %-20s %13s %10s", a.name(), "all users", "",
                        SummaryLines.p3(PlanningFigures.average(s, a, Stratum::benzodiazepineUser,
                                m -> PlanningFigures.benzodiazepineFree(m, induction, year))));
            }
        }
        if (Processes.anyModel(s, m -> m.benzodiazepine() != null && m.relapse() != null
                && m.benzodiazepine().hazardRatioAfterDepressiveRelapse() != 1)) {
            out.line("  (with the depressive-relapse coupling integrated numerically over the relapse time)");
        }
        out.line("");
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        if (e.kind() != Endpoint.Kind.BENZODIAZEPINE_FREE) {
            return null;
        }
        double induction = s.schedule().inductionWeeks();
        return SummaryLines.p3(PlanningFigures.average(s, a,
                st -> (e.strata().isEmpty() || e.strata().contains(st.name())) && st.benzodiazepineUser(),
                m -> PlanningFigures.benzodiazepineFree(m, induction, e.atWeek())));
    }

    @Override
    public StreamId stream() {
        return StreamId.BENZODIAZEPINE;
    }

    @Override
    public List<Column> columns() {
        return BenzodiazepineCourse.COLUMNS;
    }

    @Override
    public ProcessSampler compile(ProcessCells cells) {
        return BenzodiazepineCourse.compile(cells);
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        double induction = scenario.schedule().inductionWeeks();
        return endpoint.kind() == Endpoint.Kind.BENZODIAZEPINE_FREE ? new Free(endpoint.atWeek())
                : new TimeToRelapse(induction);
    }

    /** Discontinued by the end of induction and not back on benzodiazepines by the assessment week. */
    private static final class Free extends Observation {
        private final double week;
        private boolean[] discontinued;
        private double[] relapse;

        Free(double week) {
            this.week = week;
        }

        @Override
        public void bind(Cohort c) {
            discontinued = c.booleans(BenzodiazepineCourse.DISCONTINUED);
            relapse = c.doubles(BenzodiazepineCourse.RELAPSE);
        }

        @Override
        public Observation copy() {
            return new Free(week);
        }

        @Override
        public boolean success(int i) {
            return discontinued[i] && relapse[i] > week;
        }
    }

    /** Time to benzodiazepine relapse from the end of induction, among users who discontinued and completed it. */
    private static final class TimeToRelapse extends Observation {
        private final double induction;
        private boolean[] user;
        private boolean[] discontinued;
        private double[] dropout;
        private double[] relapse;

        TimeToRelapse(double induction) {
            this.induction = induction;
        }

        @Override
        public void bind(Cohort c) {
            user = c.booleans(BenzodiazepineCourse.USER);
            discontinued = c.booleans(BenzodiazepineCourse.DISCONTINUED);
            dropout = c.dropout;
            relapse = c.doubles(BenzodiazepineCourse.RELAPSE);
        }

        @Override
        public Observation copy() {
            return new TimeToRelapse(induction);
        }

        @Override
        public double origin(int i) {
            return user[i] && discontinued[i] && dropout[i] >= induction ? induction : Double.NaN;
        }

        @Override
        public double eventTime(int i) {
            return relapse[i];
        }
    }
}
