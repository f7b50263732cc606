"""Exact probability that each arm is kept for stage 2 by the selection rule of a binary multi-arm design,
recorded in org.trialsim.multiarm.MultiArmRatesRpactTest.

Stage 1 has n patients on each arm and on the control, responder counts independent binomials (SciPy's pmf).
An arm is kept when it is among the best r by responder count (equal counts: equal effect estimates, ordered
uniformly at random, so an arm tied with t arms for s remaining places is kept with probability s / t) and its
effect estimate (x_i - x_c) / n exceeds the threshold. Enumerates every (x_1, ..., x_g, x_c).
Run: python3 exact-selection.py > exact-selection.txt   (about 10 s)
"""
import itertools

import numpy as np
from scipy.stats import binom


def kept(pis, pc, n, threshold, r=1):
    xs = np.arange(n + 1)
    pm = [binom.pmf(xs, n, p) for p in pis]
    pcm = binom.pmf(xs, n, pc)
    g = len(pis)
    out = np.zeros(g)
    for counts in itertools.product(range(n + 1), repeat=g):
        w = np.prod([pm[i][counts[i]] for i in range(g)])
        for i in range(g):
            above = sum(1 for j in range(g) if counts[j] > counts[i])
            tied = sum(1 for j in range(g) if counts[j] == counts[i])
            places = r - above
            share = 0.0 if places <= 0 else 1.0 if places >= tied else places / tied
            if share == 0:
                continue
            # P(effect > threshold) = P(x_c < x_i - threshold n)
            good = sum(pcm[xc] for xc in range(n + 1) if (counts[i] - xc) / n > threshold)
            out[i] += w * share * good
    return out


np.set_printoptions(precision=8)
print("R1 pi=(0.25,0.40,0.45) best, threshold 0.01:", kept([0.25, 0.40, 0.45], 0.25, 30, 0.01))
print("R2 pi=(0.25,0.25,0.25) best 2:", kept([0.25, 0.25, 0.25], 0.25, 30, -np.inf, r=2))
print("R4 pi=(0.25,0.25,0.25) best:", kept([0.25, 0.25, 0.25], 0.25, 30, -np.inf))
