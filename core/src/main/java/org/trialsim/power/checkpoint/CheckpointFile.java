package org.trialsim.power.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.trialsim.power.CheckpointListener;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;
import org.trialsim.io.StagedOutput;
import org.trialsim.scenario.BoundedInput;
import org.trialsim.scenario.Limits;

/**
 * A power study's counts on disk, so that a long run stopped by Ctrl-C, a kill or a crash resumes where it
 * stopped and ends with results bit-identical to an uninterrupted run: the integer counters of the replicates
 * completed ({@link StudyCounts}: any set of replicate ranges, under the scenario and its null version), which
 * is all a resumed run needs; it runs the replicates missing.
 *
 * <p>The file is plain text: the layout version ({@code format: 2}), the study's {@link PowerStudy#fingerprint()
 * fingerprint} (scenario name and SHA-256, sample sizes, seed, replicates, precision target, batch size, model,
 * trialsim version, random-stream layout), the number of replicates completed and their ranges, one line of
 * counters per study run side by side, and a CRC-32 of all of it. Every write goes to a temporary file that is
 * flushed to disk and renamed over the old one ({@link StagedOutput}), so a kill in the middle of a write
 * leaves the previous checkpoint intact. Loading refuses a checkpoint whose fingerprint differs from the
 * study's, naming every difference, and one that is damaged. Files of layout 1 (the counters of the first
 * whole batches, {@code completed: k}) are read as the replicates {@code [0, k)}.
 *
 * <p>Writes are rate-limited (by default at most one per second of wall time, plus the last one through
 * {@link #flush()}): which batch boundary is on disk then depends on timing, but every one of them resumes to
 * the same bits.
 */
public final class CheckpointFile implements CheckpointListener {

    /** Version of the file layout written. */
    static final String FORMAT = "2";
    /** The layout before ranges: the counters of the first {@code completed} replicates, read as {@code [0, k)}. */
    static final String FORMAT_PREFIX = "1";

    private final Path file;
    /** The study whose counts this file holds: a checkpoint read back must fit it. */
    private final PowerStudy study;
    private final Map<String, String> fingerprint;
    private final Map<String, String> replicateFingerprint;
    private final long intervalNanos;
    private long lastWrite;
    private StudyCounts pending;

    private CheckpointFile(Path file, PowerStudy study, Map<String, String> fingerprint,
            Map<String, String> replicateFingerprint, long intervalNanos) {
        this.file = file;
        this.study = study;
        this.fingerprint = fingerprint;
        this.replicateFingerprint = replicateFingerprint;
        this.intervalNanos = intervalNanos;
        this.lastWrite = System.nanoTime() - intervalNanos;
    }

    /** The checkpoint file of {@code study} at {@code file}, written at most once per second. */
    public static CheckpointFile of(Path file, PowerStudy study) {
        return new CheckpointFile(file, study, new LinkedHashMap<>(study.fingerprint()),
                study.replicateFingerprint(), 1_000_000_000L);
    }

