package org.trialsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.trialsim.TrialsimVersion;
import org.trialsim.io.StagedOutput;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;

/**
 * The counts file of one shard ({@code --shard I/K}), read by {@code trialsim merge}: plain text, one
 * {@code key: value} a line. It holds
 *
 * <ul>
 *   <li>the <b>run</b>, everything that must match between the shards of one run, with its SHA-256 as the
 *       {@code fingerprint}: the command and its result-deciding options ({@link RunSpec}), the scenario (as
 *       given, the SHA-256 of its text and of the studied scenario), seed, replicates per cell, sample sizes,
 *       trial model, the sweep grid and its number of cells, the trialsim and commons-rng versions, for a
 *       multi-arm design the layout of its counters ({@code counters}: a file of another layout is refused), and
 *       the random-stream layout (the study's, {@link MonteCarloStudy#fingerprint()}: for a multi-arm design its
 *       streams, the tie-breaking one included);</li>
 *   <li>the <b>part</b>: {@code shard: I/K}, then per cell it touched the replicate ranges and the integer
 *       counters ({@link StudyCounts}) under the scenario and its null scenario;</li>
 *   <li>the scenario's text (base64), so that the merge rebuilds the same studies anywhere, and a CRC-32 of
 *       everything before it, so that a truncated or damaged file is refused rather than merged.</li>
 * </ul>
 *
 * <p>Written whole to a temporary name and renamed into place ({@link StagedOutput}).
 *
 * @param path where it was read from
 * @param run the run's keys, in order, ending with {@code fingerprint}
 * @param shard the part
 * @param spec the run, rebuilt from the file
 * @param ranges the replicate ranges per cell
 * @param alternative the counters under the scenario per cell
 * @param nullHypothesis the counters under the null scenario per cell (absent if it does not run)
 */
