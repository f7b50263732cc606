package org.trialsim.cohort;

import java.util.ArrayList;
import java.util.List;

/**
 * One attribute of every patient of a {@link Cohort}, declared by the patient process that writes it: a name
 * (as listed by {@code simulate}), a unit, what it means, and the value of a patient for whom nothing happened
 * (a time of {@code +Infinity}, a score of {@code NaN}, {@code false}). Columns are keys: a cohort allocates a
 * column's array the first time it is asked for it and keeps it across replicates, so processes added later
 * need no change to {@link Cohort}.
 *
 * <p>Columns are created once, in static fields of the process that owns them; {@link #all()} lists them in the
 * order they were created. The columns of a process's named instances (the event a planner names {@code pfs})
 * exist only where a scenario names them: {@link #namedDoubles} and {@link #namedBooleans} create such a column
 * on first use and return the same one after, so a name costs one slot per JVM however many scenarios use it.
 */
public abstract sealed class Column permits Column.Doubles, Column.Booleans, Column.Labels {

    private static final List<Column> ALL = new ArrayList<>();

    private final String name;
    private final String unit;
    private final String description;
    private final int index;

    private Column(String name, String unit, String description) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a column name is lower case letters, digits and '_': " + name);
        }
        this.name = name;
        this.unit = unit;
        this.description = description;
        synchronized (ALL) {
            for (Column c : ALL) {
                if (c.name.equals(name)) {
                    throw new IllegalArgumentException("two columns are named " + name);
                }
            }
            this.index = ALL.size();
            ALL.add(this);
        }
    }

    /** A column of doubles whose value is {@code fill} for a patient to whom the process does not apply. */
    public static Doubles doubles(String name, String unit, String description, double fill) {
        return new Doubles(name, unit, description, fill);
    }

    /** A column of yes/no values, {@code false} for a patient to whom the process does not apply. */
    public static Booleans booleans(String name, String description) {
        return new Booleans(name, description);
    }

    /**
     * A column of names from a fixed list (a reason, a state), stored as each patient's index into {@code labels};
     * the first label for a patient to whom the process does not apply.
     */
    public static Labels labels(String name, String description, List<String> labels) {
        return new Labels(name, description, labels);
    }

    /**
     * The column of doubles named {@code name}: created on the first call, the same object on every later call
     * with the same name (so samplers and observations compiled for different scenarios share its slot), for
     * the columns of named instances. The process owning the name must prefix it so that it cannot meet a
     * column of another process (the event {@code pfs} is {@code event_pfs}).
     *
     * @throws IllegalArgumentException if the name is malformed, or taken by a column of another type or default
     */
    public static Doubles namedDoubles(String name, String unit, String description, double fill) {
        synchronized (ALL) {
            Column c = named(name);
            if (c == null) {
                return new Doubles(name, unit, description, fill);
            }
            if (c instanceof Doubles d && Double.compare(d.fill, fill) == 0) {
                return d;
            }
            throw new IllegalArgumentException("the column " + name + " exists with another type or default");
        }
    }

    /** The column of yes/no values named {@code name}, as {@link #namedDoubles}. */
    public static Booleans namedBooleans(String name, String description) {
        synchronized (ALL) {
            Column c = named(name);
            if (c == null) {
                return new Booleans(name, description);
            }
            if (c instanceof Booleans b) {
                return b;
            }
            throw new IllegalArgumentException("the column " + name + " exists with another type");
        }
    }

    /** The column named {@code name}, or null; the caller holds the lock. */
    private static Column named(String name) {
        for (Column c : ALL) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every column created so far, in creation order. */
    public static List<Column> all() {
        synchronized (ALL) {
            return List.copyOf(ALL);
        }
    }

    /** The name, as in a patient listing. */
    public String name() {
        return name;
    }

    /** The unit ({@code "weeks"}, {@code "MADRS points"}, or empty for yes/no values). */
    public String unit() {
        return unit;
    }

    /** What the column holds. */
    public String description() {
        return description;
    }

    /** The slot of this column in a cohort's table of columns. */
    int index() {
        return index;
    }

    /** A new array for {@code capacity} patients, filled with the column's default. */
    abstract Object allocate(int capacity);

    /** Writes the default into rows {@code from} to {@code to - 1}. */
    abstract void fill(Object array, int from, int to);

    @Override
    public String toString() {
        return name;
    }

    /** A column of doubles. */
    public static final class Doubles extends Column {
        private final double fill;

        private Doubles(String name, String unit, String description, double fill) {
            super(name, unit, description);
            this.fill = fill;
        }

        /** The value of a patient to whom the process does not apply. */
        public double fill() {
            return fill;
        }

        @Override
        Object allocate(int capacity) {
            double[] a = new double[capacity];
            java.util.Arrays.fill(a, fill);
            return a;
        }

        @Override
        void fill(Object array, int from, int to) {
            java.util.Arrays.fill((double[]) array, from, to, fill);
        }
    }

    /** A column of yes/no values. */
    public static final class Booleans extends Column {
        private Booleans(String name, String description) {
            super(name, "", description);
        }

        @Override
        Object allocate(int capacity) {
            return new boolean[capacity];
        }

        @Override
        void fill(Object array, int from, int to) {
            java.util.Arrays.fill((boolean[]) array, from, to, false);
        }
    }

    /** A column of names from a fixed list, one byte per patient (an index into {@link #labels()}). */
    public static final class Labels extends Column {
        private final List<String> labels;

        private Labels(String name, String description, List<String> labels) {
            super(name, "", description);
            if (labels.isEmpty() || labels.size() > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("a column of labels has 1 to 127 of them: " + labels);
            }
            this.labels = List.copyOf(labels);
        }

        /** The names, by code; code 0 is a patient's value where the process does not apply. */
        public List<String> labels() {
            return labels;
        }

        @Override
        Object allocate(int capacity) {
            return new byte[capacity];
        }

        @Override
        void fill(Object array, int from, int to) {
            java.util.Arrays.fill((byte[]) array, from, to, (byte) 0);
        }
    }
}
