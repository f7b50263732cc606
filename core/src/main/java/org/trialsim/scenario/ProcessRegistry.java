package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The patient processes trialsim knows, each registered once by one line of
 * {@code META-INF/services/org.trialsim.scenario.ProcessDefinition}, in the order of that file: the order in
 * which the sampler draws them (a process reads only the columns of the processes before it) and in which
 * {@code check} and {@code simulate} list them. Loaded once, with {@link ServiceLoader} (so this package needs
 * to import none of them), and checked: keys unique, every endpoint kind offered by exactly one process, and
 * every process an endpoint kind needs registered.
 */
public final class ProcessRegistry {

    private static final ProcessRegistry INSTANCE = load();

    private final List<ProcessDefinition> all;
    private final Map<String, ProcessDefinition> byKey;
    private final Map<String, Endpoint.Kind> kinds;
    private final Map<Endpoint.Kind, ProcessDefinition> offeredBy;

    private ProcessRegistry(List<ProcessDefinition> all) {
        this.all = List.copyOf(all);
        Map<String, ProcessDefinition> keys = new LinkedHashMap<>();
        Map<String, Endpoint.Kind> kindMap = new LinkedHashMap<>();
        Map<Endpoint.Kind, ProcessDefinition> offered = new LinkedHashMap<>();
        for (ProcessDefinition d : all) {
            if (!d.key().matches("[a-z][a-z_]*") || keys.put(d.key(), d) != null) {
                throw new IllegalStateException("process key '" + d.key() + "' is malformed or registered twice");
            }
            for (Endpoint.Kind k : d.endpointKinds()) {
                if (kindMap.put(k.name(), k) != null) {
                    throw new IllegalStateException("endpoint kind '" + k.name() + "' is offered twice");
                }
                offered.put(k, d);
            }
        }
        for (Endpoint.Kind k : kindMap.values()) {
            for (String need : k.needs()) {
                if (!keys.containsKey(need)) {
                    throw new IllegalStateException("endpoint kind '" + k.name() + "' needs the unregistered process '"
                            + need + "'");
                }
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
        this.kinds = Collections.unmodifiableMap(kindMap);
        this.offeredBy = Collections.unmodifiableMap(offered);
    }

    private static ProcessRegistry load() {
        List<ProcessDefinition> found = new ArrayList<>();
        ServiceLoader.load(ProcessDefinition.class, ProcessDefinition.class.getClassLoader()).forEach(found::add);
        return new ProcessRegistry(found);
    }

    /** The registry of this JVM. */
    public static ProcessRegistry get() {
        return INSTANCE;
    }

    /** Every process, in registration (sampling) order. */
    public List<ProcessDefinition> all() {
        return all;
    }

    /** The keys of every process, in registration order. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    /** The process with key {@code key}, or {@code null}. */
    public ProcessDefinition process(String key) {
        return byKey.get(key);
    }

    /** Every endpoint kind, in registration order. */
    public List<Endpoint.Kind> kinds() {
        return List.copyOf(kinds.values());
    }

    /** The endpoint kind named {@code name} in scenario files, or {@code null}. */
    public Endpoint.Kind kind(String name) {
        return kinds.get(name);
    }

    /** The process that offers {@code kind}. */
    public ProcessDefinition offering(Endpoint.Kind kind) {
        ProcessDefinition d = offeredBy.get(kind);
        if (d == null) {
            throw new IllegalArgumentException("no registered process offers endpoint kind " + kind);
        }
        return d;
    }
}
