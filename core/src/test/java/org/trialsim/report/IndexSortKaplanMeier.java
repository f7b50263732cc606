package org.trialsim.report;

/**
 * Reference for {@link SurvivalCurveIdentityTest}: the product-limit curve {@link SurvivalCurve#kaplanMeier}
 * computed by itself before 2026-11-22 (boxed index sort by {@link Double#compare}, then one walk over the
 * tied groups), kept verbatim so that the curve built from {@code stats.KaplanMeier} can be checked against
 * what the charts drew.
 */
final class IndexSortKaplanMeier {

    private IndexSortKaplanMeier() {
    }

    static SurvivalCurve kaplanMeier(String label, double[] time, boolean[] event, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        double[] times = new double[count];
        double[] survival = new double[count];
        int[] atRisk = new int[count];
        int steps = 0;
        double s = 1;
        int risk = count;
        int i = 0;
        while (i < count) {
            double t = time[order[i]];
            int deaths = 0;
            int leaving = 0;
            while (i < count && time[order[i]] == t) {
                deaths += event[order[i]] ? 1 : 0;
                leaving++;
                i++;
            }
            if (deaths > 0) {
                s *= 1 - (double) deaths / risk;
                times[steps] = t;
                survival[steps] = s;
                atRisk[steps] = risk;
                steps++;
            }
            risk -= leaving;
        }
        return new SurvivalCurve(label, java.util.Arrays.copyOf(times, steps),
                java.util.Arrays.copyOf(survival, steps), java.util.Arrays.copyOf(atRisk, steps), count);
    }
}
