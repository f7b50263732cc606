package org.trialsim.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The patient processes of one arm in one stratum, by process key ({@link ProcessDefinition#key()}), in the
 * order of {@link ProcessRegistry#all()}. Any process may be absent: a textbook two-arm binary trial is induction
 * response alone, a textbook time-to-event trial is a relapse process timed from randomization, a t-test design
 * is the MADRS score alone.
 *
 * @param processes the models present, by process key
 */
public record PatientModel(Map<String, ProcessModel> processes) {

    /** No process at all. */
    public static final PatientModel NONE = new PatientModel(Map.of());

    public PatientModel {
        Map<String, ProcessModel> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessModel> e : processes.entrySet()) {
            if (e.getValue() != null) {
                if (!e.getKey().equals(e.getValue().process())) {
                    throw new IllegalArgumentException("the model of process " + e.getValue().process()
                            + " is filed under " + e.getKey());
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        processes = Collections.unmodifiableMap(copy);
    }

    /**
     * The original three processes, any of which may be {@code null}.
     *
     * @param response induction response at the end of induction
     * @param relapse depressive relapse
     * @param benzodiazepine benzodiazepine discontinuation and relapse (simulated only in benzodiazepine-user
     *     strata)
     */
    public PatientModel(ResponseModel response, Relapse relapse, Benzodiazepine benzodiazepine) {
        this(map(response, relapse, benzodiazepine));
    }

    private static Map<String, ProcessModel> map(ProcessModel... models) {
        Map<String, ProcessModel> m = new LinkedHashMap<>();
        for (ProcessModel p : models) {
            if (p != null) {
                m.put(p.process(), p);
            }
        }
        return m;
    }

    /** The model of process {@code key}, or {@code null} if the patient does not have it. */
    public ProcessModel process(String key) {
        return processes.get(key);
    }

    /** Whether the patient has process {@code key}. */
    public boolean has(String key) {
        return processes.containsKey(key);
    }

    /** The same model with process {@code model.process()} replaced by (or given) {@code model}. */
    public PatientModel with(ProcessModel model) {
        Map<String, ProcessModel> m = new LinkedHashMap<>(processes);
        m.put(model.process(), model);
        return new PatientModel(m);
    }

    /** Induction response, or {@code null}. */
    public ResponseModel response() {
        return (ResponseModel) processes.get(ResponseModel.KEY);
    }

    /** Depressive relapse, or {@code null}. */
    public Relapse relapse() {
        return (Relapse) processes.get(Relapse.KEY);
    }

    /** Benzodiazepine discontinuation and relapse, or {@code null}. */
    public Benzodiazepine benzodiazepine() {
        return (Benzodiazepine) processes.get(Benzodiazepine.KEY);
    }
}
