package org.trialsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lines of {@code check}'s scenario summary ({@link ScenarioSummary}) with its number formats, for the sections
 * that patient processes write ({@link ProcessDefinition#summary(Scenario, SummaryLines)}).
 */
public final class SummaryLines {

    private final List<String> lines = new ArrayList<>();

    /** Adds a line, formatted in the root locale. */
    public void line(String format, Object... args) {
        lines.add(String.format(Locale.ROOT, format, args));
    }

    /** The lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** A number as a scenario file would write it (shortest form). */
    public static String num(double v) {
        return Reading.fmt(v);
    }

    /** Three decimals, or "not reached" for an infinite time. */
    public static String num3(double v) {
        return Double.isInfinite(v) ? "not reached" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A probability with three decimals, or "-" where undefined. */
    public static String p3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A percentage with one decimal. */
    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
