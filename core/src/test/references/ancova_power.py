"""Exact power of ANCOVA on a random normal baseline (reference C3 of TextbookReferenceTest; see README.md).

Given the baselines, the ANCOVA t statistic of the treatment effect is noncentral t with N - 3 degrees of
freedom and noncentrality delta / (sigma_res sqrt((1/n1 + 1/n2)(1 + (xbar1 - xbar2)^2 / ((1/n1 + 1/n2) Sxx)))),
sigma_res = sigma sqrt(1 - rho^2), Sxx the pooled within-arm sum of squares of the baselines. With normal
baselines (xbar1 - xbar2)^2 / ((1/n1 + 1/n2) Sxx) = F / (N - 2), F ~ F(1, N - 2), independent of the outcome
given the baselines; the power is the expectation over F of the noncentral t's two tails.
"""
import numpy as np
from scipy import stats, integrate


def ancova_power(n1, n2, delta, sd, rho, alpha=0.05):
    N = n1 + n2
    df = N - 3
    sres = sd * np.sqrt(1 - rho ** 2)
    tc = stats.t.ppf(1 - alpha / 2, df)

    def integrand(f):
        ncp = delta / (sres * np.sqrt((1 / n1 + 1 / n2) * (1 + f / (N - 2))))
        return (stats.nct.sf(tc, df, ncp) + stats.nct.cdf(-tc, df, ncp)) * stats.f.pdf(f, 1, N - 2)

    return integrate.quad(integrand, 0, np.inf, epsabs=1e-13, epsrel=1e-12, limit=500)


print("C3 exact ANCOVA power n=50/50 delta=4 sd=10 rho=0.6: %.10f (quad error %.1e)" % ancova_power(50, 50, 4, 10, 0.6))

rng = np.random.default_rng(123)
n = 50
N = 2 * n
df = N - 3
tc = stats.t.ppf(0.975, df)
rej = 0
R = 0
for chunk in range(40):
    m = 50000
    z1 = rng.standard_normal((m, N))
    z2 = rng.standard_normal((m, N))
    trt = np.r_[np.ones(n), np.zeros(n)]
    x = 30 + 8 * z1
    y = 20 + 4 * trt + 10 * (0.6 * z1 + 0.8 * z2)
    xa, xb = x[:, :n], x[:, n:]
    ya, yb = y[:, :n], y[:, n:]
    xac = xa - xa.mean(1, keepdims=True)
    xbc = xb - xb.mean(1, keepdims=True)
    yac = ya - ya.mean(1, keepdims=True)
    ybc = yb - yb.mean(1, keepdims=True)
    sxx = (xac ** 2).sum(1) + (xbc ** 2).sum(1)
    sxy = (xac * yac).sum(1) + (xbc * ybc).sum(1)
    b = sxy / sxx
    d = (ya.mean(1) - yb.mean(1)) - b * (xa.mean(1) - xb.mean(1))
    rss = ((yac - b[:, None] * xac) ** 2).sum(1) + ((ybc - b[:, None] * xbc) ** 2).sum(1)
    se = np.sqrt(rss / df * (2 / n + (xa.mean(1) - xb.mean(1)) ** 2 / sxx))
    rej += (np.abs(d / se) >= tc).sum()
    R += m
p = rej / R
print("numpy MC ANCOVA power %.5f SE %.5f R=%d" % (p, np.sqrt(p * (1 - p) / R), R))
