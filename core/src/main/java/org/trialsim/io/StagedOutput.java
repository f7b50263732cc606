package org.trialsim.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of result files written all or nothing per file: each file is written in full to a temporary file in
 * its target folder, flushed to disk, and only then moved over the target with an atomic rename, so a reader
 * (or a crash, or Ctrl-C) never sees a half-written result. Staging every file of a result before renaming
 * any keeps the window in which a result folder mixes old and new files as short as a few renames.
 *
 * <p>Use: {@code stage} each file, then {@code commit}; closing without committing deletes the temporary
 * files and leaves every existing file untouched.
 */
public final class StagedOutput implements AutoCloseable {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content; the stream is closed by the caller.
         *
         * @param out where to write
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final Map<Path, Path> staged = new LinkedHashMap<>();

    /**
     * Writes one file atomically: the target is either left as it was or replaced by the complete content.
     *
     * @param target the file to write; its folder is created if needed
     * @param content the content
     * @throws IOException if writing or renaming fails (the target is then unchanged)
     */
    public static void write(Path target, Content content) throws IOException {
        try (StagedOutput output = new StagedOutput()) {
            output.stage(target, content);
            output.commit();
        }
    }

    /**
     * Writes the content to a temporary file beside the target. The target is not touched until
     * {@link #commit()}.
     *
     * @param target the file to write; its folder is created if needed
     * @param content the content
     * @return the target
     * @throws IOException if writing fails (the temporary file is then deleted)
     */
    public Path stage(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: its files are private (rw-------), and the rename would make every result
        // unreadable to colleagues. CREATE_NEW gives the permissions of any new file (the user's umask).
        Path temporary = folder.resolve("." + absolute.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            content.writeTo(out);
            out.flush();
            channel.force(true);
            keepPermissions(absolute, temporary);
        } catch (java.nio.file.FileSystemException e) {
            Files.deleteIfExists(temporary);
            // Named for the target: the temporary file's random name would only puzzle the user.
            if (temporary.toString().equals(e.getFile())) {
                String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e instanceof java.nio.file.NoSuchFileException ? "the folder takes no new files"
                        : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
                throw new java.nio.file.FileSystemException(absolute.toString(), null, "cannot create a file in "
                        + folder + ": " + why);
            }
            throw e;
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            // a full disk says "No space left on device" and nothing else: name the file that was not written
            throw new IOException("cannot write " + absolute + ": " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + " (the file is unchanged)", e);
        } catch (RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Path previous = staged.put(absolute, temporary);
        if (previous != null) {
            Files.deleteIfExists(previous);
        }
        return target;
    }

    /** A replaced file keeps its permissions (where the file system has POSIX permissions). */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (Files.exists(target)) {
            try {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file has the default permissions
            }
        }
    }

    /**
     * Moves every staged file over its target, each with an atomic rename.
     *
     * @return the targets written, in the order staged
     * @throws IOException if a rename fails; targets renamed before it keep their new content, the others
     *     their old content, and no target is ever partly written
     */
    public List<Path> commit() throws IOException {
        List<Path> written = new ArrayList<>(staged.size());
        var it = staged.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Path, Path> e = it.next();
            move(e.getValue(), e.getKey());
            it.remove();
            written.add(e.getKey());
        }
        return written;
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this happens only on unusual file systems; a plain replace is the best left.
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the temporary files of anything staged but not committed. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Path temporary : staged.values()) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                failure = e;
            }
        }
        staged.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
