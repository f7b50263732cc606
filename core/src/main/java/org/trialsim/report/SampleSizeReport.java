package org.trialsim.report;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import org.trialsim.power.Estimate;
import org.trialsim.power.Measure;
import org.trialsim.power.SampleSize;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.Scenario;

/**
 * What a sample-size search found ({@code trialsim size}), in each {@link ResultFormat}: the table a terminal
 * shows (the provenance lines of {@link PowerTable}, then the size, the fitted crossing and the range over which
 * the 95% Monte Carlo band crosses the target, or the power reached when the target is not), and the same
 * figures as one row of CSV or JSON ({@link FigureTable}) with columns {@value #COLUMNS}.
 */
public final class SampleSizeReport {

    /** The columns of the CSV and of the JSON's row. */
    public static final String COLUMNS = "measure,statistic,endpoint,target,reached,n_total,n_total_whole_blocks,"
            + "crossing,range_lower,range_upper,largest_size,power_at_largest,mc_se_at_largest,ci_lower_at_largest,"
            + "ci_upper_at_largest,replicates,partial";

    private SampleSizeReport() {
    }

    /**
     * The search's result in a format.
     *
     * @param format the format
     * @param scenario the scenario as searched (its randomization says whether sizes come in whole blocks)
     * @param s what the search found, with its provenance
     * @param charset the terminal's character set, for the table
     * @return the text's bytes (the table in {@code charset}, CSV and JSON in UTF-8)
     */
    public static byte[] bytes(ResultFormat format, Scenario scenario, SampleSize s, Charset charset) {
        return format == ResultFormat.TABLE ? text(scenario, s).getBytes(charset) : table(scenario, s).bytes(format);
    }

    /** The lines {@code trialsim size} prints. */
    public static String text(Scenario scenario, SampleSize s) {
        StringBuilder out = new StringBuilder(PowerTable.provenance(scenario.name(), s.provenance()));
        out.append(String.format(Locale.ROOT, "measure     %s >= %s%n", s.measure(), trim(s.target())));
        if (s.reached()) {
            int whole = wholeBlocks(scenario, s.nTotal());
            if (whole == s.nTotal()) {
                out.append(String.format(Locale.ROOT, "n_total     %d%n", s.nTotal()));
            } else {
                out.append(String.format(Locale.ROOT, "n_total     %d (%d for whole randomization blocks of %d)%n",
                        s.nTotal(), whole, block(scenario)));
            }
            out.append(String.format(Locale.ROOT, "crossing    %.1f (fitted power curve)%n", s.nExact()));
            out.append(String.format(Locale.ROOT,
                    "95%% range   %s to %s (where the 95%% Monte Carlo band crosses the target)%n",
                    s.nLower() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", s.nLower()),
                    s.nUpper() < 0 ? "beyond the largest size searched" : String.format(Locale.ROOT, "%.1f",
                            s.nUpper())));
        } else {
            Estimate p = s.largestPower();
            out.append(String.format(Locale.ROOT,
                    "n_total     not reached within the sizes searched; search larger sizes with --n%n"));
            out.append(String.format(Locale.ROOT, "reached     %.4f at n_total %d (MCSE %.4f, 95%% %.4f to %.4f), the "
                    + "largest size searched%n", p.estimate(), s.largestSize(), p.mcSe(), p.ciLower(), p.ciUpper()));
        }
        return out.toString();
    }

    /**
     * The search's figures as one row: where the target is not reached, the sizes and the crossing are empty
     * ({@code null}) and the power at the largest size says how far it fell short; a range bound the band never
     * gives is empty likewise.
     */
    public static FigureTable table(Scenario scenario, SampleSize s) {
        FigureTable t = new FigureTable(List.of(COLUMNS.split(",")));
        t.withProvenance(scenario.name(), s.provenance(), List.of());
        Measure m = Measure.parse(s.measure());
        Estimate p = s.largestPower();
        t.row(s.measure(), m.kind().label(), m.endpoint(), s.target(), s.reached(),
                s.reached() ? (Object) s.nTotal() : null, s.reached() ? (Object) wholeBlocks(scenario, s.nTotal()) : null,
                s.reached() ? (Object) s.nExact() : null, s.nLower() < 0 ? null : (Object) s.nLower(),
                s.nUpper() < 0 ? null : (Object) s.nUpper(), s.largestSize(), p.estimate(), p.mcSe(), p.ciLower(),
                p.ciUpper(), s.replicates(), s.partial());
        return t;
    }

    /** The smallest size of whole randomization blocks at or above {@code n} (any size without permuted blocks). */
    private static int wholeBlocks(Scenario scenario, int n) {
        boolean blocks = scenario.design().randomization().method() == Randomization.Method.BLOCKS;
        int block = block(scenario);
        return !blocks || n % block == 0 ? n : (n / block + 1) * block;
    }

    private static int block(Scenario scenario) {
        return Math.max(1, scenario.design().randomization().blockSize());
    }

    private static String trim(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