    /** The same file written at most once per {@code millis} milliseconds (0: after every batch). */
    public CheckpointFile everyMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("interval must be >= 0: " + millis);
        }
        return new CheckpointFile(file, study, fingerprint, replicateFingerprint, millis * 1_000_000L);
    }

    /** The path. */
    public Path path() {
        return file;
    }

    /** Whether a checkpoint exists at the path. */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Saves the counts if the interval has passed since the last write, else keeps them for {@link #flush()}.
     *
     * @throws UncheckedIOException if the file cannot be written (the previous checkpoint is then intact)
     */
    @Override
    public void onCheckpoint(StudyCounts completed) {
        pending = completed;
        long now = System.nanoTime();
        if (now - lastWrite >= intervalNanos) {
            save(completed);
            lastWrite = now;
            pending = null;
        }
    }

    /** Writes the latest counts received and not yet written, if any. */
    public void flush() {
        if (pending != null) {
            save(pending);
            pending = null;
        }
    }

    /**
     * Writes {@code counts} now, replacing the file whole (for example a shard's counts).
     *
     * @throws IllegalArgumentException if the counts are of another study
     * @throws UncheckedIOException if the file cannot be written (the previous checkpoint is then intact)
     */
    public void save(StudyCounts counts) {
        if (!counts.study().equals(replicateFingerprint)) {
            throw new IllegalArgumentException("the counts are of another study than the checkpoint " + file);
        }
        String body = format(counts);
        try {
            StagedOutput.write(file, out -> out.write(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file (after the study's results are safely written). */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private String format(StudyCounts c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# trialsim checkpoint: counters of the replicates a power study completed.\n");
        sb.append("# Resume with the same command and --resume; do not edit.\n");
        sb.append("format: ").append(FORMAT).append('\n');
        fingerprint.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("completed: ").append(c.replicates()).append('\n');
        sb.append("ranges: ").append(c.ranges()).append('\n');
        counters(sb, "counts.alternative", c.alternative());
        if (c.hasNullHypothesis()) {
            counters(sb, "counts.null_hypothesis", c.nullHypothesis());
        }
        String crc = crc(sb.toString()); // of everything before the crc32 line
        sb.append("crc32: ").append(crc).append('\n');
        return sb.toString();
    }

    private static void counters(StringBuilder sb, String key, long[] counters) {
        sb.append(key).append(':');
        for (long v : counters) {
            sb.append(' ').append(v);
        }
        sb.append('\n');
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /**
     * Reads the counts to resume from.
     *
     * @return the counts, of this file's study
     * @throws CheckpointException if there is none, it is damaged, of an unknown layout, or written by a
     *     different study (the message names each difference)
     */
    public StudyCounts load() {
        String text;
        try {
            // bounded and decoded strictly: a device, a FIFO or a huge file is refused unread, and bytes that are
            // not UTF-8 are damage, not an I/O error
            byte[] bytes = BoundedInput.read(file, Limits.MAX_CHECKPOINT_BYTES, "a trialsim checkpoint");
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no checkpoint to resume from at " + file + "; run without --resume to "
                    + "start afresh");
        } catch (CharacterCodingException e) {
            throw damaged("it is not UTF-8 text");
        } catch (BoundedInput.Refused e) {
            throw new CheckpointException("the checkpoint " + file + " " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new CheckpointException("cannot read the checkpoint " + file + ": " + e.getMessage());
        }
        int crcAt = text.lastIndexOf("crc32: ");
        if (crcAt < 0 || !text.endsWith("\n") || !crc(text.substring(0, crcAt)).equals(text.substring(crcAt + 7)
                .strip())) {
            throw damaged("its checksum does not match its content");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.substring(0, crcAt).split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw damaged("line '" + line + "' is not 'key: value'");
            }
            values.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        String format = values.get("format");
        if (!FORMAT.equals(format) && !FORMAT_PREFIX.equals(format)) {
            throw new CheckpointException("the checkpoint " + file + " has layout " + format + ", which this trialsim "
                    + "does not read (it reads " + FORMAT_PREFIX + " and " + FORMAT + "); delete it to start afresh");
        }
        List<String> differences = new ArrayList<>();
        fingerprint.forEach((k, mine) -> {
            String theirs = values.get(k);
            if (!mine.equals(theirs)) {
                differences.add(k + " is " + (theirs == null ? "missing" : theirs) + " in the checkpoint but "
                        + (mine.isEmpty() ? "empty" : mine) + " in this run");
            }
        });
        if (!differences.isEmpty()) {
            throw new CheckpointException("the checkpoint " + file + " was written by a different study: "
                    + String.join("; ", differences) + ". Resuming would not reproduce that run: use the same "
                    + "scenario and options, or delete the checkpoint to start afresh");
        }
        StudyCounts counts;
        try {
            counts = FORMAT.equals(format) ? counts(values) : countsOfPrefix(values);
        } catch (NumberFormatException | NullPointerException e) {
            throw damaged("a count is missing or not a number");
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
        try {
            // a file edited with its checksum recomputed can pass everything above and still not fit the study
            study.checkResumable(counts);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("unusable checkpoint " + file + ": " + e.getMessage() + "; delete it to "
                    + "start afresh");
        }
        return counts;
    }

    /** Layout 2: the ranges and a line of counters per study. */
    private StudyCounts counts(Map<String, String> values) {
        ReplicateRanges ranges = ReplicateRanges.parse(values.get("ranges"));
        if (ranges.count() != Long.parseLong(values.get("completed"))) {
            throw damaged("its ranges do not hold the replicates it says it completed");
        }
        String nullLine = values.get("counts.null_hypothesis");
        return new StudyCounts(replicateFingerprint, ranges, parse(values.get("counts.alternative")),
                nullLine == null ? null : parse(nullLine));
    }

    /** Layout 1: the first {@code completed} replicates, one line {@code counts.i} per study. */
    private StudyCounts countsOfPrefix(Map<String, String> values) {
        long completed = Long.parseLong(values.get("completed"));
        int studies = Integer.parseInt(values.get("studies"));
        if (studies < 1 || studies > 2) {
            throw damaged("it holds " + studies + " studies");
        }
        List<long[]> counts = new ArrayList<>();
        for (int i = 0; i < studies; i++) {
            String line = values.get("counts." + i);
            if (line == null) {
                throw damaged("counts." + i + " is missing");
            }
            counts.add(parse(line));
        }
        return new StudyCounts(replicateFingerprint, ReplicateRanges.prefix(completed), counts.get(0),
                studies > 1 ? counts.get(1) : null);
    }

    private static long[] parse(String line) {
        String[] parts = line.isEmpty() ? new String[0] : line.split(" ");
        long[] a = new long[parts.length];
        for (int j = 0; j < parts.length; j++) {
            a[j] = Long.parseLong(parts[j]);
            if (a[j] < 0) {
                throw new IllegalArgumentException("a count is negative: " + a[j]);
            }
        }
        return a;
    }

    private CheckpointException damaged(String why) {
        return new CheckpointException("the checkpoint " + file + " is damaged (" + why + "); delete it to start "
                + "afresh");
    }

    /** A checkpoint that cannot be used: missing, damaged, or written by a different study. */
    public static final class CheckpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckpointException(String message) {
            super(message);
        }
    }
}
