package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sets of replicate ranges against a plain bit set of the same replicates: union, intersection, what is
 * missing from a range, counts and the text form agree for random sets; touching ranges join; overlaps are
 * refused.
 */
class ReplicateRangesTest {

    private static final int N = 200;

    /** Random ranges inside [0, N) as pairs of ends, possibly overlapping each other. */
    @Provide
    Arbitrary<List<List<Integer>>> pieces() {
        return Arbitraries.integers().between(0, N).list().ofSize(2).list().ofMaxSize(8);
    }

    /** A set from pieces that overlap or not: each piece joined with what it does not share. */
    private static ReplicateRanges set(List<List<Integer>> pieces, BitSet bits) {
        ReplicateRanges r = ReplicateRanges.NONE;
        for (List<Integer> p : pieces) {
            int from = Math.min(p.get(0), p.get(1));
            int to = Math.max(p.get(0), p.get(1));
            r = r.union(r.missing(from, to).intersection(ReplicateRanges.of(from, to)));
            bits.set(from, to);
        }
        return r;
    }

    private static BitSet bits(ReplicateRanges r) {
        BitSet b = new BitSet();
        for (ReplicateRanges.Range range : r.ranges()) {
            b.set((int) range.from(), (int) range.to());
        }
        return b;
    }

    @Property(tries = 300, seed = "2113")
    void agreesWithABitSet(@ForAll("pieces") List<List<Integer>> a, @ForAll("pieces") List<List<Integer>> b) {
        BitSet bitsA = new BitSet();
        BitSet bitsB = new BitSet();
        ReplicateRanges ra = set(a, bitsA);
        ReplicateRanges rb = set(b, bitsB);
        assertEquals(bitsA, bits(ra));
        assertEquals(bitsA.cardinality(), ra.count());
        BitSet both = (BitSet) bitsA.clone();
        both.and(bitsB);
        assertEquals(both, bits(ra.intersection(rb)));
        assertEquals(!both.isEmpty(), ra.overlaps(rb));
        BitSet missing = new BitSet();
        missing.set(0, N);
        missing.andNot(bitsA);
        ReplicateRanges gaps = ra.missing(0, N);
        assertEquals(missing, bits(gaps));
        assertEquals(ReplicateRanges.prefix(N), ra.union(gaps));
        assertEquals(ra, ReplicateRanges.parse(ra.toString()));
        assertEquals(bitsA.nextClearBit(0), ra.firstMissing());
        assertEquals(bitsA.length(), ra.end());
        assertEquals(bitsA.isEmpty() || bitsA.nextClearBit(0) == bitsA.length(), ra.isPrefix());
        // consecutive ranges never touch: touching ones were joined
        List<ReplicateRanges.Range> list = ra.ranges();
        for (int i = 1; i < list.size(); i++) {
            assertTrue(list.get(i - 1).to() < list.get(i).from(), ra.toString());
        }
    }

    @Example
    void touchingRangesJoinAndOverlapsAreRefused() {
        ReplicateRanges r = ReplicateRanges.of(500, 1000).union(ReplicateRanges.of(0, 500));
        assertEquals(ReplicateRanges.prefix(1000), r);
        assertEquals("[0, 1000)", r.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> r.union(ReplicateRanges.of(999, 1200)));
        assertEquals("replicates [999, 1000) are counted twice: the ranges [0, 1000) and [999, 1200) overlap",
                e.getMessage());
        assertEquals("none", ReplicateRanges.NONE.toString());
        assertEquals(ReplicateRanges.NONE, ReplicateRanges.parse("none"));
        assertTrue(ReplicateRanges.NONE.isPrefix());
        assertFalse(ReplicateRanges.of(1, 2).isPrefix());
        assertThrows(IllegalArgumentException.class, () -> ReplicateRanges.of(5, 4));
        assertThrows(IllegalArgumentException.class, () -> ReplicateRanges.parse("[0, 500) [500, 600)"));
        assertThrows(IllegalArgumentException.class, () -> ReplicateRanges.parse("[0, 500) [400, 600)"));
        assertThrows(IllegalArgumentException.class, () -> ReplicateRanges.parse("0-500"));
        assertThrows(IllegalArgumentException.class, () -> ReplicateRanges.parse("[a, 5)"));
    }
}
