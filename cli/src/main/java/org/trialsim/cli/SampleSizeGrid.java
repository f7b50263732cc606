package org.trialsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.trialsim.scenario.Limits;
import picocli.CommandLine;

/**
 * The {@code --n} option: total sample sizes as a list ({@code 40,80,120}) or a range
 * ({@code FROM:TO:BY}, for example {@code 40:200:20}, both ends included when the step lands on them).
 *
 * @param sizes the sizes, increasing, without duplicates
 * @param step the step of a range, 0 for a list
 */
record SampleSizeGrid(int[] sizes, int step) {

    /** Largest number of grid points accepted, as in a scenario's design.sample_sizes ({@link Limits}). */
    static final int MAX_POINTS = Limits.MAX_GRID;

    /** Parses the option's value. */
    static final class Converter implements CommandLine.ITypeConverter<SampleSizeGrid> {
        @Override
        public SampleSizeGrid convert(String value) {
            return parse(value);
        }
    }

    static SampleSizeGrid parse(String value) {
        String v = value.strip();
        TreeSet<Integer> sizes = new TreeSet<>();
        int step = 0;
        if (v.contains(":")) {
            String[] parts = v.split(":", -1);
            if (parts.length != 3) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a range FROM:TO:BY such as 40:200:20");
            }
            int from = positive(parts[0], value);
            int to = positive(parts[1], value);
            int by = positive(parts[2], value);
            if (to < from) {
                throw new CommandLine.TypeConversionException("in '" + value + "' TO (" + to
                        + ") is below FROM (" + from + ")");
            }
            if ((to - from) / by + 1 > MAX_POINTS) { // as for design.sample_sizes in a scenario file
                throw new CommandLine.TypeConversionException("'" + value + "' has more than " + MAX_POINTS
                        + " sample sizes");
            }
            step = by;
            for (long n = from; n <= to; n += by) {
                sizes.add((int) n);
            }
        } else {
            for (String part : v.split(",", -1)) {
                sizes.add(positive(part, value));
            }
            if (sizes.size() > MAX_POINTS) {
                throw new CommandLine.TypeConversionException("'" + value + "' has more than " + MAX_POINTS
                        + " sample sizes");
            }
        }
        return new SampleSizeGrid(sizes.stream().mapToInt(Integer::intValue).toArray(), step);
    }

    private static int positive(String part, String value) {
        try {
            long n = Long.parseLong(part.strip());
            if (Limits.sampleSizeAllowed(n)) {
                return (int) n;
            }
            if (n > Limits.MAX_SAMPLE_SIZE) {
                throw new CommandLine.TypeConversionException("'" + part.strip() + "' in '" + value + "' is above the"
                        + " largest total sample size, " + Limits.MAX_SAMPLE_SIZE + " (the limit of a scenario's"
                        + " design.sample_sizes); allowed " + Limits.sampleSizeRange());
            }
        } catch (NumberFormatException e) {
            // reported below with the whole value
        }
        throw new CommandLine.TypeConversionException("'" + part.strip() + "' in '" + value
                + "' is not a positive whole number; give sizes as 40,80,120 or FROM:TO:BY such as 40:200:20");
    }

    /** The sizes as a list. */
    List<Integer> asList() {
        List<Integer> list = new ArrayList<>(sizes.length);
        for (int n : sizes) {
            list.add(n);
        }
        return list;
    }
}
