package org.trialsim.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.trialsim.power.StudyResult;

/**
 * The formats a study's result is written in, registered once: each with the name a user gives for it
 * ({@code --format}), the file name extension that implies it, and its {@link Reporter}. The command line
 * takes its choices, its messages and the files of a result folder from here, so that adding a format is one
 * constant (the recipe is in docs/architecture.md). The images of charts are registered likewise in
 * {@code org.trialsim.charts.ChartImage} (module trialsim-charts).
 */
public enum ResultFormat {
    /** The plain-text power table ({@link PowerTable}), in the character set it is shown in. */
    TABLE("table", "txt", true, PowerTable::new),
    /** Long-format CSV with provenance comment lines ({@link CsvReport}), UTF-8. */
    CSV("csv", "csv", false, charset -> new CsvReport()),
    /** JSON with a provenance object and the rows ({@link JsonReport}), UTF-8. */
    JSON("json", "json", false, charset -> new JsonReport());

    private final String label;
    private final String extension;
    private final boolean inGivenCharset;
    private final Function<Charset, Reporter> reporter;

    ResultFormat(String label, String extension, boolean inGivenCharset, Function<Charset, Reporter> reporter) {
        this.label = label;
        this.extension = extension;
        this.inGivenCharset = inGivenCharset;
        this.reporter = reporter;
    }

    /** The name a user gives for the format, for example {@code csv}. */
    public String label() {
        return label;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The reporter of this format; text in {@code charset} where the format leaves it open (the table). */
    public Reporter reporter(Charset charset) {
        return reporter.apply(charset);
    }

    /**
     * The result in this format as text, for a terminal whose character set is {@code charset}: the table
     * drawn in it, the data formats as their UTF-8 text.
     */
    public String text(StudyResult result, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        reporter(charset).write(result, bytes);
        return bytes.toString(inGivenCharset ? charset : StandardCharsets.UTF_8);
    }

    /** Every format's name, in registration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(ResultFormat::label).toList();
    }

    /** The names as a sentence: {@code table, csv or json}. */
    public static String labelsInWords() {
        List<String> l = labels();
        return l.size() == 1 ? l.get(0)
                : String.join(", ", l.subList(0, l.size() - 1)) + " or " + l.get(l.size() - 1);
    }

    /** The format of a name given by the user, in any case. */
    public static Optional<ResultFormat> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(n)).findFirst();
    }

    /** The format a file name's extension implies, in any case; {@code otherwise} if none does. */
    public static ResultFormat ofFileName(String fileName, ResultFormat otherwise) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> n.endsWith("." + f.extension)).findFirst().orElse(otherwise);
    }
}
