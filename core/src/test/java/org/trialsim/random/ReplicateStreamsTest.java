package org.trialsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.junit.jupiter.api.Test;

class ReplicateStreamsTest {

    private static final long[] SEEDS = {0, 1, 42, -1, Long.MIN_VALUE, 0x123456789abcdefL};

    /** The reseedable generator must reproduce commons-rng's xoroshiro128++ bit for bit, cached bits included. */
    @Test
    void reseedableGeneratorMatchesCommonsRng() {
        ReplicateRandom mine = new ReplicateRandom();
        for (long seed : SEEDS) {
            for (long r : new long[] {0, 1, 2, 999, 123456789L}) {
                long[] state = ReplicateStreams.state(seed, r, ReplicateStreams.PATIENTS);
                UniformRandomProvider reference = new XoRoShiRo128PlusPlus(state[0], state[1]);
                mine.nextInt(); // leave cached int bits behind: reseed must discard them
                mine.reseed(seed, r, ReplicateStreams.PATIENTS);
                for (int k = 0; k < 200; k++) {
                    switch (k % 4) {
                        case 0 -> {
                            long x = reference.nextLong();
                            assertEquals(x, mine.nextLong());
                        }
                        case 1 -> assertEquals(reference.nextInt(), mine.nextInt());
                        case 2 -> assertEquals(reference.nextDouble(), mine.nextDouble());
                        default -> assertEquals(reference.nextBoolean(), mine.nextBoolean());
                    }
                }
            }
        }
    }

    /**
     * Documented derivation: channel k of replicate r is outputs 2(8r + k) + 1 and 2(8r + k) + 2 (counted from
     * 1) of SplitMix64 started at murmur3(seed): the eight channels of each replicate interleave along one
     * SplitMix64 sequence.
     */
    @Test
    void stateIsSplitMixOutputsOfMixedSeed() {
        for (long seed : SEEDS) {
            SplitMix64 sm = new SplitMix64(ReplicateStreams.murmur3(seed));
            for (int r = 0; r < 50; r++) {
                for (int channel = 0; channel < ReplicateStreams.CHANNELS; channel++) {
                    long[] s = ReplicateStreams.state(seed, r, channel);
                    assertEquals(sm.nextLong(), s[0]);
                    assertEquals(sm.nextLong(), s[1]);
                }
            }
        }
    }

    @Test
    void createdGeneratorEqualsReseededOne() {
        ReplicateRandom mine = new ReplicateRandom();
        mine.reseed(7, 31, ReplicateStreams.ALLOCATION);
        UniformRandomProvider created = ReplicateStreams.create(7, 31, ReplicateStreams.ALLOCATION);
        for (int k = 0; k < 100; k++) {
            assertEquals(created.nextLong(), mine.nextLong());
        }
    }

    /** commons-rng's save/restore works on the reseedable generator, cached int bits included. */
    @Test
    void saveAndRestoreState() {
        ReplicateRandom mine = new ReplicateRandom();
        mine.reseed(11, 2, ReplicateStreams.PATIENTS);
        mine.nextLong();
        mine.nextInt(); // leaves a cached half
        org.apache.commons.rng.RandomProviderState saved = mine.saveState();
        long[] first = {mine.nextInt(), mine.nextLong(), mine.nextInt()};
        mine.reseed(99, 99, ReplicateStreams.ALLOCATION);
        mine.restoreState(saved);
        assertEquals(first[0], mine.nextInt());
        assertEquals(first[1], mine.nextLong());
        assertEquals(first[2], mine.nextInt());
    }

    /** The two-argument forms are the patients' stream. */
    @Test
    void twoArgumentFormsAreThePatientsStream() {
        assertEquals(ReplicateStreams.state(3, 8, ReplicateStreams.PATIENTS)[1], ReplicateStreams.state(3, 8)[1]);
        ReplicateRandom mine = new ReplicateRandom();
        mine.reseed(3, 8);
        assertEquals(ReplicateStreams.create(3, 8, ReplicateStreams.PATIENTS).nextLong(), mine.nextLong());
        assertEquals(ReplicateStreams.create(3, 8).nextLong(), ReplicateStreams.create(3, 8, 0).nextLong());
    }

