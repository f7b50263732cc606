package org.trialsim.scenario;

/**
 * One defect found in a scenario file: where it is (file, line, column), which key it concerns, what was found
 * and what is allowed.
 *
 * @param source the file name (or a description of the input, such as a command-line override)
 * @param line 1-based line, or 0 when the input has no lines (an override given on the command line)
 * @param column 1-based column, or 0 when unknown
 * @param path the key path, for example {@code arms.ketamine.response.probability}; empty for the whole file
 * @param message what was found and what is allowed
 * <p>{@link #format()} escapes control characters, so the line is safe to print whatever the file held.
 */
public record Problem(String source, int line, int column, String path, String message) {

    /** The problem as one line: {@code file:line:column: path: message}. */
    public String format() {
        // one line whatever the file holds: a value quoted in the message is escaped (Printable)
        StringBuilder sb = new StringBuilder(Printable.escape(source));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(Printable.escape(path)).append(": ");
        }
        return sb.append(Printable.escape(message)).toString();
    }
}
