package org.trialsim.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers its first failure. {@code System.out} is a {@code PrintStream}, which
 * swallows every error, so a result printed to a full disk ({@code > file} on a full file system, {@code
 * /dev/full}) or a closed pipe would be lost while trialsim exits 0; everything trialsim prints goes through
 * this stream instead, and once the command has run, {@link TrialsimCommand#execute} turns a failure into exit
 * code 1 with the reason ({@link Failures#standardOutput}).
 */
final class CheckedOutput extends OutputStream {

    private final OutputStream target;
    private IOException failure;

    CheckedOutput(OutputStream target) {
        this.target = target;
    }

    /** The first failure, or null if every write and flush succeeded. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(int b) throws IOException {
        check();
        try {
            target.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        try {
            target.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        check();
        try {
            target.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Once failed, every later write fails at once: the output is already incomplete. */
    private void check() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
