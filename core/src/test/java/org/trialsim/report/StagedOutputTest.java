package org.trialsim.report;

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
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("result.csv"), names());
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
}
