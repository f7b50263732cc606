package org.trialsim.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One {@code --sweep} axis: a scenario key path and its values, given as {@code KEY=FROM:TO:BY} (both ends
 * included when the step lands on them) or {@code KEY=V1,V2,...}. Values are computed in decimal so that
 * {@code 0.3:0.5:0.1} gives 0.3, 0.4, 0.5 exactly as written.
 *
 * @param key the key path, for example {@code arms.ketamine.response.probability}
 * @param values the values, in the order given
 */
record SweepAxis(String key, double[] values) {

    static final int MAX_POINTS = 1_000;

    /** Parses the option's value. */
    static final class Converter implements CommandLine.ITypeConverter<SweepAxis> {
        @Override
        public SweepAxis convert(String value) {
            return parse(value);
        }
    }

    static SweepAxis parse(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not KEY=FROM:TO:BY or KEY=V1,V2,..., for example arms.ketamine.response.probability=0.3:0.5:0.05");
        }
        String key = value.substring(0, eq).strip();
        String spec = value.substring(eq + 1).strip();
        List<BigDecimal> values = new ArrayList<>();
        if (spec.contains(":")) {
            String[] parts = spec.split(":", -1);
            if (parts.length != 3) {
                throw new CommandLine.TypeConversionException("'" + spec + "' in '" + value
                        + "' is not a range FROM:TO:BY such as 0.3:0.5:0.05");
            }
            BigDecimal from = number(parts[0], value);
            BigDecimal to = number(parts[1], value);
            BigDecimal by = number(parts[2], value);
            if (by.signum() <= 0 || to.compareTo(from) < 0) {
                throw new CommandLine.TypeConversionException("in '" + value
                        + "' BY must be positive and TO at least FROM");
            }
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(by)) {
                values.add(v);
                if (values.size() > MAX_POINTS) {
                    throw new CommandLine.TypeConversionException("'" + value + "' has more than " + MAX_POINTS
                            + " values");
                }
            }
        } else {
            for (String part : spec.split(",", -1)) {
                values.add(number(part, value));
            }
        }
        return new SweepAxis(key, values.stream().mapToDouble(BigDecimal::doubleValue).toArray());
    }

    private static BigDecimal number(String part, String value) {
        try {
            return new BigDecimal(part.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + part.strip() + "' in '" + value
                    + "' is not a number");
        }
    }
}
