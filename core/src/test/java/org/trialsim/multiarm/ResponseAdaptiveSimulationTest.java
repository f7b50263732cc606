package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Response-adaptive randomisation: symmetry under the null, determinism, and the rules' effects. */
class ResponseAdaptiveSimulationTest {

    static ResponseAdaptiveDesign w7(double[] rates) {
        return new ResponseAdaptiveDesign(new String[] {"control", "a", "b"}, rates, 0, 1, 1,
                new int[] {40, 80, 120, 160, 200}, Double.NaN, 0.1, 0.8, Double.NaN, 0.01, 0.05, 0.99, 0.975);
    }

    /**
     * With three exchangeable arms and no control, every arm's expected allocation and selection probability
     * must be the same. The SE of a difference of two arms' figures is at most the sum of their MCSEs (whatever
     * their correlation); the test allows 4 times that.
     */
    @Test
    void allocationIsSymmetricUnderTheNull() {
        ResponseAdaptiveDesign d = new ResponseAdaptiveDesign(new String[] {"a", "b", "c"}, new double[] {0.3, 0.3, 0.3},
                -1, 1, 1, new int[] {30, 60, 90, 120}, Double.NaN, 0.1, 0.8, Double.NaN, 0.02, 0, 0.99, 0.95);
        ResponseAdaptiveResult r = new ResponseAdaptiveSimulation(d, 11).run("null", 20_000, 2);
        for (int i = 1; i < 3; i++) {
            Estimate p0 = r.patients()[0];
            Estimate pi = r.patients()[i];
            assertEquals(p0.estimate(), pi.estimate(), 4 * (p0.mcse() + pi.mcse()), "allocation " + i);
            Estimate s0 = r.selected()[0];
            Estimate si = r.selected()[i];
            assertEquals(s0.estimate(), si.estimate(), 4 * (s0.mcse() + si.mcse()), "selection " + i);
        }
        // the adaptation is real: under the null the allocation per trial spreads beyond multinomial noise
        double multinomialSd = Math.sqrt(120 * (1.0 / 3) * (2.0 / 3));
        assertTrue(r.patients()[0].mcse() * Math.sqrt(20_000) > 2 * multinomialSd,
                "allocation SD " + r.patients()[0].mcse() * Math.sqrt(20_000));
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        ResponseAdaptiveDesign d = w7(new double[] {0.25, 0.35, 0.45});
        ResponseAdaptiveSimulation s = new ResponseAdaptiveSimulation(d, 3);
        long[] one = s.counts(0, 1200);
        long[] split = s.counts(0, 700);
        long[] rest = s.counts(700, 1200);
        for (int i = 0; i < split.length; i++) {
            split[i] += rest[i];
        }
        assertArrayEquals(one, split);
        assertEquals(describe(s.run("x", 1200, 1)), describe(s.run("x", 1200, 3)));
    }

    /** Every figure, compared by value (records of doubles: bit for bit). */
    static java.util.List<Object> describe(ResponseAdaptiveResult r) {
        return java.util.List.of(java.util.List.of(r.patients()), java.util.List.of(r.selected()),
                java.util.List.of(r.dropped()), r.success(), r.superiorityStop(), r.futilityStop(), r.total());
    }

    @Test
    void theBetterArmGetsMorePatientsAndIsSelected() {
        ResponseAdaptiveResult r = new ResponseAdaptiveSimulation(w7(new double[] {0.25, 0.35, 0.55}), 5)
                .run("alt", 4000, 2);
        assertTrue(r.patients()[2].estimate() > r.patients()[1].estimate() + 10);
        assertTrue(r.selected()[2].estimate() > 0.8);
        assertTrue(r.success().estimate() > 0.8);
    }

    @Test
    void aFixedControlShareIsKept() {
        ResponseAdaptiveDesign d = new ResponseAdaptiveDesign(new String[] {"control", "a", "b"},
                new double[] {0.25, 0.25, 0.45}, 0, 1, 1, new int[] {60, 120, 180}, Double.NaN, 0, 1, 1.0 / 3, 0, 0, 1,
                0.975);
        ResponseAdaptiveResult r = new ResponseAdaptiveSimulation(d, 9).run("share", 4000, 2);
        // every patient goes to the control with probability 1/3 whatever the data: binomial mean 60 of 180
        assertEquals(60, r.patients()[0].estimate(), 4 * r.patients()[0].mcse());
    }
}
