package org.trialsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The built-in defaults of the scenario format, read once from the resource {@code defaults.yaml} next to this
 * class (the one place where every default is written down, in the style of Caffeine's simulator
 * {@code reference.conf}).
 */
final class ScenarioDefaults {

    /** The source name that problems located in the defaults carry. */
    static final String SOURCE = "built-in defaults (org/trialsim/scenario/defaults.yaml)";

    private static final ScenarioDefaults INSTANCE = load();

    final Node.MapNode scenario;
    final Node.MapNode templates;

    private ScenarioDefaults(Node.MapNode scenario, Node.MapNode templates) {
        this.scenario = scenario;
        this.templates = templates;
    }

    static ScenarioDefaults get() {
        return INSTANCE;
    }

    /** The raw text of the defaults resource. */
    static byte[] bytes() {
        try (InputStream in = ScenarioDefaults.class.getResourceAsStream("defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("defaults.yaml is missing from the trialsim jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScenarioDefaults load() {
        Problems problems = new Problems();
        Node root = DocumentReader.read(bytes(), SOURCE, problems);
        if (!problems.isEmpty() || !(root instanceof Node.MapNode m)
                || !(m.get("scenario") instanceof Node.MapNode s) || !(m.get("templates") instanceof Node.MapNode t)) {
            throw new IllegalStateException("the built-in defaults.yaml is malformed (a build defect)");
        }
        return new ScenarioDefaults(s.withPath(""), withProcessTemplates(t));
    }

    /**
     * The templates of defaults.yaml plus those each registered process ships ({@link ProcessDefinition#templates()}),
     * so that a process's defaults live with the process; a name may be defined once only.
     */
    private static Node.MapNode withProcessTemplates(Node.MapNode templates) {
        java.util.Map<String, Node.Member> members = new java.util.LinkedHashMap<>(templates.members());
        for (ProcessDefinition d : ProcessRegistry.get().all()) {
            String yaml = d.templates();
            if (yaml.isBlank()) {
                continue;
            }
            Problems problems = new Problems();
            Node root = DocumentReader.read(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "built-in defaults of process " + d.key() + " (" + d.getClass().getName() + ")", problems);
            if (!problems.isEmpty() || !(root instanceof Node.MapNode m)) {
                throw new IllegalStateException("the templates of process " + d.key() + " are malformed (a build defect)");
            }
            for (Node.Member member : m.members().values()) {
                if (members.put(member.key(), member) != null) {
                    throw new IllegalStateException("template '" + member.key() + "' of process " + d.key()
                            + " is defined twice (a build defect)");
                }
            }
        }
        return new Node.MapNode(templates.location(), templates.path(), members);
    }
}
