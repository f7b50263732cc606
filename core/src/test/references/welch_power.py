"""Welch power with unequal SDs (reference C4 of TextbookReferenceTest; see README.md): 60 per arm, SD 10 and 15, difference 6."""
import numpy as np
from scipy import stats
rng = np.random.default_rng(20261208)
rej = 0; R = 0
for chunk in range(40):
    m = 50000
    a = rng.normal(6, 10, (m, 60)); b = rng.normal(0, 15, (m, 60))
    p = stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue
    rej += (p <= 0.05).sum(); R += m
p = rej / R
print("C4 numpy/SciPy Welch power %.5f SE %.5f R=%d" % (p, np.sqrt(p*(1-p)/R), R))
