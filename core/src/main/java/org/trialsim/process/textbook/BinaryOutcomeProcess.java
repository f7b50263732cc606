package org.trialsim.process.textbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.endpoint.Observation;
import org.trialsim.endpoint.ObservedProcess;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.PlanningFigures;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;
import org.trialsim.scenario.Stratum;
import org.trialsim.scenario.SummaryLines;

/**
 * Binary outcomes named by the planner ({@code arms.<arm>.binary_outcomes.<name>: {probability}}): the model
 * ({@link BinaryOutcomes}), the draws of each outcome on a stream of its own ({@link BinaryDraw}), and the
 * endpoint kind {@code binary}: success at the endpoint's {@code at_week} (by default 0, at randomization, so
 * that no dropout intervenes unless the planner dates the assessment), read from the outcome the endpoint names
 * ({@code outcome}). As for every binary endpoint, a patient who dropped out before the assessment fails.
 */
public final class BinaryOutcomeProcess implements ProcessDefinition, SampledProcess, ObservedProcess {

    /** Binary: success of a named outcome, assessed at {@code at_week} (default 0). */
    public static final Endpoint.Kind BINARY = Endpoint.Kind.assessedAt("binary", Endpoint.Type.BINARY,
            "success of a named binary outcome at a week", 0, BinaryOutcomes.KEY);

    private static final String INSTANCE = "a mapping with probability";

    @Override
    public String key() {
        return BinaryOutcomes.KEY;
    }

    @Override
    public String description() {
        return "binary outcomes named by the planner, each a probability of success";
    }

    @Override
    public String noun() {
        return "a binary outcome";
    }

    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Map<String, BinaryOutcomes.Outcome> outcomes = Named.read(settings, BinaryOutcomes.KEY, noun(), (name, all) -> {
            Settings o = all.mapping(name, INSTANCE, "probability");
            if (o == null) {
                return null;
            }
            double p = o.probability("probability");
            return Double.isNaN(p) ? null : new BinaryOutcomes.Outcome(p);
        });
        return outcomes == null ? null : new BinaryOutcomes(outcomes);
    }

    /** Takes the endpoint's instance alone, so that the other instances stay as they were. */
    @Override
    public PatientModel withOutcomeFrom(Endpoint endpoint, PatientModel model, PatientModel from) {
        BinaryOutcomes own = (BinaryOutcomes) model.process(BinaryOutcomes.KEY);
        BinaryOutcomes other = (BinaryOutcomes) from.process(BinaryOutcomes.KEY);
        return model.with(new BinaryOutcomes(Named.withInstance(own == null ? java.util.Map.of() : own.outcomes(),
                other == null ? java.util.Map.of() : other.outcomes(), endpoint.outcome())));
    }

    @Override
    public boolean namesOutcomes() {
        return true;
    }

    @Override
    public List<String> outcomes(ProcessModel model) {
        return List.copyOf(((BinaryOutcomes) model).outcomes().keySet());
    }

    @Override
    public List<Endpoint.Kind> endpointKinds() {
        return List.of(BINARY);
    }

    private static BinaryOutcomes.Outcome outcome(PatientModel m, String name) {
        BinaryOutcomes b = (BinaryOutcomes) m.process(BinaryOutcomes.KEY);
        return b == null ? null : b.outcomes().get(name);
    }

    /** The outcome's probability (it does not change with the week). */
    @Override
    public double successProbability(Endpoint endpoint, PatientModel m, double induction, double week) {
        BinaryOutcomes.Outcome o = outcome(m, endpoint.outcome());
        return o == null ? 0 : o.probability();
    }

    /** The outcome's probability multiplied by k (at most 1). */
    @Override
    public PatientModel scaledForNull(Endpoint endpoint, PatientModel m, double k) {
        BinaryOutcomes b = (BinaryOutcomes) m.process(BinaryOutcomes.KEY);
        double p = k * b.outcomes().get(endpoint.outcome()).probability();
        if (p > 1 + 1e-12) {
            throw new IllegalArgumentException("needs a probability above 1 in this model");
        }
        Map<String, BinaryOutcomes.Outcome> copy = new LinkedHashMap<>(b.outcomes());
        copy.put(endpoint.outcome(), new BinaryOutcomes.Outcome(Math.min(p, 1)));
        return m.with(new BinaryOutcomes(copy));
    }

    @Override
    public void summary(Scenario s, SummaryLines out) {
        if (!Named.any(s, BinaryOutcomes.KEY)) {
            return;
        }
        out.line("Binary outcomes (probability of success; latent, before dropout):");
        StringBuilder head = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-16s", "outcome"));
        for (Arm a : s.arms()) {
            head.append(String.format(java.util.Locale.ROOT, " %12s", a.name()));
        }
        out.line("%s", head);
        for (String name : Named.names(s, BinaryOutcomes.KEY, m -> ((BinaryOutcomes) m).outcomes())) {
            StringBuilder row = new StringBuilder(String.format(java.util.Locale.ROOT, "  %-16s", name));
            for (Arm a : s.arms()) {
                double p = PlanningFigures.average(s, a, st -> true, m -> outcome(m, name) == null ? Double.NaN
                        : outcome(m, name).probability());
                row.append(String.format(java.util.Locale.ROOT, " %12s", SummaryLines.p3(p)));
            }
            out.line("%s", row);
        }
        if (s.strata().size() > 1) {
            out.line("  (averaged over strata by prevalence)");
        }
        out.line("");
    }

    @Override
    public String expected(Endpoint e, Arm a, Scenario s) {
        return SummaryLines.p3(PlanningFigures.average(s, a, (Stratum st) -> Named.inPopulation(e, st),
                m -> outcome(m, e.outcome()) == null ? Double.NaN : outcome(m, e.outcome()).probability()));
    }

    @Override
    public StreamId stream() {
        throw new UnsupportedOperationException("each binary outcome has a stream of its own (parts)");
    }

    /** None of fixed name: each outcome {@code NAME} has its column {@code binary_NAME}. */
    @Override
    public List<Column> columns() {
        return List.of();
    }

    /** The column of outcome {@code name}. */
    static Column.Booleans column(String name) {
        return Column.namedBooleans("binary_" + name, "the binary outcome " + name + " (latent success)");
    }

    /** One part per outcome the scenario names, on the stream {@code binary_outcomes.NAME}. */
    @Override
    public List<Part> parts(ProcessCells cells) {
        List<Part> out = new ArrayList<>();
        for (String name : Named.names(cells, m -> ((BinaryOutcomes) m).outcomes())) {
            Column.Booleans column = column(name);
            out.add(new Part(Named.stream(BinaryOutcomes.KEY, name), List.of(column),
                    new BinaryDraw(cells, name, column)));
        }
        return out;
    }

    @Override
    public Observation observation(Scenario scenario, Endpoint endpoint) {
        if (endpoint.outcome() == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.name() + " names no binary outcome");
        }
        return new Success(column(endpoint.outcome()));
    }

    /** The latent success (the extractor counts a patient who dropped out before the assessment as a failure). */
    private static final class Success extends Observation {
        private final Column.Booleans column;
        private boolean[] success;

        Success(Column.Booleans column) {
            this.column = column;
        }

        @Override
        public void bind(Cohort c) {
            success = c.booleans(column);
        }

        @Override
        public Observation copy() {
            return new Success(column);
        }

        @Override
        public boolean success(int i) {
            return success[i];
        }
    }
}
