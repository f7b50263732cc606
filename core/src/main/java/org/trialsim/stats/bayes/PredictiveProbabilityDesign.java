package org.trialsim.stats.bayes;

import java.util.Arrays;
import org.trialsim.stats.sequential.Decision;

/**
 * The single-arm phase II design with predictive-probability monitoring of Lee and Liu (Lee JJ, Liu DD. A
 * predictive probability design for phase II cancer clinical trials. Clin Trials 2008;5:93-106). A binary
 * response with rate p, prior {@code Beta(a, b)}, H0: {@code p <= p0}; at most {@code nMax} patients.
 *
 * <ul>
 * <li>At the end, with {@code x} responses among {@code nMax}, the treatment is declared efficacious when the
 * posterior probability {@code P(p > p0 | x) > thetaT}, that is when {@code x >= s} ({@link #successBound()}).</li>
 * <li>At an interim look with {@code x} of {@code n}, the predictive probability of that final success is
 * {@code PP = P(x + Y >= s | x, n)}, {@code Y} beta-binomial over the {@code nMax - n} patients to come
 * (their equation 2: the sum over {@code Y = i} of {@code P(Y = i | x) I(P(p > p0 | x, Y = i) > thetaT)}).
 * The trial stops for futility when {@code PP < thetaL} and for efficacy when {@code PP > thetaU}
 * ({@code thetaU = 1}, Lee and Liu's choice, never stops for efficacy).</li>
 * </ul>
 *
 * <p>Because PP rises with x, each rule is an integer boundary per number of patients, computed once here
 * for every {@code n} from 0 to {@code nMax} (the analysed count of a trial with dropouts may fall between
 * the planned looks): {@link #futilityBound(int)} is the largest x with {@code PP < thetaL}, and
 * {@link #efficacyBound(int)} the smallest with {@code PP > thetaU}. The per-trial decision
 * {@link #decide(int, int, boolean)} reads them. The design depends on {@code thetaT} only through s, so the
 * thetaT giving the same design form an interval ({@link #thetaTRange()}), the range Lee and Liu tabulate.
 *
 * <p>Operating characteristics ({@link #operatingCharacteristics(double)}) are exact: the distribution of the
 * response count among trials still running is carried patient by patient and cut at every look.
 */
public final class PredictiveProbabilityDesign {

    private final int nMax;
    private final double p0;
    private final BetaPrior prior;
    private final double thetaT;
    private final double thetaL;
    private final double thetaU;
    private final int[] looks;
    private final int successBound;
    private final int[] futility;
    private final int[] efficacy;
    private final int[] finalBound;

