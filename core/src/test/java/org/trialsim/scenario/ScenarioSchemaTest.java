package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The JSON Schema shipped for editors agrees with the parser: every key of every valid scenario we ship
 * (examples, built-ins, the defaults, two files that use every key) is declared by the schema, every key the
 * schema declares is used by some valid scenario (so the schema promises nothing the parser refuses), the
 * docs copy is identical, and docs/scenario-format.md documents every key.
 */
class ScenarioSchemaTest {

    static Node.MapNode schema() throws IOException {
        try (InputStream in = ScenarioParser.class.getResourceAsStream("scenario.schema.json")) {
            assertNotNull(in, "scenario.schema.json resource");
            Problems p = new Problems();
            Node n = DocumentReader.read(in.readAllBytes(), "scenario.schema.json", p);
            assertTrue(p.isEmpty());
            return (Node.MapNode) n;
        }
    }

    static List<Node.MapNode> validDocuments() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(ScenarioLibraryTest.EXAMPLES)) {
            s.filter(f -> f.toString().endsWith(".yaml")).forEach(files::add);
        }
        try (Stream<Path> s = Files.list(Path.of(ScenarioSchemaTest.class.getResource("valid").toURI()))) {
            s.forEach(files::add);
        }
        List<Node.MapNode> docs = new ArrayList<>();
        for (Path f : files) {
            ScenarioParser.parse(f); // valid
            Problems p = new Problems();
            docs.add((Node.MapNode) DocumentReader.read(Files.readAllBytes(f), f.toString(), p));
        }
        docs.add(ScenarioDefaults.get().scenario);
        return docs;
    }

    private final Node.MapNode root;

    ScenarioSchemaTest() throws IOException {
        root = schema();
    }

    private Node resolve(Node s) {
        if (s instanceof Node.MapNode m && m.get("$ref") instanceof Node.Scalar ref) {
            String name = ref.text().substring("#/$defs/".length());
            return resolve(((Node.MapNode) root.get("$defs")).get(name));
        }
        return s;
    }

    /** The schemas that may describe the value of {@code key} in an object described by {@code s}. */
    private List<Node> children(Node s, String key) {
        List<Node> out = new ArrayList<>();
        Node r = resolve(s);
        if (!(r instanceof Node.MapNode m)) {
            return out;
        }
        for (String alt : List.of("oneOf", "anyOf")) {
            if (m.get(alt) instanceof Node.ListNode l) {
                l.items().forEach(b -> out.addAll(children(b, key)));
            }
        }
        if (m.get("properties") instanceof Node.MapNode props && props.has(key)) {
            out.add(props.get(key));
        } else if (m.get("additionalProperties") instanceof Node.MapNode extra) {
            out.add(extra);
        }
        return out;
    }

    private List<Node> items(Node s) {
        List<Node> out = new ArrayList<>();
        Node r = resolve(s);
        if (r instanceof Node.MapNode m) {
            for (String alt : List.of("oneOf", "anyOf")) {
                if (m.get(alt) instanceof Node.ListNode l) {
                    l.items().forEach(b -> out.addAll(items(b)));
                }
            }
            if (m.has("items")) {
                out.add(m.get("items"));
            }
        }
        return out;
    }

    private void check(Node data, List<Node> schemas, List<String> undeclared, Set<String> used) {
        if (data instanceof Node.MapNode m) {
            for (Node.Member member : m.members().values()) {
                List<Node> next = new ArrayList<>();
                schemas.forEach(s -> next.addAll(children(s, member.key())));
                used.add(member.key());
                if (next.isEmpty()) {
                    undeclared.add(member.value().path() + " (" + member.keyLocation() + ")");
                } else {
                    check(member.value(), next, undeclared, used);
                }
            }
        } else if (data instanceof Node.ListNode l) {
            List<Node> next = new ArrayList<>();
            schemas.forEach(s -> next.addAll(items(s)));
            l.items().forEach(i -> check(i, next, undeclared, used));
        }
    }

    private static void declared(Node n, Set<String> out) {
        if (n instanceof Node.MapNode m) {
            if (m.get("properties") instanceof Node.MapNode props) {
                out.addAll(props.members().keySet());
            }
            m.members().values().forEach(x -> declared(x.value(), out));
        } else if (n instanceof Node.ListNode l) {
            l.items().forEach(x -> declared(x, out));
        }
    }

    @Test
    void everyKeyOfEveryValidScenarioIsDeclaredAndEveryDeclaredKeyIsUsed() throws Exception {
        List<String> undeclared = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Node.MapNode doc : validDocuments()) {
            check(doc, List.of(root), undeclared, used);
        }
        assertEquals(List.of(), undeclared, "keys missing from the schema");
        Set<String> declared = new TreeSet<>();
        declared(root, declared);
        declared.removeAll(used);
        assertEquals(Set.of(), declared, "schema keys no valid scenario uses");
    }

    @Test
    void docsCopyIsIdenticalAndDocumentsEveryKey() throws Exception {
        byte[] resource;
        try (InputStream in = ScenarioParser.class.getResourceAsStream("scenario.schema.json")) {
            resource = in.readAllBytes();
        }
        assertEquals(new String(resource, java.nio.charset.StandardCharsets.UTF_8),
                Files.readString(Path.of("..", "docs", "scenario.schema.json")));
        String doc = Files.readString(Path.of("..", "docs", "scenario-format.md"));
        Set<String> declared = new TreeSet<>();
        declared(root, declared);
        List<String> missing = declared.stream().filter(k -> !doc.contains("`" + k + "`")).toList();
        assertEquals(List.of(), missing, "keys not documented in docs/scenario-format.md");
    }
}
