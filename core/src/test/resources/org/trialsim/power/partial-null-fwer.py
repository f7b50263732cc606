# Reference values for PartialNullFwerTest (trialsim, #15 point 5): strong FWER of Holm and Hochberg under the
# partial null "H1 true, H2 false" for two independent normal endpoints analysed by one-sided two-sample t-tests.
# With p1 ~ U(0,1) independent of p2:
#   Bonferroni: P(p1 <= a/2) = a/2 exactly
#   Holm:       a/2 + (a/2) * P(p2 <= a/2)
#   Hochberg:   a/2 + (a/2) * P(p2 <= a)
# P(p2 <= c) = 1 - nct.cdf(t_{1-c, df}, df, delta * sqrt(n/2)), n per arm, df = 2n - 2.
from scipy.stats import t, nct
import math
a = 0.025; n = 50; delta = 0.5; df = 2 * n - 2
nc = delta * math.sqrt(n / 2)
def power(c):
    return nct.sf(t.ppf(1 - c, df), df, nc)
print("power2(a/2)", repr(power(a/2)))
print("power2(a)", repr(power(a)))
print("bonferroni", a/2)
print("holm", repr(a/2 + a/2 * power(a/2)))
print("hochberg", repr(a/2 + a/2 * power(a)))
