package org.trialsim.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on an output (a result file, a checkpoint, a results folder) for the length of a run, so
 * that a second run writing the same output is refused at its start instead of silently replacing the first
 * one's result or overwriting its progress. The claim is an operating-system lock
 * ({@link FileChannel#tryLock()}) on a lock file beside the output, {@code .NAME.lock}, holding the owner's
 * process id for the message; the lock, not the file, is what counts: the system releases it when the owner
 * ends however it ends, and a lock file that is not locked is free. A kill -9 leaves a stale lock file holding
 * the dead owner's process id: the next run takes it over and says so ({@link #tookOverFrom()}).
 *
 * <p>Released by {@link #close()}, which deletes the lock file while still holding the lock; a run that
 * opened the file before that deletion sees it gone once it gets the lock and tries again (a third run that
 * recreates the file in that very instant is not guarded against).
 */
public final class OutputLock implements AutoCloseable {

    /** An output another process (or this one) is writing. */
    public static final class Held extends IOException {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    private static final int ATTEMPTS = 5;

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final String staleOwner;

    private OutputLock(Path lockFile, FileChannel channel, FileLock lock, String staleOwner) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.staleOwner = staleOwner;
    }

    /** The lock file this claim holds. */
    public Path lockFile() {
        return lockFile;
    }

    /**
     * The process id a stale lock file named when this claim took it over (its owner ended without releasing
     * it, for example killed with kill -9), or empty if the file was new or empty.
     */
    public java.util.Optional<String> tookOverFrom() {
        return java.util.Optional.ofNullable(staleOwner);
    }

    /**
     * What to tell the user about a claim that took over a stale lock file, or empty: the output, the former
     * owner's process id and whether that process still runs (a reused id) or not.
     */
    public java.util.Optional<String> takeOverNotice(Path output) {
        return tookOverFrom().map(pid -> "took over " + output + " from trialsim process " + pid + ", which "
                + (alive(pid) ? "no longer holds it (its process id now belongs to another program)"
                        : "is no longer running") + " and left its lock file " + lockFile + " behind (killed?);"
                + " its output, if any, may be incomplete and is replaced by this run's");
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The lock file of {@code output}: {@code .NAME.lock} in the same folder. */
    public static Path lockFile(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Claims {@code output} for this process; its folder must exist.
     *
     * @param output the file or folder to be written
     * @return the claim, to be closed when the output is written
     * @throws Held if another run holds it, naming its process id when known
     * @throws IOException if the lock file cannot be created
     */
    public static OutputLock acquire(Path output) throws IOException {
        Path file = lockFile(output);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw held(output, ProcessHandle.current().pid() + ", this one");
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw held(output, owner);
            }
            if (!Files.exists(file)) {
                // the previous owner deleted it after we opened it: our lock is on a file no one else will open
                lock.release();
                channel.close();
                continue;
            }
            // a file we could lock that still names an owner: that owner ended without releasing it (a released
            // claim deletes its file while it still holds the lock)
            String previous = owner(channel);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            return new OutputLock(file, channel, lock, previous.matches("[0-9]{1,19}") ? previous : null);
        }
        throw new Held("cannot lock " + output + ": its lock file " + file + " keeps being replaced");
    }

    private static Held held(Path output, String owner) {
        return new Held(output + " is being written by another trialsim run" + (owner.isEmpty() ? ""
                : " (process " + owner + ")") + "; wait for it to end, or choose another name");
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the claim and deletes the lock file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(lockFile); // while locked: see the class comment
        } catch (NoSuchFileException e) {
            // already gone
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
