# Independent references for org.trialsim.stats.bayes (PredictiveProbabilityDesignTest).
# Lee JJ, Liu DD. A predictive probability design for phase II cancer clinical trials.
# Clin Trials 2008;5:93-106. Written from the paper's formulas, in base R only:
#  - PP(x, n) = sum_{i=0}^{m} P(Y = i | x) * I(P(p > p0 | x + i, Nmax) > thetaT), the indicator evaluated for
#    every i with pbeta (not through an integer success bound, as the Java code does);
#  - P(Y = i | x) from choose() and beta() (not the log-beta form of the Java code);
#  - operating characteristics by enumerating, look to look, the binomial increments between looks
#    (dbinom over each whole cohort, not patient by patient as the Java code does).
# Run: Rscript core/src/test/r/bayes-predictive-references.R
options(digits = 15)

pp <- function(x, n, nmax, a, b, p0, thetaT) {
  m <- nmax - n
  i <- 0:m
  py <- choose(m, i) * beta(a + x + i, b + nmax - x - i) / beta(a + x, b + n - x)
  post <- pbeta(p0, a + x + i, b + nmax - x - i, lower.tail = FALSE)
  sum(py * (post > thetaT))
}

# Lee and Liu, Table 1: Nmax 40, x 16 of n 23, Beta(0.6, 0.4), p0 0.6, thetaT 0.9 (published PP 0.5656)
cat("table1 PP thetaT 0.90:", pp(16, 23, 40, 0.6, 0.4, 0.6, 0.9), "\n")
cat("table1 PP thetaT 0.80:", pp(16, 23, 40, 0.6, 0.4, 0.6, 0.8), "\n")
cat("table1 PP thetaT 0.95:", pp(16, 23, 40, 0.6, 0.4, 0.6, 0.95), "\n")
i <- 0:17
py <- choose(17, i) * beta(0.6 + 16 + i, 0.4 + 40 - 16 - i) / beta(0.6 + 16, 0.4 + 23 - 16)
post <- pbeta(0.6, 0.6 + 16 + i, 0.4 + 40 - 16 - i, lower.tail = FALSE)
cat("table1 rows (i, P(Y=i|x), B_i):\n")
print(cbind(i, py, post))

design <- function(nmax, a, b, p0, thetaT, thetaL, thetaU, looks) {
  fut <- sapply(looks, function(n) {
    if (n == nmax) return(NA)
    xs <- 0:n; v <- sapply(xs, function(x) pp(x, n, nmax, a, b, p0, thetaT))
    if (any(v < thetaL)) max(xs[v < thetaL]) else -1 })
  eff <- sapply(looks, function(n) {
    if (n == nmax) return(NA)
    if (thetaU >= 1) return(n + 1)  # Lee and Liu's thetaU = 1: never (a sum of PP = 1 may round above 1)
    xs <- 0:n; v <- sapply(xs, function(x) pp(x, n, nmax, a, b, p0, thetaT))
    if (any(v > thetaU)) min(xs[v > thetaU]) else n + 1 })
  xs <- 0:nmax
  s <- min(c(xs[pbeta(p0, a + xs, b + nmax - xs, lower.tail = FALSE) > thetaT], nmax + 1))
  list(looks = looks, fut = fut, eff = eff, s = s)
}

oc <- function(d, p) {
  looks <- d$looks; nmax <- tail(looks, 1)
  dist <- 1; prev <- 0; rej <- 0; fut <- 0; eff <- 0; en <- 0
  for (k in seq_along(looks)) {
    n <- looks[k]
    inc <- dbinom(0:(n - prev), n - prev, p)
    new <- rep(0, n + 1)
    for (x in seq_along(dist)) new[x:(x + n - prev)] <- new[x:(x + n - prev)] + dist[x] * inc
    dist <- new; xs <- 0:n
    if (n == nmax) {
      rej <- rej + sum(dist[xs >= d$s]); en <- en + n * sum(dist)
    } else {
      f <- xs <= d$fut[k]; e <- xs >= d$eff[k]
      fut <- fut + sum(dist[f]); eff <- eff + sum(dist[e]); en <- en + n * sum(dist[f | e])
      dist[f | e] <- 0
    }
    prev <- n
  }
  c(rejection = rej + eff, early_futility = fut, early_efficacy = eff, expected_n = en)
}

show <- function(label, nmax, a, b, p0, thetaT, thetaL, thetaU, looks, ps) {
  d <- design(nmax, a, b, p0, thetaT, thetaL, thetaU, looks)
  cat(label, ": s =", d$s, "\n")
  cat("  futility bounds:", paste(d$looks, d$fut, sep = ":", collapse = " "), "\n")
  cat("  efficacy bounds:", paste(d$looks, d$eff, sep = ":", collapse = " "), "\n")
  for (p in ps) cat("  p =", p, ":", format(oc(d, p), digits = 15), "\n")
}

# D1: Lee and Liu's setting (p0 0.2, p1 0.4), continuous monitoring from 10 patients to Nmax 36,
# Beta(0.2, 0.8) prior (mean p0, ESS 1), thetaT 0.90, thetaL 0.05, no efficacy stop
show("D1", 36, 0.2, 0.8, 0.2, 0.90, 0.05, 1, 10:36, c(0.2, 0.4))
# D2: Table 1's setting as a design: p0 0.6, Nmax 40, Beta(0.6, 0.4), thetaT 0.9, thetaL 0.1, thetaU 0.99,
# looks every 5 from 10
show("D2", 40, 0.6, 0.4, 0.6, 0.90, 0.10, 0.99, seq(10, 40, 5), c(0.6, 0.8))
# D3: a uniform prior, looks at 15 and 30 only, thetaT 0.95, thetaL 0.01
show("D3", 30, 1, 1, 0.3, 0.95, 0.01, 1, c(15, 30), c(0.3, 0.5))

# Calibration of thetaT to alpha: the design depends on thetaT only through s, so walk s upward with thetaT
# inside (P(p > p0 | s - 1), P(p > p0 | s)) (the midpoint) and stop at the first type I error <= alpha.
calibrate <- function(nmax, a, b, p0, thetaL, thetaU, looks, alpha) {
  post <- function(x) pbeta(p0, a + x, b + nmax - x, lower.tail = FALSE)
  for (s in 1:nmax) {
    mid <- (post(s - 1) + post(s)) / 2
    d <- design(nmax, a, b, p0, mid, thetaL, thetaU, looks)
    t1 <- oc(d, p0)[["rejection"]]
    if (t1 <= alpha) {
      cat(sprintf("  calibrated s = %d, thetaT in [%.15f, %.15f), type I %.15f\n", s, post(s - 1), post(s), t1))
      return(invisible(d))
    }
  }
}
cat("C1: D1's setting calibrated to alpha 0.05\n")
calibrate(36, 0.2, 0.8, 0.2, 0.05, 1, 10:36, 0.05)
cat("C2: D2's setting calibrated to alpha 0.05\n")
calibrate(40, 0.6, 0.4, 0.6, 0.10, 0.99, seq(10, 40, 5), 0.05)

# D4: Lee and Liu's phase II setting (p0 0.2, p1 0.4, Beta(0.2, 0.8) prior, Nmax 36), thetaT in the range
# [P(p > 0.2 | 10 of 36), P(p > 0.2 | 11 of 36)) = [0.8511, 0.9227) (s = 11), thetaL 0.001, continuous
# monitoring from 10 patients: the design of the built-in single-arm scenario.
show("D4", 36, 0.2, 0.8, 0.2, 0.90, 0.001, 1, 10:36, c(0.2, 0.4))
