package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperatingCountsTest {

    private static final TrialLayout LAYOUT = new TrialLayout(new int[] {20, 40}, List.of("a", "b"), 2,
            TrialLayout.Sequential.GROUP_SEQUENTIAL);

    private static ReplicateOutcome outcome(boolean a, boolean b, boolean stopEarly) {
        ReplicateOutcome o = new ReplicateOutcome(LAYOUT);
        o.reject(1, 0, a, true);
        o.reject(1, 1, b, b);
        if (stopEarly) {
            o.stop(1, 0, 20, !a);
        }
        return o;
    }

    @Test
    void countsEveryMeasure() {
        OperatingCounts c = new OperatingCounts(LAYOUT);
        c.record(outcome(true, true, false));
        c.record(outcome(true, false, true));
        c.record(outcome(false, false, true));
        assertEquals(3, c.replicates());
        assertEquals(2, c.rejected(1, 0));
        assertEquals(3, c.rejectedUnadjusted(1, 0));
        assertEquals(1, c.rejected(1, 1));
        assertEquals(2, c.rejectedAny(1));
        assertEquals(1, c.rejectedAll(1));
        assertEquals(3, c.rejectedAnyUnadjusted(1));
        assertEquals(40 + 20 + 20, c.patientSum(1));
        assertEquals(1600 + 400 + 400, c.patientSumOfSquares(1));
        assertEquals(2, c.stopped(1, 0));
        assertEquals(1, c.stopped(1, 1));
        assertEquals(1, c.futility(1, 0));
        assertEquals(0, c.rejectedAny(0));
        assertEquals(3, c.stopped(0, 1));
    }

    @Test
    void mergingIsOrderFreeAndSerializable() {
        OperatingCounts x = new OperatingCounts(LAYOUT);
        OperatingCounts y = new OperatingCounts(LAYOUT);
        x.record(outcome(true, false, true));
        y.record(outcome(false, true, false));
        y.record(outcome(true, true, false));
        OperatingCounts xy = OperatingCounts.fromArray(LAYOUT, x.toArray());
        xy.add(y);
        OperatingCounts yx = OperatingCounts.fromArray(LAYOUT, y.toArray());
        yx.add(x);
        assertEquals(xy, yx);
        assertEquals(3, xy.replicates());
        assertThrows(IllegalArgumentException.class, () -> OperatingCounts.fromArray(LAYOUT, new long[3]));
        TrialLayout other = new TrialLayout(new int[] {20}, List.of("a"), 1, TrialLayout.Sequential.FIXED);
        assertThrows(IllegalArgumentException.class, () -> x.add(new OperatingCounts(other)));
    }
}
