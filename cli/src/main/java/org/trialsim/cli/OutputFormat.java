package org.trialsim.cli;

import java.util.Locale;
import org.trialsim.report.CsvReport;
import org.trialsim.report.JsonReport;
import org.trialsim.report.PowerTable;
import org.trialsim.report.Reporter;
import picocli.CommandLine;

/** The {@code --format} of {@code trialsim power}: the terminal table, CSV or JSON. */
enum OutputFormat {
    /** The plain-text power table. */
    TABLE,
    /** Long-format CSV with provenance comment lines. */
    CSV,
    /** JSON with a provenance object and the rows. */
    JSON;

    /** The reporter of this format; the table in the given character set. */
    Reporter reporter(java.nio.charset.Charset charset) {
        return switch (this) {
            case TABLE -> new PowerTable(charset);
            case CSV -> new CsvReport();
            case JSON -> new JsonReport();
        };
    }

    /** The format a file name's extension implies: .csv, .json, else the table. */
    static OutputFormat ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? CSV : n.endsWith(".json") ? JSON : TABLE;
    }

    /** Accepts the names in any case. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use table, csv or json");
            }
        }
    }
}