    /**
     * A design.
     *
     * @param nMax the maximum number of patients, at least 1
     * @param p0 the response rate of the standard treatment, in (0, 1)
     * @param prior the prior on the response rate
     * @param thetaT the posterior threshold at the end, in (0, 1)
     * @param thetaL the futility threshold on PP, in [0, 1) (0: no futility stop)
     * @param thetaU the efficacy threshold on PP, in (thetaL, 1] (1: no efficacy stop)
     * @param looks the numbers of patients at which PP is computed, increasing, in [1, nMax]; the last must be
     *     nMax (the final analysis)
     */
    public PredictiveProbabilityDesign(int nMax, double p0, BetaPrior prior, double thetaT, double thetaL,
            double thetaU, int[] looks) {
        if (nMax < 1) {
            throw new IllegalArgumentException("nMax must be at least 1, found " + nMax);
        }
        if (!(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("p0 must be in (0, 1), found " + p0);
        }
        if (!(thetaT > 0 && thetaT < 1)) {
            throw new IllegalArgumentException("thetaT must be in (0, 1), found " + thetaT);
        }
        if (!(thetaL >= 0 && thetaL < 1) || !(thetaU > thetaL && thetaU <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 <= thetaL < thetaU <= 1, found thetaL=" + thetaL
                    + ", thetaU=" + thetaU);
        }
        this.looks = looks.clone();
        for (int k = 0; k < this.looks.length; k++) {
            if (this.looks[k] < 1 || this.looks[k] > nMax || k > 0 && this.looks[k] <= this.looks[k - 1]) {
                throw new IllegalArgumentException("looks must increase within [1, nMax], found "
                        + Arrays.toString(looks));
            }
        }
        if (this.looks.length == 0 || this.looks[this.looks.length - 1] != nMax) {
            throw new IllegalArgumentException("the last look must be nMax = " + nMax + ", found "
                    + Arrays.toString(looks));
        }
        this.nMax = nMax;
        this.p0 = p0;
        this.prior = prior;
        this.thetaT = thetaT;
        this.thetaL = thetaL;
        this.thetaU = thetaU;
        this.finalBound = new int[nMax + 1];
        for (int n = 0; n <= nMax; n++) {
            finalBound[n] = posteriorBound(n);
        }
        this.successBound = finalBound[nMax];
        this.futility = new int[nMax + 1];
        this.efficacy = new int[nMax + 1];
        for (int n = 0; n <= nMax; n++) {
            futility[n] = n == nMax ? successBound - 1 : lastBelow(n, thetaL);
            efficacy[n] = n == nMax ? successBound : thetaU >= 1 ? n + 1 : firstAbove(n, thetaU);
        }
    }

    /**
     * Continuous monitoring from {@code firstLook} patients, every {@code every} patients, and at {@code nMax}.
     *
     * @param firstLook the first interim look, in [1, nMax]
     * @param every patients between looks, at least 1
     * @param nMax the maximum number of patients
     * @return the looks
     */
    public static int[] looksEvery(int firstLook, int every, int nMax) {
        if (firstLook < 1 || firstLook > nMax || every < 1) {
            throw new IllegalArgumentException("looks need 1 <= first look <= nMax and every >= 1, found first "
                    + firstLook + ", every " + every + ", nMax " + nMax);
        }
        int count = (nMax - firstLook) / every + 1;
        boolean endsAtMax = firstLook + (count - 1) * every == nMax;
        int[] looks = new int[endsAtMax ? count : count + 1];
        for (int k = 0; k < count; k++) {
            looks[k] = firstLook + k * every;
        }
        looks[looks.length - 1] = nMax;
        return looks;
    }

    /** The smallest x with {@code P(p > p0 | x, n) > thetaT}; {@code n + 1} if none. */
    private int posteriorBound(int n) {
        for (int x = 0; x <= n; x++) {
            if (BetaBinomial.posteriorProbabilityAbove(prior, x, n, p0) > thetaT) {
                return x;
            }
        }
        return n + 1;
    }

    /** The largest x in [0, n] with {@code PP(x, n) < threshold}; -1 if none (PP rises with x). */
    private int lastBelow(int n, double threshold) {
        int x = -1;
        while (x < n && predictiveProbability(x + 1, n) < threshold) {
            x++;
        }
        return x;
    }

    /** The smallest x in [0, n] with {@code PP(x, n) > threshold}; {@code n + 1} if none. */
    private int firstAbove(int n, double threshold) {
        int x = n + 1;
        while (x > 0 && predictiveProbability(x - 1, n) > threshold) {
            x--;
        }
        return x;
    }

    /**
     * Lee and Liu's predictive probability of success at the end given {@code x} responses among {@code n}:
     * {@code P(x + Y >= s)}, Y beta-binomial over the {@code nMax - n} patients to come.
     *
     * @param x responses so far
     * @param n patients so far, at most nMax
     * @return PP
     */
    public double predictiveProbability(int x, int n) {
        if (n < 0 || n > nMax) {
            throw new IllegalArgumentException("n must be in [0, nMax], found " + n);
        }
        return BetaBinomial.predictiveAtLeast(prior, x, n, nMax - n, successBound - x);
    }

    /**
     * The decision of one trial with {@code x} responses among {@code n} analysed patients; allocation-free.
     * At an interim look: {@link Decision#FUTILITY} if {@code x <= futilityBound(n)}, {@link Decision#REJECT}
     * if {@code x >= efficacyBound(n)}, else {@link Decision#CONTINUE}. At the final analysis: REJECT if the
     * posterior probability {@code P(p > p0 | x, n) > thetaT} (with every patient analysed, {@code x >= s}),
     * else FUTILITY.
     *
     * @param n patients analysed, in [0, nMax]
     * @param x responses among them
     * @param last whether this is the final analysis
     * @return the decision
     */
    public Decision decide(int n, int x, boolean last) {
        if (last) {
            return x >= finalBound[n] ? Decision.REJECT : Decision.FUTILITY;
        }
        if (x <= futility[n]) {
            return Decision.FUTILITY;
        }
        return x >= efficacy[n] ? Decision.REJECT : Decision.CONTINUE;
    }

    /** The final success bound s: the treatment is declared efficacious if at least s of nMax respond. */
    public int successBound() {
        return successBound;
    }

    /** The largest number of responses among {@code n} that stops for futility at a look; -1 if none. */
    public int futilityBound(int n) {
        return futility[n];
    }

    /** The smallest number of responses among {@code n} that stops for efficacy at a look; n + 1 if none. */
    public int efficacyBound(int n) {
        return efficacy[n];
    }

    /**
     * The interval {@code [low, high)} of thetaT that give this design (the same success bound s): from the
     * posterior probability at {@code s - 1} responses of nMax (0 if s = 0) up to that at s (1 if s > nMax).
     */
    public double[] thetaTRange() {
        double low = successBound == 0 ? 0 : BetaBinomial.posteriorProbabilityAbove(prior, successBound - 1, nMax, p0);
        double high = successBound > nMax ? 1 : BetaBinomial.posteriorProbabilityAbove(prior, successBound, nMax, p0);
        return new double[] {low, high};
    }

    /**
     * Exact operating characteristics at response rate {@code p}. The distribution of the response count of
     * trials still running is carried patient by patient (a binomial step), and the mass at or beyond a
     * look's bounds leaves the trial there.
     *
     * @param p the true response rate, in [0, 1]
     * @return the probability of declaring efficacy (type I error at p0, power at p1), of stopping early for
     *     futility and for efficacy, and the expected number of patients
     */
    public OperatingCharacteristics operatingCharacteristics(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], found " + p);
        }
        double[] running = new double[nMax + 1];
        running[0] = 1;
        double earlyFutility = 0;
        double earlyEfficacy = 0;
        double finalSuccess = 0;
        double expectedN = 0;
        int look = 0;
        for (int n = 1; n <= nMax; n++) {
            for (int x = n; x >= 1; x--) {
                running[x] = running[x] * (1 - p) + running[x - 1] * p;
            }
            running[0] *= 1 - p;
            if (looks[look] != n) {
                continue;
            }
            look++;
            double stopped = 0;
            for (int x = 0; x <= n; x++) {
                Decision d = decide(n, x, n == nMax);
                if (d == Decision.CONTINUE) {
                    continue;
                }
                double mass = running[x];
                stopped += mass;
                if (n == nMax) {
                    finalSuccess += d == Decision.REJECT ? mass : 0;
                } else if (d == Decision.REJECT) {
                    earlyEfficacy += mass;
                } else {
                    earlyFutility += mass;
                }
                running[x] = 0;
            }
            expectedN += n * stopped;
        }
        return new OperatingCharacteristics(p, earlyEfficacy + finalSuccess, earlyFutility, earlyEfficacy,
                expectedN);
    }

    /**
     * Exact operating characteristics at one response rate.
     *
     * @param p the response rate
     * @param rejection probability of declaring the treatment efficacious (early or at the end)
     * @param earlyFutility probability of stopping for futility before nMax
     * @param earlyEfficacy probability of stopping for efficacy before nMax
     * @param expectedN expected number of patients
     */
    public record OperatingCharacteristics(double p, double rejection, double earlyFutility, double earlyEfficacy,
            double expectedN) {

        /** Probability of early termination, for futility or efficacy. */
        public double pet() {
            return earlyFutility + earlyEfficacy;
        }
    }

    /**
     * The design with the smallest thetaT whose exact type I error at p0 is at most {@code alpha}, the other
     * parameters as given: the type I error falls as the success bound s rises, and s is all that thetaT sets,
     * so the search walks s upward and returns the design at the lower end of its thetaT range.
     *
     * @param nMax the maximum number of patients
     * @param p0 the null response rate
     * @param prior the prior
     * @param thetaL the futility threshold
     * @param thetaU the efficacy threshold
     * @param looks the looks
     * @param alpha the type I error to meet, in (0, 1)
     * @return the calibrated design; its {@link #thetaTRange()} is the interval of thetaT with the same design
     */
    public static PredictiveProbabilityDesign calibrate(int nMax, double p0, BetaPrior prior, double thetaL,
            double thetaU, int[] looks, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
        }
        double previous = 0;
        for (int s = 1; s <= nMax; s++) {
            double low = BetaBinomial.posteriorProbabilityAbove(prior, s - 1, nMax, p0);
            if (!(low > previous && low < 1)) {
                continue;  // s - 1 and s - 2 share a posterior probability (rounding): no thetaT separates them
            }
            previous = low;
            PredictiveProbabilityDesign d = new PredictiveProbabilityDesign(nMax, p0, prior, low, thetaL, thetaU,
                    looks);
            if (d.successBound == s && d.operatingCharacteristics(p0).rejection() <= alpha) {
                return d;
            }
        }
        throw new IllegalArgumentException("no thetaT gives a type I error of at most " + alpha + " with nMax "
                + nMax);
    }

    /** The maximum number of patients. */
    public int nMax() {
        return nMax;
    }

    /** The null response rate. */
    public double p0() {
        return p0;
    }

    /** The prior. */
    public BetaPrior prior() {
        return prior;
    }

    /** The posterior threshold at the end. */
    public double thetaT() {
        return thetaT;
    }

    /** The futility threshold on the predictive probability. */
    public double thetaL() {
        return thetaL;
    }

    /** The efficacy threshold on the predictive probability. */
    public double thetaU() {
        return thetaU;
    }

    /** The looks (numbers of patients), the last nMax. */
    public int[] looks() {
        return looks.clone();
    }
}
