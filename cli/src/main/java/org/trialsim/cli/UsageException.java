package org.trialsim.cli;

/**
 * A request the command line cannot carry out as given (an unknown scenario name, an output that exists
 * without {@code --force}): reported as a one-line message with exit code 2, never a stack trace.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