    /** Distinct replicates and distinct seeds give distinct states (a collision would correlate trials). */
    @Test
    void statesAreDistinct() {
        Set<Long> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (int r = 0; r < 2500; r++) {
                for (int channel = 0; channel < ReplicateStreams.CHANNELS; channel++) {
                    assertTrue(firsts.add(ReplicateStreams.state(seed, r, channel)[0]), "state collision");
                }
            }
        }
        // Seeds differing by a multiple of the SplitMix64 increment must not give shifted replicate streams.
        long gamma = 0x9e3779b97f4a7c15L;
        assertNotEquals(ReplicateStreams.state(5, 1, 0)[0], ReplicateStreams.state(5 + 2L * ReplicateStreams.CHANNELS * gamma, 0, 0)[0]);
    }

    /**
     * Stream ids: the seven original processes keep their channels (so their numbers never changed), any other id
     * is keyed in the second family (2^63 plus a multiple of 2^42), and its states meet none of the original
     * streams' nor another id's over many replicates and seeds.
     */
    @Test
    void streamIdsKeepTheOriginalChannelsAndKeyOthersApart() {
        assertEquals(ReplicateStreams.RESPONSE, StreamId.RESPONSE.key());
        assertEquals(ReplicateStreams.ALLOCATION, StreamId.ALLOCATION.key());
        assertEquals(ReplicateStreams.STRATUM, StreamId.STRATUM.key());
        assertEquals(ReplicateStreams.ENROLLMENT, StreamId.ENROLLMENT.key());
        assertEquals(ReplicateStreams.DROPOUT, StreamId.DROPOUT.key());
        assertEquals(ReplicateStreams.RELAPSE, StreamId.RELAPSE.key());
        assertEquals(ReplicateStreams.BENZODIAZEPINE, StreamId.BENZODIAZEPINE.key());
        List<StreamId> others = List.of(StreamId.of("rescue"), StreamId.of("score"), StreamId.of("event:pfs"));
        Set<Long> firsts = new HashSet<>();
        for (StreamId id : others) {
            assertTrue(StreamId.validKey(id.key()), id.name());
            assertEquals(0, id.key() & ((1L << 42) - 1), "a multiple of 2^42");
            assertTrue(id.key() < 0, "2^63 or more as an unsigned number");
            assertEquals(id, StreamId.of(id.name()), "the same id twice is the same stream");
        }
        for (long seed = 0; seed < 5; seed++) {
            for (int r = 0; r < 2000; r++) {
                for (int channel = 0; channel < ReplicateStreams.CHANNELS; channel++) {
                    assertTrue(firsts.add(ReplicateStreams.state(seed, r, channel)[0]), "state collision");
                }
                for (StreamId id : others) {
                    assertTrue(firsts.add(ReplicateStreams.state(seed, r, id.key())[0]), "state collision " + id);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ReplicateStreams.state(1, 1, 8), "key 8: neither family");
    }

    /**
     * Two ids whose hashes share the top 21 bits would share a stream: the second is refused. Such a pair is found
     * by search (about 1,700 names are expected by the birthday bound over 2^21 keys).
     */
    @Test
    void aSecondIdWithTheSameKeyIsRefused() {
        java.util.Map<Long, String> seen = new java.util.HashMap<>();
        for (int i = 0; ; i++) {
            String name = "collision-probe-" + i;
            String other = seen.putIfAbsent(StreamId.key(name), name);
            if (other != null) {
                StreamId.of(other);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamId.of(name));
                assertTrue(e.getMessage().contains("same key"), e.getMessage());
                return;
            }
        }
    }

    @Test
    void provenanceNamesTheGenerator() {
        assertEquals("XO_RO_SHI_RO_128_PP", ReplicateStreams.GENERATOR.name());
        assertTrue(ReplicateStreams.description().startsWith("XO_RO_SHI_RO_128_PP (commons-rng "));
    }
}
