package org.trialsim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewFileAndCreatesItsFolder() throws IOException {
        Path target = dir.resolve("a/b/result.csv");
        StagedOutput.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("result.csv"), Files.list(target.getParent()).map(p -> p.getFileName().toString())
                .toList());
    }

    @Test
    void replacesAnExistingFileWhole() throws IOException {
        Path target = dir.resolve("result.csv");
        Files.writeString(target, "old content that is longer than the new one");
        StagedOutput.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("result.csv"), names());
    }

    @Test
    void aFailureHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.csv");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> StagedOutput.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        // named for the target (a full disk's own message names no file), the reason kept (issue #20, point 7)
        assertEquals("cannot write " + target.toAbsolutePath() + ": disk full (the file is unchanged)", e.getMessage());
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("result.csv"), names());
    }

    /**
     * A folder that takes no new files is reported under the target's name, not the temporary file's random
     * one. Linux's /proc/sys is such a folder, for root too (a read-only folder would not stop root).
     */
    @Test
    void aFolderThatTakesNoFilesIsReportedForTheTarget() {
        Path proc = Path.of("/proc/sys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "needs Linux's /proc/sys");
        Path target = proc.resolve("power.csv");
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> StagedOutput.write(target, out -> out.write(1)));
        assertEquals(target.toString(), e.getFile());
        assertEquals(target + ": cannot create a file in /proc/sys: the folder takes no new files", e.getMessage());
    }

    @Test
    void nothingIsReplacedBeforeCommitAndCloseCleansUp() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "old a");
        try (StagedOutput output = new StagedOutput()) {
            output.stage(a, out -> out.write('A'));
            output.stage(b, out -> out.write('B'));
            assertEquals("old a", Files.readString(a));
            assertFalse(Files.exists(b));
            assertEquals(3, names().size(), "the old file and two temporaries");
        }
        assertEquals(List.of("a.csv"), names());
        assertEquals("old a", Files.readString(a));
    }

    @Test
    void commitReplacesEveryStagedFile() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.json");
        Files.writeString(a, "old a");
        try (StagedOutput output = new StagedOutput()) {
            output.stage(a, out -> out.write('A'));
            output.stage(b, out -> out.write('B'));
            assertEquals(List.of(a, b), output.commit());
        }
        assertEquals("A", Files.readString(a));
        assertEquals("B", Files.readString(b));
        assertEquals(List.of("a.csv", "b.json"), names());
    }

    /**
     * A new result gets the permissions of any new file (not the private rw------- of a JDK temporary file),
     * and a replaced one keeps its own.
     */
    @Test
    void permissionsAreThoseOfAnOrdinaryFileOrOfTheFileReplaced(@TempDir Path other) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(other.getFileSystem().supportedFileAttributeViews()
                .contains("posix"));
        Path plain = other.resolve("plain.txt");
        Files.writeString(plain, "x");
        Path staged = other.resolve("staged.txt");
        StagedOutput.write(staged, out -> out.write('y'));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(staged));
        var readOnly = java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----");
        Files.setPosixFilePermissions(staged, readOnly);
        StagedOutput.write(staged, out -> out.write('z'));
        assertEquals(readOnly, Files.getPosixFilePermissions(staged));
        assertEquals("z", Files.readString(staged));
    }
}
