# Wald test of the risk difference p_T - p_C (unpooled variance): the references of
# core/src/test/java/org/trialsim/stats/WaldRiskDifferenceTestTest.java. Run with Debian bookworm's
# python3-statsmodels 0.13.5 and python3-scipy 1.10.1: /usr/bin/python3 wald-risk-difference-statsmodels.py
# Prints {xT, nT, xC, nC, z, d, p two-sided, p larger, p smaller} per table.
import numpy as np
import statsmodels, scipy
np.seterr(all="ignore")  # the ratio and odds ratio statsmodels also computes divide by zero at a rate of 0
from statsmodels.stats.proportion import test_proportions_2indep
print("# statsmodels", statsmodels.__version__, "scipy", scipy.__version__)
tables = [(15, 30, 8, 30), (3, 17, 10, 40), (12, 20, 9, 20), (0, 10, 3, 12), (40, 60, 25, 55), (1, 5, 0, 4),
          (200, 400, 160, 400), (7, 7, 3, 8)]
for (xt, nt, xc, nc) in tables:
    row = [xt, nt, xc, nc]
    for alt in ["two-sided", "larger", "smaller"]:
        r = test_proportions_2indep(np.float64(xt), np.float64(nt), np.float64(xc), np.float64(nc), method="wald", compare="diff", alternative=alt,
                                    return_results=True)
        if alt == "two-sided":
            row += [repr(float(r.statistic)), repr(float(r.diff))]
        row.append(repr(float(r.pvalue)))
    print("{" + ", ".join(str(v) for v in row) + "},")
