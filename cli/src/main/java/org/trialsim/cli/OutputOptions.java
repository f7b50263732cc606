package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.trialsim.report.FigureTable;
import org.trialsim.report.ResultFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --out} of a command whose output is computed without a scenario (the planning
 * tables of {@code design}): the printed table, or the same figures as CSV or JSON ({@link FigureTable}), on
 * standard output or in a file, with the refusals and the claim of every output ({@link FormatOption#chosen},
 * {@link ResultFolder#refuseOverwrite}, {@link Outputs}) checked before anything is computed.
 */
final class OutputOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: table, or what the --out file name ends in).")
    ResultFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write to this file instead of standard output (the table is still shown unless --quiet).")
    Path out;

    /** The chosen format, the output refused or claimed as every output is; call before computing anything. */
    ResultFormat prepare() {
        ResultFormat chosen = FormatOption.chosen(format, out);
        if (out != null) {
            ResultFolder.refuseOverwrite(List.of(out), root().force);
            Outputs.reading(null, mixee.commandLine().getErr()).file("--out", out).refuseClashes().lock(out);
        }
        return chosen;
    }

    /**
     * Prints or writes the output: the table as {@code text} prints it, CSV and JSON from {@code table}.
     *
     * @param chosen what {@link #prepare()} returned
     * @param text prints the table
     * @param table the same figures as a table
     */
    void emit(ResultFormat chosen, Consumer<PrintWriter> text, FigureTable table) throws IOException {
        FormatOption.emit(chosen, f -> {
            if (f == ResultFormat.TABLE) {
                StringWriter s = new StringWriter();
                text.accept(new PrintWriter(s));
                return s.toString().getBytes(out != null ? StandardCharsets.UTF_8 : Terminal.stdoutCharset());
            }
            return table.bytes(f);
        }, out, root().quiet, mixee.commandLine().getOut(), mixee.commandLine().getErr());
    }

    private TrialsimCommand root() {
        return (TrialsimCommand) mixee.root().userObject();
    }
}
