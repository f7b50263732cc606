package org.trialsim.stats;

/**
 * Reference for the bit-identity tests of {@link LogRankTest}: its previous implementation (before the
 * per-arm sort of 2026-11-22), which sorts all rows by (stratum, time) with {@link TimeOrder} and walks
 * the rows once. The sums run over the distinct times of each stratum in increasing order, strata in
 * increasing label order, exactly as {@link LogRankTest} must.
 */
final class SortedRowsLogRank {

    private final TimeOrder order = new TimeOrder();

    double observedTreatment;
    double expectedTreatment;
    double events;
    double variance;
    double z;

    double compute(double[] time, boolean[] event, boolean[] treatment, int[] stratum, int size) {
        order.sort(time, stratum, null, true, size);
        return accumulate(event, treatment, size);
    }

    private double accumulate(boolean[] event, boolean[] treatment, int size) {
        final int[] row = order.row;
        double o = 0;
        double e = 0;
        double d = 0;
        double v = 0;
        int start = 0;
        while (start < size) {
            // one stratum: rows [start, end)
            int end = start + 1;
            while (end < size && order.stratum[end] == order.stratum[start]) {
                end++;
            }
            int atRisk = end - start;
            int atRiskTreatment = 0;
            for (int i = start; i < end; i++) {
                if (treatment[row[i]]) {
                    atRiskTreatment++;
                }
            }
            int i = start;
            while (i < end) {
                int deaths = 0;
                int deathsTreatment = 0;
                int leavingTreatment = 0;
                int j = i;
                do {
                    final int r = row[j];
                    if (treatment[r]) {
                        leavingTreatment++;
                    }
                    if (event[r]) {
                        deaths++;
                        if (treatment[r]) {
                            deathsTreatment++;
                        }
                    }
                    j++;
                } while (j < end && order.key[j] == order.key[i]);
                if (deaths > 0) {
                    final double share = (double) atRiskTreatment / atRisk;
                    o += deathsTreatment;
                    e += deaths * share;
                    d += deaths;
                    if (atRisk > 1) {
                        v += deaths * share * (1 - share) * (atRisk - deaths) / (atRisk - 1.0);
                    }
                }
                atRisk -= j - i;
                atRiskTreatment -= leavingTreatment;
                i = j;
            }
            start = end;
        }
        observedTreatment = o;
        expectedTreatment = e;
        events = d;
        variance = v;
        z = v > 0 ? (e - o) / Math.sqrt(v) : 0;
        return z;
    }

}
