package org.trialsim.random;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stable name of a random stream and the key that positions it ({@link ReplicateStreams}): each patient
 * process draws from the stream of its own id, so adding, removing or reshaping one process never shifts the
 * variates of another, and the numbers a process draws depend on its id, never on how many processes there
 * are or in which order they were registered.
 *
 * <p>The seven original processes keep the keys 0 to 6 of trialsim's first stream layout (so that their
 * figures do not change); any other id gets {@code 2^63 + 2^42 h}, where {@code h} is the top 21 bits of a
 * 64-bit hash of the id's UTF-8 bytes (FNV-1a, then SplitMix64's output mix). Two ids with the same key would
 * share a stream; {@link #of(String)} refuses the second, so the set of ids used in one JVM is collision-free
 * (about one pair in two million would collide by chance: rename one).
 *
 * @param name the id, for example {@code "rescue"}
 * @param key the key that positions the stream
 */
public record StreamId(String name, long key) {

    /** The ids of the original layout, by key. */
    private static final String[] ORIGINAL = {"response", "allocation", "stratum", "enrollment", "dropout", "relapse",
        "benzodiazepine"};
    private static final long SPACING = 1L << 42;
    private static final Map<Long, String> TAKEN = new ConcurrentHashMap<>();

    /** The stream of the induction response and remission (also the count model's single stream). */
    public static final StreamId RESPONSE = of("response");
    /** The stream of the allocation sequence. */
    public static final StreamId ALLOCATION = of("allocation");
    /** The stream of the patients' strata. */
    public static final StreamId STRATUM = of("stratum");
    /** The stream of the entry times. */
    public static final StreamId ENROLLMENT = of("enrollment");
    /** The stream of the dropout times. */
    public static final StreamId DROPOUT = of("dropout");
    /** The stream of the depressive relapse times. */
    public static final StreamId RELAPSE = of("relapse");
    /** The stream of benzodiazepine discontinuation and relapse to benzodiazepine use. */
    public static final StreamId BENZODIAZEPINE = of("benzodiazepine");

    /**
     * The stream of a process id.
     *
     * @throws IllegalArgumentException if the id is empty, or another id already in use has the same key
     */
    public static StreamId of(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a stream id needs a name");
        }
        long key = key(name);
        String other = TAKEN.putIfAbsent(key, name);
        if (other != null && !other.equals(name)) {
            throw new IllegalArgumentException("the stream ids '" + other + "' and '" + name + "' have the same key "
                    + Long.toHexString(key) + "; rename one");
        }
        return new StreamId(name, key);
    }

    /** The key of a name: an original one's channel, else the hashed key of the second family. */
    static long key(String name) {
        for (int k = 0; k < ORIGINAL.length; k++) {
            if (ORIGINAL[k].equals(name)) {
                return k;
            }
        }
        long h = 0xcbf29ce484222325L; // FNV-1a offset basis
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L; // FNV-1a 64-bit prime
        }
        long top21 = ReplicateStreams.stafford13(h) >>> 43;
        return Long.MIN_VALUE + top21 * SPACING;
    }

    /** Whether {@code key} is a key of the second (hashed) family. */
    static boolean validKey(long key) {
        return key < 0 && (key & (SPACING - 1)) == 0;
    }
}
