package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are huge or endless (issue #20, point 1): a sparse 3 GiB file, a symbolic link to
 * {@code /dev/zero}, a FIFO and a folder are refused by every command that reads a scenario, before a byte
 * is read: exit 2, the file named, what is allowed, no trace, and less than 100 MB allocated (measured on the
 * calling thread, where the command runs). In a JVM of 48 MB of heap, the refusal of the 3 GiB file and of
 * {@code /dev/zero} still ends with exit 2, not an OutOfMemoryError.
 */
class HostileInputTest {

    /** The bound the issue sets on what refusing an input may cost. */
    private static final long MAX_ALLOCATED = 100L << 20;

    @TempDir
    Path dir;

    private static final List<List<String>> COMMANDS = List.of(List.of("check"), List.of("power"),
            List.of("size", "--target", "0.8"), List.of("run"), List.of("simulate", "--n", "10", "--replicate", "0"));

    private Path sparse() throws Exception {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk space used
        }
        return big;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private void assertRefusedCheaply(Path input, String message) {
        for (List<String> command : COMMANDS) {
            // the command word, the scenario, then the command's options
            List<String> line = new java.util.ArrayList<>(List.of(command.get(0), input.toString()));
            line.addAll(command.subList(1, command.size()));
            String[] ordered = line.toArray(String[]::new);
            Cli.run("check", "tiny-warm-up-not-a-file"); // load the classes first: they are not the input's cost
            long before = allocated();
            Cli.Result r = Cli.run(ordered);
            long cost = allocated() - before;
            assertEquals(2, r.exit(), command + ": " + r);
            assertTrue(r.err().contains(input.toString()) && r.err().contains(message), command + ": " + r);
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), command + ": " + r);
            assertTrue(cost < MAX_ALLOCATED, command + ": refusing " + input + " allocated " + cost + " bytes");
        }
    }

    @Test
    void aHugeSparseFileIsRefusedFromItsSize() throws Exception {
        assertRefusedCheaply(sparse(), "has 3,221,225,472 bytes (3.0 GiB); a scenario file (.yaml, .yml or .json)"
                + " may have at most 262,144 bytes (256 KiB)");
    }

    @Test
    void aLinkToDevZeroIsRefusedByItsKind() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path link = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
        assertRefusedCheaply(link, "is not a regular file (a device, FIFO or socket, through a symbolic link)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // only so that a regression fails instead of blocking on the FIFO
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        assertRefusedCheaply(fifo, "is not a regular file (a device, FIFO or socket)");
    }

    @Test
    void aFolderIsRefused() {
        assertRefusedCheaply(dir, "is a folder; expected a scenario file");
    }

    @Test
    void aSmallHeapRefusesHugeInputsWithoutRunningOutOfMemory() throws Exception {
        Path big = sparse();
        Path zero = dir.resolve("zero.yaml");
        if (Files.exists(Path.of("/dev/zero"))) {
            Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        }
        for (Path input : Files.exists(zero) ? List.of(big, zero) : List.of(big)) {
            Cli.Result r = Cli.runProcess(List.of("-Xmx48m"), "check", input.toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.out().contains(input.toString()), r.toString());
            assertFalse(r.out().contains("OutOfMemoryError") || r.out().contains("\tat "), r.toString());
        }
    }
}
