package org.trialsim.report;

import java.util.Locale;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;

/**
 * A group-sequential design's boundaries as text for a terminal, as {@code check} and {@code power} print them
 * beside the design (Jennison C, Turnbull BW. Group Sequential Methods with Applications to Clinical Trials,
 * 2000, ch. 7: boundaries on the standardized statistic with the nominal level and the cumulative alpha spent
 * at each look).
 */
public final class BoundaryTable {

    private BoundaryTable() {
    }

    /**
     * The table.
     *
     * @param b the boundaries the engine decides with
     * @return the lines, ending with a line separator
     */
    public static String text(GroupSequentialBoundaries b) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "boundaries (one-sided alpha %s, %s spending; z of the standardized "
                + "statistic, positive favours treatment)%n", trim(b.alpha()), b.alphaSpending().label()));
        s.append(String.format(Locale.ROOT, "  %4s %12s %11s %10s %12s %11s%n", "look", "information", "efficacy z",
                "nominal p", "alpha spent", "futility z"));
        for (int k = 0; k < b.looks(); k++) {
            double f = b.futilityBound(k);
            s.append(String.format(Locale.ROOT, "  %4d %12.3f %11.4f %10.5f %12.5f %11s%n", k + 1, b.fractions()[k],
                    b.efficacyBound(k), b.nominalAlpha(k), b.cumulativeAlphaSpent(k),
                    Double.isFinite(f) ? String.format(Locale.ROOT, "%.4f", f) : "none"));
        }
        return s.toString();
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
