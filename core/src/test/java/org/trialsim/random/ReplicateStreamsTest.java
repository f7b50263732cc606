package org.trialsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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
                long[] state = ReplicateStreams.state(seed, r);
                UniformRandomProvider reference = new XoRoShiRo128PlusPlus(state[0], state[1]);
                mine.nextInt(); // leave cached int bits behind: reseed must discard them
                mine.reseed(seed, r);
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

    /** Documented derivation: outputs 2r and 2r + 1 of SplitMix64 started at murmur3(seed). */
    @Test
    void stateIsSplitMixOutputsOfMixedSeed() {
        for (long seed : SEEDS) {
            SplitMix64 sm = new SplitMix64(ReplicateStreams.murmur3(seed));
            for (int r = 0; r < 50; r++) {
                long[] s = ReplicateStreams.state(seed, r);
                assertEquals(sm.nextLong(), s[0]);
                assertEquals(sm.nextLong(), s[1]);
            }
        }
    }

    @Test
    void createdGeneratorEqualsReseededOne() {
        ReplicateRandom mine = new ReplicateRandom();
        mine.reseed(7, 31);
        UniformRandomProvider created = ReplicateStreams.create(7, 31);
        for (int k = 0; k < 100; k++) {
            assertEquals(created.nextLong(), mine.nextLong());
        }
    }

    /** Distinct replicates and distinct seeds give distinct states (a collision would correlate trials). */
    @Test
    void statesAreDistinct() {
        Set<Long> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            for (int r = 0; r < 5000; r++) {
                assertTrue(firsts.add(ReplicateStreams.state(seed, r)[0]), "state collision");
            }
        }
        // Seeds differing by twice the SplitMix64 increment must not give shifted replicate streams.
        long gamma = 0x9e3779b97f4a7c15L;
        assertNotEquals(ReplicateStreams.state(5, 1)[0], ReplicateStreams.state(5 + 2 * gamma, 0)[0]);
    }

    @Test
    void provenanceNamesTheGenerator() {
        assertEquals("XO_RO_SHI_RO_128_PP", ReplicateStreams.GENERATOR.name());
        assertTrue(ReplicateStreams.description().startsWith("XO_RO_SHI_RO_128_PP (commons-rng "));
    }
}
