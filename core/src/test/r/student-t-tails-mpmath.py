from mpmath import mp, mpf, betainc
mp.dps = 40
dfs = [0.5, 1, 1.7, 3, 9.5, 30, 100, 1000, 1e4, 3e4, 1e5, 3e5, 1e6]
ts = [1e-9, 0.01, 0.3, 1, 1.96, 2.5, 3.3, 5, 8, 12, 30, 100, 1e3]
for df in dfs:
    for t in ts:
        v = mpf(df); s = mpf(t)**2
        try:
            tail = betainc(v/2, mpf(1)/2, 0, v/(v+s), regularized=True)/2
        except ValueError:
            continue
        print(df, t, mp.nstr(tail, 20))