record ShardFile(Path path, Map<String, String> run, Shard shard, RunSpec spec, Map<Integer, ReplicateRanges> ranges,
        Map<Integer, long[]> alternative, Map<Integer, long[]> nullHypothesis) {

    /** The layout written and read. */
    static final String FORMAT = "trialsim-shard 1";
    /** The largest file read: a shard of a 3,125-cell grid at a few kilobytes a cell is well below it. */
    static final long MAX_BYTES = 256L << 20;

    /** The run's keys for {@code spec} built as {@code plan}, ending with their SHA-256 as {@code fingerprint}. */
    static Map<String, String> run(RunSpec spec, StudyPlan plan) {
        Map<String, String> f = new LinkedHashMap<>();
        // from the plan's template, not a cell: a shard builds only its own cells (its model and null run are
        // every cell's; its sample sizes are the first cell's unless a sweep varies them, which --n and the
        // scenario text, fingerprinted above, already record)
        Map<String, String> study = plan.template().fingerprint();
        f.put("command", spec.command());
        f.put("options", spec.optionsLine());
        f.put("scenario", spec.scenarioLabel() + (spec.builtin() ? " (built in)" : ""));
        f.put("scenario_text_sha256", sha256(spec.scenario()));
        f.put("scenario_sha256", study.get("scenario_sha256"));
        f.put("seed", study.get("seed"));
        f.put("replicates", Long.toString(plan.replicates()));
        f.put("sample_sizes", study.get("sample_sizes"));
        f.put("model", plan.modelName());
        f.put("null_hypothesis", study.get("null_hypothesis"));
        f.put("grid", grid(spec));
        f.put("cells", Integer.toString(plan.cellCount()));
        f.put("trialsim", TrialsimVersion.version());
        f.put("commons_rng", TrialsimVersion.commonsRngVersion());
        if (study.containsKey("counters")) {
            // a multi-arm design's counters are laid out by its simulations: counts laid out otherwise are refused
            f.put("counters", study.get("counters"));
        }
        f.put("streams", study.get("streams"));
        StringBuilder all = new StringBuilder();
        f.forEach((k, v) -> all.append(k).append(": ").append(v).append('\n'));
        f.put("fingerprint", "sha256:" + sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    private static String grid(RunSpec spec) {
        List<String> axes = new ArrayList<>();
        List<String> o = spec.options();
        for (int i = 0; i + 1 < o.size(); i += 2) {
            if (o.get(i).equals("--sweep")) {
                axes.add(o.get(i + 1));
            }
        }
        return axes.isEmpty() ? "none" : String.join(" x ", axes);
    }

    /** Writes the counts of shard {@code shard} of the run, by cell, to {@code out}. */
    static void write(Path out, RunSpec spec, StudyPlan plan, Shard shard, Map<Integer, StudyCounts> counts)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# trialsim shard: the counts of one part of a Monte Carlo run.\n");
        sb.append("# Join all parts with 'trialsim merge FILES... --out RESULT'; do not edit.\n");
        sb.append("format: ").append(FORMAT).append('\n');
        run(spec, plan).forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("shard: ").append(shard).append('\n');
        for (Map.Entry<Integer, StudyCounts> e : new TreeMap<>(counts).entrySet()) {
            String cell = "cell." + e.getKey() + ".";
            StudyCounts c = e.getValue();
            sb.append(cell).append("ranges: ").append(c.ranges()).append('\n');
            counters(sb, cell + "alternative", c.alternative());
            if (c.hasNullHypothesis()) {
                counters(sb, cell + "null_hypothesis", c.nullHypothesis());
            }
        }
        sb.append("scenario_text: ").append(Base64.getEncoder().encodeToString(spec.scenario())).append('\n');
        String crc = crc(sb.toString()); // of everything before the crc32 line
        sb.append("crc32: ").append(crc).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        StagedOutput.write(out, o -> o.write(bytes));
    }

    private static void counters(StringBuilder sb, String key, long[] counters) {
        sb.append(key).append(':');
        for (long v : counters) {
            sb.append(' ').append(v);
        }
        sb.append('\n');
    }

    /**
     * Reads a counts file.
     *
     * @throws UsageException naming the file if it cannot be read, is not a counts file, is truncated or damaged
     */
    static ShardFile read(Path path) {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new UsageException(path + " is larger than " + (MAX_BYTES >> 20) + " MiB: not a trialsim counts "
                        + "file");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw damaged(path, "it is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + Failures.describe(e));
        }
        int crcAt = text.lastIndexOf("\ncrc32: ");
        if (!text.startsWith("# trialsim shard") && !text.contains("\nformat: " + FORMAT + "\n")) {
            throw new UsageException(path + " is not a trialsim counts file (written by power or size --shard)");
        }
        if (crcAt < 0 || !text.endsWith("\n")) {
            throw damaged(path, "it is truncated: its last line, the checksum, is missing");
        }
        if (!crc(text.substring(0, crcAt + 1)).equals(text.substring(crcAt + 8).strip())) {
            throw damaged(path, "its checksum does not match its content");
        }
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.substring(0, crcAt).split("\n")) {
            lineNumber++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            int bare = line.indexOf(':');
            if (bare <= 0) {
                throw damaged(path, "line " + lineNumber + " is not 'key: value'");
            }
            values.put(line.substring(0, bare), colon == bare ? line.substring(colon + 2) : line.substring(bare + 1));
        }
        if (!FORMAT.equals(values.get("format"))) {
            throw new UsageException(path + " has layout '" + values.get("format") + "', which this trialsim does not "
                    + "read (it reads '" + FORMAT + "'); merge with the trialsim version that wrote it");
        }
        try {
            Map<String, String> run = new LinkedHashMap<>();
            for (String key : List.of("command", "options", "scenario", "scenario_text_sha256", "scenario_sha256",
                    "seed", "replicates", "sample_sizes", "model", "null_hypothesis", "grid", "cells", "trialsim",
                    "commons_rng", "counters", "streams", "fingerprint")) {
                String v = values.get(key);
                if (v == null && key.equals("counters")) {
                    continue; // only a multi-arm design's files have it
                }
                if (v == null) {
                    throw damaged(path, "the key " + key + " is missing");
                }
                run.put(key, v);
            }
            Shard shard = Shard.parse(values.get("shard"));
            byte[] scenario = Base64.getDecoder().decode(values.get("scenario_text"));
            if (!sha256(scenario).equals(run.get("scenario_text_sha256"))) {
                throw damaged(path, "its scenario text does not match its scenario_text_sha256");
            }
            String label = run.get("scenario");
            boolean builtin = label.endsWith(" (built in)");
            RunSpec spec = new RunSpec(run.get("command"), RunSpec.parseOptions(run.get("options")),
                    builtin ? label.substring(0, label.length() - " (built in)".length()) : label, builtin, scenario);
            Map<Integer, ReplicateRanges> ranges = new TreeMap<>();
            Map<Integer, long[]> alternative = new TreeMap<>();
            Map<Integer, long[]> nullHypothesis = new TreeMap<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                String k = e.getKey();
                if (!k.startsWith("cell.")) {
                    continue;
                }
                int dot = k.indexOf('.', 5);
                int cell = Integer.parseInt(k.substring(5, dot));
                switch (k.substring(dot + 1)) {
                    case "ranges" -> ranges.put(cell, ReplicateRanges.parse(e.getValue()));
                    case "alternative" -> alternative.put(cell, parse(e.getValue()));
                    case "null_hypothesis" -> nullHypothesis.put(cell, parse(e.getValue()));
                    default -> throw damaged(path, "the key " + k + " is unknown");
                }
            }
            if (!ranges.keySet().equals(alternative.keySet())) {
                throw damaged(path, "its cells' ranges and counts do not match");
            }
            return new ShardFile(path, run, shard, spec, ranges, alternative, nullHypothesis);
        } catch (NullPointerException | IllegalArgumentException e) {
            // Base64, number and range parsing; a missing value
            throw damaged(path, e.getMessage() == null ? "a value is missing" : e.getMessage());
        }
    }

    /** The counts of cell {@code cell} of this shard, as the study {@code study} of the rebuilt plan counts. */
    StudyCounts counts(int cell, MonteCarloStudy study) {
        try {
            return new StudyCounts(study.replicateFingerprint(), ranges.get(cell), alternative.get(cell),
                    nullHypothesis.get(cell));
        } catch (IllegalArgumentException e) {
            throw damaged(path, "cell " + cell + ": " + e.getMessage());
        }
    }

    private static long[] parse(String line) {
        String[] parts = line.isBlank() ? new String[0] : line.strip().split(" ");
        long[] a = new long[parts.length];
        for (int j = 0; j < parts.length; j++) {
            a[j] = Long.parseLong(parts[j]);
        }
        return a;
    }

    static UsageException damaged(Path path, String why) {
        return new UsageException(path + " is damaged (" + why + "): run that shard again");
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
