package org.trialsim.stats.combination;

/**
 * Sample-size re-estimation by conditional power in a promising zone (Mehta CR, Pocock SJ. Adaptive increase in
 * sample size when interim results are promising: a practical guide with examples. Stat Med 2011;30:3267-3284):
 * at the interim, the conditional power at the planned sample size under the interim's trend is computed; if it
 * lies in the promising zone {@code [lower, upper)}, the stage-2 sample size is raised to the one that gives
 * conditional power {@code target}, never below the planned and never above the maximum; otherwise (unfavourable
 * or favourable zone) the planned size stands. Here the final analysis is the weighted inverse-normal combination
 * test ({@link InverseNormalCombination}, Cui, Hung and Wang 1999), so the type I error is alpha for any zone;
 * Mehta and Pocock's own lower bound of the zone (for example 0.365) is what lets the conventional statistic be
 * used instead, which trialsim does not do. Immutable.
 *
 * @param design the combination test
 * @param lower the lower end of the promising zone (conditional power at the planned size), in [0, 1)
 * @param upper the upper end, in (lower, 1]
 * @param target the conditional power the raised sample size aims at, in (0, 1)
 */
public record PromisingZone(InverseNormalCombination design, double lower, double upper, double target) {

    public PromisingZone {
        if (!(lower >= 0 && lower < upper && upper <= 1)) {
            throw new IllegalArgumentException("the promising zone must satisfy 0 <= lower < upper <= 1, found ["
                    + lower + ", " + upper + ")");
        }
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("the target conditional power must be in (0, 1), found " + target);
        }
    }

    /**
     * The total sample size of the trial after the interim.
     *
     * @param z1 the interim's statistic
     * @param analysed the patients whose data the interim analysed (stage 1's information, equal allocation)
     * @param planned the planned total sample size
     * @param maximum the largest total allowed, at least {@code planned}
     * @return the total: {@code planned} outside the zone, else the size giving the target conditional power,
     *     rounded up and kept within [planned, maximum]
     */
    public int totalSampleSize(double z1, int analysed, int planned, int maximum) {
        if (z1 >= design.c1() || analysed <= 0 || planned <= analysed) {
            return planned;
        }
        double cp = conditionalPowerAtPlanned(z1, analysed, planned);
        if (!(cp >= lower && cp < upper)) {
            return planned;
        }
        double wanted = analysed + analysed * design.informationRatioFor(z1, target);
        return (int) Math.max(planned, Math.min(maximum, Math.ceil(Math.min(wanted, Integer.MAX_VALUE))));
    }

    /**
     * The conditional power at the planned size under the interim's trend, which places the interim in a zone.
     *
     * @param z1 the interim's statistic
     * @param analysed the patients the interim analysed
     * @param planned the planned total sample size
     * @return the conditional power
     */
    public double conditionalPowerAtPlanned(double z1, int analysed, int planned) {
        return design.conditionalPowerUnderTrend(z1, (planned - analysed) / (double) analysed);
    }
}
