"""Exact references for ThresholdCalibrationTest (issue 16 point 1): the success threshold c of a two-arm
Bayesian rule that gives a type I error alpha, without simulation.

Run: python3 core/src/test/python/bayes-calibration-references.py   (SciPy; not needed by the build)

1. bayesian_binary, one look, 30 patients per arm, uniform Beta(1, 1) priors, margin 0, both arms at 0.3 (the
   null scenario of BayesianRuleStudyTest's binary design). The rule succeeds when P(pT > pC | data) > c, so the
   exact type I error at c is the sum of Bin(30, 0.3) x Bin(30, 0.3) probabilities of the (xT, xC) whose
   posterior probability exceeds c: a step function of c, enumerated over all 31 x 31 outcomes, each posterior
   probability by adaptive quadrature of f_C(q) S_T(q) (scipy.integrate.quad, 1e-13).
2. bayesian_continuous, flat prior, no interim, 100 per arm, equal SDs: P = Phi(t), so the rule succeeds when
   t > Phi^-1(c) and the type I error at c is the t tail at Phi^-1(c) with 198 degrees of freedom (with equal
   groups Welch's t is the pooled t; only its degrees of freedom differ, by a negligible amount at equal SDs).

On the engine's grid c_j = 1 / (1 + exp(-0.01 j)), j = 0..1151, the script prints for alpha = 0.025 and
R = 20,000 null trials: the exact calibrated c (smallest c with type I error <= alpha), the exact grid answer,
and the grid range a simulation may land in: from the first grid c whose exact type I error is <= alpha + 4 se
to the first whose is <= alpha - 4 se, se = sqrt(alpha (1 - alpha) / R) (4 Monte Carlo standard errors of the
estimate at each grid point).
"""
import math
import numpy as np
from scipy import integrate, stats

ALPHA = 0.025
R = 20000
GRID = 1.0 / (1.0 + np.exp(-0.01 * np.arange(1152)))
SE = math.sqrt(ALPHA * (1 - ALPHA) / R)


def report(name, type1):
    values = np.array([type1(c) for c in GRID])
    j_exact = int(np.argmax(values <= ALPHA))
    j_lo = int(np.argmax(values <= ALPHA + 4 * SE))
    j_hi = int(np.argmax(values <= ALPHA - 4 * SE))
    print(f"{name}: grid calibrated c {GRID[j_exact]:.12f} (j={j_exact}, type I {values[j_exact]:.6f});"
          f" simulation range [{GRID[j_lo]:.12f} (j={j_lo}), {GRID[j_hi]:.12f} (j={j_hi})]")


def binary():
    n, p = 30, 0.3
    w = stats.binom.pmf(np.arange(n + 1), n, p)
    probs, weights = [], []
    for xt in range(n + 1):
        for xc in range(n + 1):
            bt = stats.beta(1 + xt, 1 + n - xt)
            bc = stats.beta(1 + xc, 1 + n - xc)
            v, _ = integrate.quad(lambda q: bc.pdf(q) * bt.sf(q), 0, 1, epsabs=1e-13, epsrel=1e-13, limit=200)
            probs.append(v)
            weights.append(w[xt] * w[xc])
    probs, weights = np.array(probs), np.array(weights)
    order = np.argsort(-probs)
    cum = np.cumsum(weights[order])
    # smallest c with type I error <= alpha: just excludes the first outcome whose inclusion exceeds alpha
    k = int(np.argmax(cum > ALPHA))
    print(f"binary: exact calibrated c {probs[order][k]:.12f} (type I error above it {cum[k - 1]:.9f},"
          f" at c just below it {cum[k]:.9f})")
    report("binary", lambda c: float(weights[probs > c].sum()))


def continuous():
    df = 198
    print(f"continuous: exact calibrated c {stats.norm.cdf(stats.t.ppf(1 - ALPHA, df)):.12f} (1 - alpha = {1 - ALPHA})")
    report("continuous", lambda c: float(stats.t.sf(stats.norm.ppf(c), df)))


binary()
continuous()

# Output (SciPy 1.x, 2026-12-07), the figures ThresholdCalibrationTest holds:
# binary: exact calibrated c 0.972078053466 (type I error above it 0.024349229, at c just below it 0.028032694)
# binary: grid calibrated c 0.972347577677 (j=356, type I 0.024349); simulation range [0.969231140643 (j=345), 0.978751677289 (j=383)]
# continuous: exact calibrated c 0.975696194329 (1 - alpha = 0.975)
# continuous: grid calibrated c 0.975872978582 (j=370, type I 0.024822); simulation range [0.971529412310 (j=353), 0.980159694266 (j=390)]
