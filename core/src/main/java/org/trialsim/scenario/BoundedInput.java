package org.trialsim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an input file whole, but only a regular file of at most a given size, checked before a byte is read,
 * and through a stream that stops one byte past the limit (a file that grows while read, or whose size the
 * file system misreports, is still refused without being read whole). A folder, a device ({@code /dev/zero}),
 * a FIFO or a socket, directly or through a symbolic link, is refused by its kind: reading one could block or
 * never end. So refusing an input costs at most the limit in memory, whatever it is.
 */
public final class BoundedInput {

    private BoundedInput() {
    }

    /** An input refused before it was read whole: the message says what it is and what is allowed. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The bytes of {@code file}.
     *
     * @param file the file (symbolic links are followed)
     * @param maxBytes the most bytes accepted
     * @param what what the file should be, for messages ("a scenario file")
     * @return its content
     * @throws Refused if it is not a regular file or is larger than {@code maxBytes}, with a message that
     *     completes "the file ..." (for example "is a folder; expected a scenario file")
     * @throws NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static byte[] read(Path file, int maxBytes, String what) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new Refused("is a folder; expected " + what);
        }
        if (!a.isRegularFile()) {
            throw new Refused("is not a regular file (a device, FIFO or socket" + (Files.isSymbolicLink(file)
                    ? ", through a symbolic link" : "") + "); expected " + what);
        }
        if (a.size() > maxBytes) {
            throw tooLarge(Limits.bytes(a.size()), maxBytes, what);
        }
        // re-checked on the opened file's path without following a link swapped in since (best effort)
        if (!Files.isRegularFile(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("changed while being opened; expected " + what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge("more than " + Limits.bytes(maxBytes), maxBytes, what);
            }
            return bytes;
        }
    }

    private static Refused tooLarge(String size, int maxBytes, String what) {
        return new Refused("has " + size + "; " + what + " may have at most " + Limits.bytes(maxBytes));
    }
}
