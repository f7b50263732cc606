package org.trialsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.trialsim.power.Checkpoint;
import org.trialsim.power.PowerStudy;

/**
 * A power study's checkpoint on disk, so that a long run stopped by Ctrl-C, a kill or a crash resumes where it
 * stopped and ends with results bit-identical to an uninterrupted run (the engine's {@link Checkpoint} holds
 * the integer counters of the first whole batches, which is all a resumed run needs).
 *
 * <p>The file is plain text: the study's {@link PowerStudy#fingerprint() fingerprint} (scenario name and
 * SHA-256, sample sizes, seed, replicates, precision target, batch size, trialsim version), the replicates
 * completed, one line of counters per study run side by side, and a CRC-32 of all of it. Every write goes to
 * a temporary file that is flushed to disk and renamed over the old one ({@link StagedOutput}), so a kill
 * in the middle of a write leaves the previous checkpoint intact. Loading refuses a checkpoint whose
 * fingerprint differs from the study's, naming every difference, and one that is damaged.
 *
 * <p>Writes are rate-limited (by default at most one per second of wall time, plus the last one through
 * {@link #flush()}): which batch boundary is on disk then depends on timing, but every one of them resumes to
 * the same bits.
 */
public final class CheckpointFile implements Checkpoint.Listener {

    /** Version of the file layout. */
    static final String FORMAT = "1";

    private final Path file;
    private final Map<String, String> fingerprint;
    private final long intervalNanos;
    private final List<String> fingerprintOrder;
    private long lastWrite;
    private Checkpoint pending;

    private CheckpointFile(Path file, Map<String, String> fingerprint, long intervalNanos) {
        this.file = file;
        this.fingerprint = Map.copyOf(fingerprint);
        this.intervalNanos = intervalNanos;
        this.lastWrite = System.nanoTime() - intervalNanos;
        this.fingerprintOrder = List.copyOf(fingerprint.keySet());
    }

    /** The checkpoint file of {@code study} at {@code file}, written at most once per second. */
    public static CheckpointFile of(Path file, PowerStudy study) {
        return new CheckpointFile(file, study.fingerprint(), 1_000_000_000L);
    }

    /** The same file written at most once per {@code millis} milliseconds (0: after every batch). */
    public CheckpointFile everyMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("interval must be >= 0: " + millis);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        fingerprintOrder.forEach(k -> ordered.put(k, fingerprint.get(k)));
        return new CheckpointFile(file, ordered, millis * 1_000_000L);
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
     * Saves the checkpoint if the interval has passed since the last write, else keeps it for
     * {@link #flush()}.
     *
     * @throws UncheckedIOException if the file cannot be written (the previous checkpoint is then intact)
     */
    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        pending = checkpoint;
        long now = System.nanoTime();
        if (now - lastWrite >= intervalNanos) {
            write(checkpoint);
            lastWrite = now;
            pending = null;
        }
    }

    /** Writes the latest checkpoint received and not yet written, if any. */
    public void flush() {
        if (pending != null) {
            write(pending);
            pending = null;
        }
    }

    /** Deletes the file (after the study's results are safely written). */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private void write(Checkpoint c) {
        String body = format(c);
        try {
            StagedOutput.write(file, out -> out.write(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private String format(Checkpoint c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# trialsim checkpoint: counters of the first whole batches of a power study.\n");
        sb.append("# Resume with the same command and --resume; do not edit.\n");
        sb.append("format: ").append(FORMAT).append('\n');
        for (String k : fingerprintOrder) {
            sb.append(k).append(": ").append(fingerprint.get(k)).append('\n');
        }
        sb.append("completed: ").append(c.replicates()).append('\n');
        List<long[]> counts = c.counts();
        sb.append("studies: ").append(counts.size()).append('\n');
        for (int i = 0; i < counts.size(); i++) {
            sb.append("counts.").append(i).append(':');
            for (long v : counts.get(i)) {
                sb.append(' ').append(v);
            }
            sb.append('\n');
        }
        String crc = crc(sb.toString()); // of everything before the crc32 line
        sb.append("crc32: ").append(crc).append('\n');
        return sb.toString();
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }

    /**
     * Reads the checkpoint to resume from.
     *
     * @return the checkpoint
     * @throws CheckpointException if there is none, it is damaged, or it was written by a different study
     *     (the message names each difference)
     */
    public Checkpoint load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("no checkpoint to resume from at " + file + "; run without --resume to "
                    + "start afresh");
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
        if (!FORMAT.equals(values.get("format"))) {
            throw damaged("format " + values.get("format") + " is not " + FORMAT);
        }
        List<String> differences = new ArrayList<>();
        for (String k : fingerprintOrder) {
            String mine = fingerprint.get(k);
            String theirs = values.get(k);
            if (!mine.equals(theirs)) {
                differences.add(k + " is " + (theirs == null ? "missing" : theirs) + " in the checkpoint but "
                        + (mine.isEmpty() ? "empty" : mine) + " in this run");
            }
        }
        if (!differences.isEmpty()) {
            throw new CheckpointException("the checkpoint " + file + " was written by a different study: "
                    + String.join("; ", differences) + ". Resuming would not reproduce that run: use the same "
                    + "scenario and options, or delete the checkpoint to start afresh");
        }
        try {
            long completed = Long.parseLong(values.get("completed"));
            int studies = Integer.parseInt(values.get("studies"));
            List<long[]> counts = new ArrayList<>();
            for (int i = 0; i < studies; i++) {
                String line = values.get("counts." + i);
                if (line == null) {
                    throw damaged("counts." + i + " is missing");
                }
                String[] parts = line.isEmpty() ? new String[0] : line.split(" ");
                long[] a = new long[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    a[j] = Long.parseLong(parts[j]);
                }
                counts.add(a);
            }
            return new Checkpoint(Integer.parseInt(fingerprint.get("batch_size")), completed, counts);
        } catch (NumberFormatException | NullPointerException e) {
            throw damaged("a count is missing or not a number");
        }
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
