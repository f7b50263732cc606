package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Function;
import org.trialsim.io.StagedOutput;
import org.trialsim.report.ResultFormat;
import picocli.CommandLine;

/**
 * {@code --format} and {@code --out} of the commands that print a result ({@code power}, {@code size},
 * {@code design}, {@code merge}): a {@link ResultFormat} by name, in any case, or implied by the {@code --out} file
 * name's extension. The choices, the help and the message for an unknown name all come from the registry, so a
 * format added there is offered here.
 */
final class FormatOption {

    private FormatOption() {
    }

    /**
     * The format of a command's output: {@code format} if given, else what the {@code out} file name ends in,
     * else the table. A file name whose extension names no format is refused with the allowed ones (a
     * {@code .xlsx} would otherwise get a text table); a name without an extension gets the table.
     */
    static ResultFormat chosen(ResultFormat format, Path out) {
        if (format != null) {
            return format;
        }
        if (out == null) {
            return ResultFormat.TABLE;
        }
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && ResultFormat.ofFileName(name, null) == null) {
            throw new UsageException("--out " + name + ": '" + name.substring(dot) + "' is not a result format; the "
                    + "file name may end in " + String.join(", ", java.util.Arrays.stream(ResultFormat.values())
                    .map(f -> "." + f.extension()).toList()) + ", or give --format (" + ResultFormat.labelsInWords()
                    + ")");
        }
        return ResultFormat.ofFileName(name, ResultFormat.TABLE);
    }

    /**
     * Prints the output in {@code format} on standard output, or writes it to {@code out} (atomically) and then
     * shows the table on standard output unless {@code quiet}, as {@code power} does.
     *
     * @param render the output in a format, as bytes; the table in the terminal's character set
     */
    static void emit(ResultFormat format, Function<ResultFormat, byte[]> render, Path out, boolean quiet,
            PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (out == null) {
            stdout.print(new String(render.apply(format), format == ResultFormat.TABLE ? Terminal.stdoutCharset()
                    : java.nio.charset.StandardCharsets.UTF_8));
        } else {
            byte[] bytes = render.apply(format);
            StagedOutput.write(out, o -> o.write(bytes));
            if (!quiet) {
                stdout.print(new String(render.apply(ResultFormat.TABLE), Terminal.stdoutCharset()));
                stderr.println("wrote " + out);
            }
        }
        stdout.flush();
    }

    /** Accepts a registered format's name in any case; names every choice otherwise. */
    static final class Converter implements CommandLine.ITypeConverter<ResultFormat> {
        @Override
        public ResultFormat convert(String value) {
            return ResultFormat.named(value).orElseThrow(() -> new CommandLine.TypeConversionException("'" + value
                    + "' is not a format; use " + ResultFormat.labelsInWords()));
        }
    }

    /** The registered names, for the help's {@code ${COMPLETION-CANDIDATES}} and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ResultFormat.labels().iterator();
        }
    }
}
