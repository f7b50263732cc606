package org.trialsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text (issue #20, point 8): a scenario whose title, values or name carry terminal escape sequences
 * cannot clear or rewrite the user's screen: {@code check}, error messages and echoed arguments print every
 * control character escaped ({@code \e[2J}), on the real standard streams of {@link TrialsimCommand#execute}.
 */
class HostileTextTest {

    private static final String CLEAR = "\u001b[2J\u001b[H";

    @TempDir
    Path dir;

    private static Cli.Result execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = TrialsimCommand.execute(args, out, new PrintWriter(err, true));
        return new Cli.Result(code, out.toString(Terminal.stdoutCharset()), err.toString());
    }

    private static void assertNoControls(Cli.Result r) {
        for (String s : new String[] {r.out(), r.err()}) {
            assertFalse(s.chars().anyMatch(c -> c != '\n' && c != '\t' && Character.getType(c) == Character.CONTROL
                    || c == '\u202e'), "a control character reached the terminal: " + r);
        }
    }

    @Test
    void aHostileTitleIsPrintedEscaped() throws IOException {
        String text = Files.readString(Cli.scenario(dir, "tiny.yaml")).replace(
                "title: Tiny two-arm trial for the command-line tests",
                "title: \"" + "\\e[2J\\e[HOwned\\a \\u202Egnp.exe\"");
        Path hostile = Files.writeString(dir.resolve("hostile.yaml"), text);
        Cli.Result r = execute("check", hostile.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\\e[2J\\e[HOwned\\x07 \\u202egnp.exe"), r.toString());
        assertNoControls(r);
    }

    @Test
    void hostileValuesInMessagesAndArgumentsAreEscaped() throws IOException {
        String text = Files.readString(Cli.scenario(dir, "tiny.yaml")).replace("sides: 2",
                "sides: \"" + "\\e[31mred\\r\\nforged line\"");
        Path hostile = Files.writeString(dir.resolve("values.yaml"), text);
        for (String command : new String[] {"check", "power"}) {
            Cli.Result r = execute(command, hostile.toString());
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("\\e[31mred\\r\\nforged line"), r.toString());
            assertNoControls(r);
        }
        Cli.Result unknown = execute("power", "no-such" + CLEAR);
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("'no-such\\e[2J\\e[H' is neither a scenario file"), unknown.toString());
        assertNoControls(unknown);
        Cli.Result option = execute("power", "tiny", "--model", "x" + CLEAR);
        assertEquals(2, option.exit(), option.toString());
        assertNoControls(option);
    }
}
