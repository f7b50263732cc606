package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and modes (issue #20, point 9): two identical runs write the same bytes in every file of their
 * folder, the SVG charts included (JFreeSVG keyed its ids by the clock); new files get the permissions of
 * any new file in the folder (the user's umask), not the private rw------- of temporary files, and a
 * replaced file keeps its own, for every command that writes.
 */
class ReproducibleFilesTest {

    @TempDir
    Path dir;

    @Test
    void identicalRunsWriteIdenticalBytesInEveryFile() throws IOException {
        Path tiny = Cli.scenario(dir, "tiny.yaml");
        for (String folder : new String[] {"a", "b"}) {
            Cli.Result r = Cli.run("run", tiny.toString(), "--reps", "200", "--threads", "2", "-q", "--out",
                    dir.resolve(folder).toString());
            assertEquals(0, r.exit(), r.toString());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("a"))) {
            files = s.sorted().toList();
        }
        assertFalse(files.stream().noneMatch(f -> f.toString().endsWith(".svg")), files.toString());
        for (Path a : files) {
            Path b = dir.resolve("b").resolve(a.getFileName());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), a.getFileName() + " differs");
        }
        try (Stream<Path> s = Files.list(dir.resolve("b"))) {
            assertEquals(files.size(), s.count());
        }
    }

    @Test
    void newFilesTakeTheFoldersDefaultModeAndReplacedFilesKeepTheirs() throws IOException {
        Path tiny = Cli.scenario(dir, "tiny.yaml");
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        Path patients = dir.resolve("patients.csv");
        Path power = dir.resolve("power.csv");
        Path folder = dir.resolve("run");
        assertEquals(0, Cli.run("simulate", tiny.toString(), "--n", "8", "--replicate", "0", "--out",
                patients.toString()).exit());
        assertEquals(0, Cli.run("power", tiny.toString(), "--reps", "40", "-q", "--out", power.toString()).exit());
        assertEquals(0, Cli.run("run", tiny.toString(), "--reps", "40", "-q", "--out", folder.toString()).exit());
        assertEquals(usual, Files.getPosixFilePermissions(patients), "simulate --out");
        assertEquals(usual, Files.getPosixFilePermissions(power), "power --out");
        assertEquals(usual, Files.getPosixFilePermissions(folder.resolve("power-curve.svg")), "run");

        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        for (Path p : List.of(patients, power, folder.resolve("power.json"))) {
            Files.setPosixFilePermissions(p, shared);
        }
        assertEquals(0, Cli.run("--force", "simulate", tiny.toString(), "--n", "8", "--replicate", "1", "--out",
                patients.toString()).exit());
        assertEquals(0, Cli.run("power", tiny.toString(), "--reps", "41", "-q", "--force", "--out",
                power.toString()).exit());
        assertEquals(0, Cli.run("run", tiny.toString(), "--reps", "41", "-q", "--force", "--out",
                folder.toString()).exit());
        for (Path p : List.of(patients, power, folder.resolve("power.json"))) {
            assertEquals(shared, Files.getPosixFilePermissions(p), p + " lost its mode when replaced");
        }
    }
}
