package org.trialsim.scenario;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SHA-256 of a scenario's canonical form, for the provenance of results: two files that differ only in
 * layout, comments, key order within a mapping, or in spelling out a default (or giving a median instead of
 * the equivalent rate) hash the same, while any change to what is simulated or analysed changes the hash.
 *
 * <p>The canonical form is a compact JSON rendering of the resolved {@link Scenario} records: each record
 * as an object tagged with its type, components in declaration order, lists and the ordered maps of the
 * model (arms, strata, endpoints keep their order, which is meaningful: it fixes the allocation sequence
 * and endpoint priority), doubles in {@link Double#toString(double)} form. The name, title and description
 * are left out: they do not change results.
 */
public final class ScenarioHash {

    private static final Set<String> EXCLUDED = Set.of("name", "title", "description");
    private static final List<String> ORIGINAL_PROCESSES = List.of(ResponseModel.KEY, Relapse.KEY, Benzodiazepine.KEY);

    /**
     * Each record type's tag and components, looked up once per type: reflecting on them anew for every
     * record cost most of the hash, and a study hashes its scenario every run (a sweep or a sample-size
     * search runs many).
     */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            String tag = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                accessors[i] = components[i].getAccessor();
            }
            return new RecordShape(tag, names, accessors);
        }
    };

    private record RecordShape(String tag, String[] names, java.lang.reflect.Method[] accessors) {
    }

    private ScenarioHash() {
    }

    /** Lower-case hex SHA-256 of {@link #canonicalForm(Scenario)}. */
    public static String sha256(Scenario scenario) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalForm(scenario).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** The canonical JSON form that is hashed. */
    public static String canonicalForm(Scenario scenario) {
        StringBuilder sb = new StringBuilder();
        write(sb, scenario, true);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, boolean top) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            double x = d;
            sb.append(Double.isNaN(x) || Double.isInfinite(x) ? "\"" + x + "\"" : Double.toString(x == 0 ? 0.0 : x));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Enum<?> e) {
            string(sb, e.name());
        } else if (v instanceof Endpoint.Kind k) {
            // as when kinds were an enum: its constant's name, so the hashes of earlier scenarios stand
            string(sb, k.name().toUpperCase(java.util.Locale.ROOT));
        } else if (v instanceof Dropout d && d.original()) {
            // the shape of the record before dropout had hazards of any form, so the hashes of earlier scenarios
            // stand; any other dropout is written as the record it is
            sb.append("{\"@\":\"Dropout\",\"inductionProbability\":");
            write(sb, d.inductionProbability(), false);
            sb.append(",\"hazardPerWeek\":");
            write(sb, d.hazardPerWeek(), false);
            sb.append('}');
        } else if (v instanceof PatientModel pm) {
            patientModel(sb, pm);
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(sb, l.get(i), false);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue(), false);
            }
            sb.append('}');
        } else if (v instanceof Record r) {
            RecordShape shape = SHAPES.get(r.getClass());
            sb.append("{\"@\":");
            string(sb, shape.tag());
            for (int i = 0; i < shape.names().length; i++) {
                if (top && EXCLUDED.contains(shape.names()[i])) {
                    continue;
                }
                Object value;
                try {
                    value = shape.accessors()[i].invoke(r);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + shape.names()[i] + " of " + shape.tag(), e);
                }
                if (value == null && (r instanceof Endpoint && (shape.names()[i].equals("outcome")
                        || shape.names()[i].equals("estimand"))
                        || r instanceof Analysis && (shape.names()[i].equals("predictive")
                        || shape.names()[i].equals("bayesian"))
                        || shape.tag().equals("ScoreTrajectories.Trajectory") && (shape.names()[i].equals("classes")
                        || shape.names()[i].equals("dropoutByScore"))
                        || shape.tag().equals("IntercurrentEvents.Event") && shape.names()[i].equals("byScore"))) {
                    continue; // added after the first hashes: written only where given, so those hashes stand
                }
                if (r instanceof Scenario && value == null && shape.names()[i].equals("multiArm")) {
                    continue; // the same: a multi-arm design is written only where given
                }
                if (r instanceof MultiArm.ClosedTest && shape.names()[i].equals("estimatedVariance")
                        && Boolean.FALSE.equals(value)) {
                    continue; // likewise: an estimated variance is written only where asked for
                }
                if (r instanceof Analysis && shape.names()[i].equals("margin") && value instanceof Double d
                        && Double.isNaN(d)) {
                    continue; // the same: a margin is written only where given
                }
                if (r instanceof GroupSequential && (shape.names()[i].equals("endpointSpending")
                        && ((Map<?, ?>) value).isEmpty() || value == null && shape.names()[i].equals("reestimation"))) {
                    continue; // likewise: written only where an endpoint spends its own way
                }
                sb.append(',');
                string(sb, shape.names()[i]);
                sb.append(':');
                write(sb, value, false);
            }
            sb.append('}');
        } else {
            throw new IllegalStateException("unexpected type in a scenario: " + v.getClass());
        }
    }

    /**
     * A patient model in the shape it had as a record of the three original processes (each written, null if
     * absent), so that the hashes of earlier scenarios stand, followed by every later process the model has, by
     * key.
     */
    private static void patientModel(StringBuilder sb, PatientModel pm) {
        sb.append("{\"@\":\"PatientModel\"");
        for (String key : ORIGINAL_PROCESSES) {
            sb.append(',');
            string(sb, key);
            sb.append(':');
            write(sb, pm.process(key), false);
        }
        for (Map.Entry<String, ProcessModel> e : pm.processes().entrySet()) {
            if (!ORIGINAL_PROCESSES.contains(e.getKey())) {
                sb.append(',');
                string(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue(), false);
            }
        }
        sb.append('}');
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        sb.append('"');
    }
}
