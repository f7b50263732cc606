package org.trialsim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim batch FILE}: many trialsim commands in one process, so that the Java virtual machine's start-up
 * and the compiler's warm-up are paid once (issue #19, point 4). Each line of the file is one command as it would
 * follow {@code trialsim} on a shell command line; each runs exactly as it would on its own, so it writes the same
 * bytes, and the batch reports every command's exit code on standard error as {@code batch: line N: exit C}.
 *
 * <p>Why a file of command lines and not a server: it is the form a planner's R or Python script already makes
 * ({@code writeLines} then one {@code system2} call, or a sweep written by a loop), it needs no port, protocol or
 * client library, and it keeps every command's meaning, options and outputs those of the command line. With
 * {@code -} the commands are read from standard input as they arrive, which makes a long-lived session: a caller
 * keeps the pipe open, writes a line, and waits for its {@code batch: line N: exit C} on standard error.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run many trialsim commands in one process: start-up and warm-up are paid once.",
            "Each line of FILE is one command as typed after 'trialsim' (for example: power my-trial.yaml --n 100"
                + " --out a.csv); blank lines and lines starting with # are skipped; 'single' and \"double\" quotes"
                + " group words. Each command writes what it writes on its own, byte for byte. After each, the"
                + " batch prints 'batch: line N: exit C' on standard error. The batch stops at the first command"
                + " that fails (exit code other than 0) unless --keep-going; its own exit code is the first"
                + " non-zero one, or 0."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim batch runs.txt",
            "  trialsim batch runs.txt --keep-going",
            "  printf 'power two-arm.yaml --n 100 --out a.csv\\ncheck two-arm.yaml\\n' | trialsim batch -",
            "",
            "From R: writeLines(commands, 'runs.txt'); system2('./trialsim', c('batch', 'runs.txt'))"})
final class BatchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The commands, one per line, or - for standard input.")
    String file;

    @Option(names = "--keep-going", description = "Run every command even after one fails.")
    boolean keepGoing;

    @Override
    public Integer call() throws IOException {
        try (Reader reader = open()) {
            BufferedReader lines = new BufferedReader(reader);
            int first = 0;
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                List<String> args = words(line, number);
                if (args.isEmpty()) {
                    continue;
                }
                if (args.get(0).equals("batch")) {
                    throw new UsageException(label() + ":" + number + ": a batch cannot run another batch");
                }
                int code = run(args);
                spec.commandLine().getErr().println("batch: line " + number + ": exit " + code);
                spec.commandLine().getErr().flush();
                if (code != 0 && first == 0) {
                    first = code;
                }
                if (code != 0 && !keepGoing) {
                    break;
                }
            }
            return first;
        }
    }

    @CommandLine.ParentCommand
    TrialsimCommand root;

    /**
     * One command, through the same entry as a process of its own ({@link TrialsimCommand#execute}), writing its
     * bytes straight to this process's standard output (checked, as every command's).
     */
    private int run(List<String> args) {
        spec.commandLine().getOut().flush();
        if (root.stdout == null) {
            // a command line built without execute (an embedding program, the tests): its own writers
            CommandLine cmd = TrialsimCommand.newCommandLine(args.toArray(String[]::new));
            cmd.setOut(spec.commandLine().getOut());
            cmd.setErr(spec.commandLine().getErr());
            return cmd.execute(args.toArray(String[]::new));
        }
        return TrialsimCommand.execute(args.toArray(String[]::new), root.stdout, spec.commandLine().getErr());
    }

    private Reader open() throws IOException {
        if (file.equals("-")) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException(file + ": no such file (the batch file lists one trialsim command per line)");
        }
        if (Files.size(path) > MAX_BYTES) {
            throw new UsageException(file + ": " + Files.size(path) + " bytes, above the " + MAX_BYTES
                    + " a batch file may have");
        }
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    /** The largest batch file read: 16 MiB, some 100,000 command lines. */
    static final long MAX_BYTES = 16L << 20;

    private String label() {
        return file.equals("-") ? "standard input" : file;
    }

    /**
     * The words of one line: split at blanks, where 'single quotes' keep everything literally and "double quotes"
     * keep everything but a backslash before " or \; a line starting with # (after blanks) is a comment.
     *
     * @throws UsageException naming the file and line of an unclosed quote
     */
    List<String> words(String line, int number) {
        List<String> words = new ArrayList<>();
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return words;
        }
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote == '\'') {
                if (ch == '\'') {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (quote == '"') {
                if (ch == '"') {
                    quote = 0;
                } else if (ch == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                        || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(ch);
                }
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                } else {
                    word.append(ch);
                }
            }
        }
        if (quote != 0) {
            throw new UsageException(label() + ":" + number + ": the quote " + quote + " is not closed (quotes group"
                    + " words: 'my trial.yaml' or \"my trial.yaml\")");
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (!words.isEmpty() && words.get(0).equals("trialsim")) {
            words.remove(0);
        }
        return words;
    }
}
