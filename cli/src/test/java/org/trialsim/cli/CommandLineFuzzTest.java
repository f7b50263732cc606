package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random command lines for every command (issue #20): random combinations of each command's options, in
 * random order, with values drawn from valid ones, edge values and nonsense (negative, zero, beyond the
 * limits, not a number, empty, control characters), on valid, missing, folder and built-in scenarios. Every
 * line ends with exit 0, 2 or 3 (the documented codes for success, refusal and "no design"), never an
 * internal error (exit 1 in this sandbox, where every write can succeed) and never a stack trace.
 *
 * <p>In-process ({@link Cli#run}), so 150 lines take tens of seconds; valid values are kept small (at most
 * 60 replicates, 80 patients) so that no accepted line runs long. The seed is fixed so that a failure
 * reproduces; the failing line is printed in full.
 */
class CommandLineFuzzTest {

    private static Path dir;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeContainer
    static void scenarios() throws IOException {
        dir = Files.createTempDirectory("trialsim-fuzz-");
        for (String name : List.of("tiny.yaml", "binary.yaml")) {
            try (InputStream in = Cli.class.getResourceAsStream(name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Files.createDirectories(dir.resolve("a-folder"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static final List<String> NONSENSE = List.of("", "-1", "0", "abc", "NaN", "1e400", "\u001b[2J",
            "99999999999999999999");

    private static String pick(Random r, List<String> valid) {
        return r.nextInt(8) == 0 ? NONSENSE.get(r.nextInt(NONSENSE.size())) : valid.get(r.nextInt(valid.size()));
    }

    /** A path: never nonsense, so that nothing is written outside the test's folder. */
    private static String path(Random r, List<String> paths) {
        return paths.get(r.nextInt(paths.size()));
    }

    private static String output(String suffix) {
        return dir.resolve("out" + OUTPUTS.incrementAndGet() + suffix).toString();
    }

    private static String studyScenario(Random r) {
        int k = r.nextInt(10);
        return k < 4 ? dir.resolve("tiny.yaml").toString() : k < 7 ? dir.resolve("binary.yaml").toString()
                : List.of(dir.resolve("missing.yaml").toString(), dir.resolve("a-folder").toString(),
                        "no-such-scenario").get(k - 7);
    }

    /** The Monte Carlo options of run, power and size, each given or not, values small when valid. */
    private static void studyOptions(Random r, List<List<String>> options) {
        maybe(r, options, "--reps", pick(r, List.of("20", "40", "60", "100000001")));
        maybe(r, options, "--seed", pick(r, List.of("1", "7", "-3")));
        maybe(r, options, "--threads", pick(r, List.of("1", "2", "5000")));
        maybe(r, options, "--n", pick(r, List.of("8", "40", "4,8", "8:40:8", "40:8:8", "1000001", "1:2000:1")));
        maybe(r, options, "--model", pick(r, List.of("auto", "patients", "counts", "bogus")));
        if (r.nextInt(4) == 0) {
            options.add(List.of("--target-mcse", pick(r, List.of("0.2", "0.25", "0.7"))));
            maybe(r, options, "--max-reps", pick(r, List.of("60", "10", "1000000001")));
        }
    }

    private static void maybe(Random r, List<List<String>> options, String option, String value) {
        if (r.nextBoolean()) {
            options.add(List.of(option, value));
        }
    }

    private static List<String> line(Random r) {
        List<List<String>> options = new ArrayList<>();
        List<String> head = new ArrayList<>();
        switch (r.nextInt(9)) {
            case 0 -> {
                head.addAll(List.of("run", studyScenario(r)));
                options.add(List.of("--out", output("-folder")));
                studyOptions(r, options);
                maybe(r, options, "--target-power", pick(r, List.of("0.8", "0.5", "1.5")));
            }
            case 1, 2 -> {
                head.addAll(List.of("power", studyScenario(r)));
                studyOptions(r, options);
                maybe(r, options, "--format", pick(r, List.of("csv", "json", "table", "TABLE", "bogus")));
                maybe(r, options, "--out", path(r, List.of(output(".csv"), output(".json"), output(".txt"),
                        dir.resolve("tiny.yaml").toString(), dir.resolve("a-folder").toString())));
                maybe(r, options, "--checkpoint", path(r, List.of(output(".ckpt"), output(".ckpt"),
                        dir.resolve("tiny.yaml").toString())));
                if (r.nextInt(3) == 0) {
                    options.add(List.of("--resume"));
                }
                maybe(r, options, "--sweep", pick(r, List.of("arms.treatment.response.probability=0.4,0.6",
                        "arms.ketamine.response.probability=0.3:0.5:0.2", "nokey", "x=1:0:1", "design.alpha=0.01")));
            }
            case 3 -> {
                head.addAll(List.of("size", studyScenario(r)));
                options.add(List.of("--target", pick(r, List.of("0.8", "0.5", "1.0", "0.99"))));
                studyOptions(r, options);
                maybe(r, options, "--measure", pick(r, List.of("power:any", "power:response", "power:nope")));
            }
            case 4 -> {
                head.addAll(List.of("simulate", r.nextBoolean() ? studyScenario(r) : "ketamine-vs-midazolam"));
                options.add(List.of("--n", pick(r, List.of("1", "8", "40", "1000001"))));
                options.add(List.of("--replicate", pick(r, List.of("0", "3", "9223372036854775807"))));
                maybe(r, options, "--seed", pick(r, List.of("1", "-9")));
                maybe(r, options, "--columns", pick(r, List.of("observed", "analysed,latent", "latent", "nope")));
                maybe(r, options, "--out", path(r, List.of(output(".csv"), output(".csv"), dir.resolve("tiny.yaml").toString())));
            }
            case 5 -> {
                head.addAll(List.of("check", r.nextBoolean() ? studyScenario(r) : "maintenance-withdrawal"));
                maybe(r, options, "--set", pick(r, List.of("arms.treatment.response.probability=0.4",
                        "design.alpha=2", "simulation.replicates=0", "x", "strata.users.prevalence=0.3")));
            }
            case 6 -> {
                head.addAll(List.of("design", "simon"));
                maybe(r, options, "--p0", pick(r, List.of("0.1", "0.2", "0.5", "0.95")));
                maybe(r, options, "--p1", pick(r, List.of("0.3", "0.21", "0.7", "0.4")));
                maybe(r, options, "--alpha", pick(r, List.of("0.05", "0.1", "1.5")));
                maybe(r, options, "--power", pick(r, List.of("0.8", "0.9", "0.01")));
                maybe(r, options, "--nmax", pick(r, List.of("50", "500", "501", "1")));
                if (r.nextInt(3) == 0) {
                    options.add(List.of(r.nextBoolean() ? "--minimax" : "--optimal"));
                }
            }
            case 7 -> {
                head.addAll(List.of("design", "boundaries"));
                maybe(r, options, "--looks", pick(r, List.of("1", "3", "5", "21")));
                maybe(r, options, "--spending", pick(r, List.of("obf", "pocock", "hsd", "bogus")));
                maybe(r, options, "--gamma", pick(r, List.of("-4", "1", "40", "41")));
                maybe(r, options, "--alpha", pick(r, List.of("0.025", "0.05", "0.5")));
                maybe(r, options, "--fractions", pick(r, List.of("0.5,1", "0.3,0.6,1", "1,0.5", "0.5,0.9")));
                maybe(r, options, "--futility", pick(r, List.of("none", "beta", "cp", "bogus")));
                maybe(r, options, "--beta", pick(r, List.of("0.2", "0.1", "0.5")));
                maybe(r, options, "--beta-spending", pick(r, List.of("obf", "hsd")));
                maybe(r, options, "--beta-gamma", pick(r, List.of("-2", "100")));
                maybe(r, options, "--cp-threshold", pick(r, List.of("0.2", "1")));
            }
            default -> {
                List<List<String>> others = List.of(List.of("scenarios"), List.of("scenarios", "list"),
                        List.of("scenarios", "show", pick(r, List.of("ketamine-vs-midazolam", "nope"))),
                        List.of("bogus-command"), List.of(), List.of("--version"), List.of("power", "--help"));
                head.addAll(others.get(r.nextInt(others.size())));
            }
        }
        if (r.nextInt(5) == 0) {
            options.add(List.of(List.of("-q", "--force", "--debug", "--bogus-option").get(r.nextInt(4))));
        }
        Collections.shuffle(options, r);
        List<String> line = new ArrayList<>(head);
        options.forEach(line::addAll);
        return line;
    }

    @Property(tries = 150, seed = "20261206")
    void everyCommandLineEndsWithADocumentedCodeAndNoTrace(@ForAll long seed) {
        List<String> line = line(new Random(seed));
        Cli.Result r = Cli.run(line.toArray(String[]::new));
        String shown = String.join(" ", line) + "\n" + r;
        net.jqwik.api.statistics.Statistics.label("exit code").collect(r.exit()); // shown in the report
        net.jqwik.api.statistics.Statistics.label("command").collect(line.isEmpty() ? "" : line.get(0));
        assertTrue(Set.of(0, 2, TrialsimCommand.EXIT_NO_ANSWER).contains(r.exit()), shown);
        boolean debug = line.contains("--debug");
        assertFalse(!debug && (r.err().contains("\tat ") || r.out().contains("\tat ")), "a stack trace: " + shown);
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), shown);
    }
}
