package org.trialsim.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The documentation states the limits the code applies, one figure each (issue #20, point 10: the format's
 * page said 1 MiB where the limit was 256 KiB): the figures are formatted from {@link Limits} and looked for in
 * the pages, so a changed limit fails here until the pages say it.
 */
class LimitsDocumentedTest {

    private static String page(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name));
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Test
    void theFormatPageStatesTheFileSizeLimit() throws IOException {
        String format = page("scenario-format.md");
        assertTrue(format.contains("256 KiB (" + thousands(Limits.MAX_SCENARIO_BYTES) + " bytes"), "scenario-format.md");
        assertTrue(Limits.MAX_SCENARIO_BYTES == 256 * 1024, "the pages say 256 KiB");
        assertFalse(format.contains("1 MiB"), "scenario-format.md still says 1 MiB");
    }

    @Test
    void theReliabilityPageListsEveryLimit() throws IOException {
        String reliability = page("reliability.md");
        for (String figure : List.of("1 to " + thousands(Limits.MAX_SAMPLE_SIZE),
                "at most " + thousands(Limits.MAX_GRID), "1 to " + thousands(Limits.MAX_REPLICATES),
                "1 to " + thousands(Limits.MAX_REPLICATE_CAP), "1 to " + thousands(Limits.MAX_THREADS),
                "-" + (int) Limits.MAX_GAMMA + " to " + (int) Limits.MAX_GAMMA,
                "below " + Limits.MAX_TARGET_MCSE, "below " + Limits.MAX_SEQUENTIAL_ERROR,
                thousands(Limits.MAX_SCENARIO_BYTES) + " bytes", thousands(Limits.MAX_CHECKPOINT_BYTES) + " bytes",
                "first " + Limits.MAX_PROBLEMS_SHOWN)) {
            assertTrue(reliability.contains(figure), "reliability.md does not say " + figure);
        }
    }
}
