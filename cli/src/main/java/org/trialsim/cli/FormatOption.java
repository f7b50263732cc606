package org.trialsim.cli;

import java.util.Iterator;
import org.trialsim.report.ResultFormat;
import picocli.CommandLine;

/**
 * {@code --format} of {@code trialsim power}: a {@link ResultFormat} by name, in any case. The choices, the
 * help and the message for an unknown name all come from the registry, so a format added there is offered here.
 */
final class FormatOption {

    private FormatOption() {
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
