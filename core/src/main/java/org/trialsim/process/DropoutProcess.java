package org.trialsim.process;

import java.util.List;
import org.trialsim.cohort.Column;
import org.trialsim.cohort.ProcessCells;
import org.trialsim.cohort.ProcessSampler;
import org.trialsim.cohort.SampledProcess;
import org.trialsim.random.StreamId;
import org.trialsim.scenario.Dropout;
import org.trialsim.scenario.Hazard;
import org.trialsim.scenario.ProcessDefinition;
import org.trialsim.scenario.ProcessModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.Settings;

/**
 * Loss to follow-up ({@link Dropout}) as a patient process: scenario-wide ({@code dropout}), per arm
 * ({@code arms.<arm>.dropout}) and per stratum ({@code arms.<arm>.strata.<stratum>.dropout}), each level taking
 * the one above as its defaults, with hazards that may change with the patient's state. It writes the cohort's
 * dropout column, which censors every endpoint ({@link org.trialsim.endpoint.EndpointExtractor}); it offers no
 * endpoint of its own. It is drawn after the processes whose states it reads (induction response, depressive
 * relapse, benzodiazepine course) and from the stream the trial's frame drew it from before it became a unit
 * ({@link StreamId#DROPOUT}), with the same draws, so every earlier scenario keeps its numbers.
 */
public final class DropoutProcess implements ProcessDefinition, SampledProcess {

    private static final String ALLOWED = "a mapping with induction, per_week, hazard, after_non_response, "
            + "after_relapse, after_benzodiazepine_relapse";
    private static final String[] KEYS = {"induction", "per_week", "hazard", "after_non_response", "after_relapse",
        "after_benzodiazepine_relapse"};

    @Override
    public String key() {
        return Dropout.KEY;
    }

    @Override
    public String description() {
        return "loss to follow-up: a probability during induction, then a hazard that may depend on the state";
    }

    @Override
    public String noun() {
        return "a dropout model";
    }

    /**
     * Reads a dropout mapping, scenario-wide ({@code arm.arm()} is {@code null}) or of one arm and stratum (whose
     * settings already carry the scenario-wide ones as defaults). A hazard after a state applies where the
     * patient has that state's process; the scenario reader refuses one written where it can never apply.
     */
    @Override
    public ProcessModel read(Settings settings, ArmContext arm) {
        Settings m = settings.allowing(ALLOWED, KEYS);
        double induction = m.has("induction") ? m.number("induction", 0, false, 1, true, "a probability in [0, 1)") : 0;
        double perWeek = m.has("per_week") ? m.nonNegative("per_week", "dropout hazard per week") : 0;
        Hazard hazard = m.has("hazard") ? m.hazard("hazard") : null;
        if (m.has("hazard") && perWeek > 0) {
            m.problem("hazard", "found both per_week and hazard; allowed one of them: per_week for a constant hazard "
                    + "after induction, hazard for any other (for example piecewise over study periods)");
            return null;
        }
        Hazard afterNonResponse = state(m, "after_non_response");
        Hazard afterRelapse = state(m, "after_relapse");
        Hazard afterBenzodiazepine = state(m, "after_benzodiazepine_relapse");
        if (Double.isNaN(induction) || Double.isNaN(perWeek) || m.has("hazard") && hazard == null
                || m.has("after_non_response") && afterNonResponse == null
                || m.has("after_relapse") && afterRelapse == null
                || m.has("after_benzodiazepine_relapse") && afterBenzodiazepine == null) {
            return null;
        }
        Hazard after = hazard != null ? hazard : perWeek > 0 ? new Hazard.Exponential(perWeek) : null;
        return new Dropout(induction, after, afterNonResponse, afterRelapse, afterBenzodiazepine);
    }

    private static Hazard state(Settings m, String key) {
        if (!m.has(key)) {
            return null;
        }
        return m.hazard(key);
    }

    /** The scenario-wide model fills every cell that gives none of its own. */
    @Override
    public ProcessModel scenarioWide(Scenario scenario) {
        return scenario.dropout();
    }

    /** Present in the plan only where some patient can drop out (else the dropout column stays infinite). */
    @Override
    public boolean sampled(ProcessModel model) {
        return ((Dropout) model).random();
    }

    @Override
    public StreamId stream() {
        return StreamId.DROPOUT;
    }

    /**
     * The reason of each discontinuation: the state the patient left the study in (the part of the model that
     * drew the time). The dropout time itself is the cohort's frame column {@code dropout}, listed with the frame.
     */
    public static final Column.Labels REASON = DropoutTimes.REASON;

    /**
     * The reason code of a dropout drawn by a score trajectory's {@code dropout_by_score}
     * ({@code process.scores}), which writes this column too.
     */
    public static final byte AFTER_SCORE = 6;

    /**
     * Whether the dropout process is drawn for some patient of the scenario (some arm x stratum, or the
     * scenario-wide model, has a positive probability or hazard), as the sampling plan decides it: a later
     * process that shortens the dropout time must then keep the drawn one where it is earlier.
     */
    public static boolean drawn(Scenario scenario) {
        for (org.trialsim.scenario.Arm a : scenario.arms()) {
            for (org.trialsim.scenario.Stratum st : scenario.strata()) {
                ProcessModel m = a.model(st.name()).process(Dropout.KEY);
                if (m == null) {
                    m = scenario.dropout();
                }
                if (m != null && ((Dropout) m).random()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<Column> columns() {
        return List.of(REASON);
    }

    @Override
    public ProcessSampler compile(ProcessCells cells) {
        return new DropoutTimes(cells);
    }
}
