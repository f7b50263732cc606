# Independent references for BetaDifference and NormalPosterior (BetaDifferenceTest).
# P(pT - pC > d), pT ~ Beta(aT, bT), pC ~ Beta(aC, bC) independent, by R's adaptive integrate() of
# dbeta(q, aC, bC) * pbeta(q + d, aT, bT, lower.tail = FALSE) over q (a different quadrature and split than
# the Java code's), and for d = 0 with integer aT the closed-form sum (Cook JD 2003, "Exact calculation of
# beta inequalities"): P(pT > pC) = sum_{i=0}^{aT-1} B(aC + i, bC + bT) / ((bT + i) B(1 + i, bT) B(aC, bC)).
# Run: Rscript core/src/test/r/bayes-posterior-references.R
options(digits = 15)
pdiff <- function(aT, bT, aC, bC, d) {
  f <- function(q) dbeta(q, aC, bC) * pbeta(q + d, aT, bT, lower.tail = FALSE)
  lo <- max(0, -d); hi <- min(1, 1 - d)
  certain <- if (d < 0) pbeta(-d, aC, bC) else 0
  certain + integrate(f, lo, hi, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
}
closed <- function(aT, bT, aC, bC) {
  i <- 0:(aT - 1)
  sum(exp(lbeta(aC + i, bC + bT) - log(bT + i) - lbeta(1 + i, bT) - lbeta(aC, bC)))
}
cases <- list(c(13, 9, 7, 15, 0), c(13, 9, 7, 15, 0.1), c(0.5, 20.5, 3.5, 17.5, 0.1), c(121, 81, 101, 101, 0.05),
              c(5, 25, 8, 22, -0.1), c(1, 31, 1, 31, 0), c(0.5, 0.5, 0.5, 0.5, 0), c(30.5, 2.5, 25.5, 8.5, 0.2))
for (k in cases) cat(sprintf("%s -> %.15f\n", paste(k, collapse = " "), pdiff(k[1], k[2], k[3], k[4], k[5])))
cat(sprintf("closed 13 9 7 15 -> %.15f\n", closed(13, 9, 7, 15)))
cat(sprintf("closed 121 81 101 101 -> %.15f\n", closed(121, 81, 101, 101)))
# normal: prior N(0.1, 0.5^2), estimate 0.4 with se 0.2, d 0.1; flat prior; log HR 0.3 se 0.15 d 0
post <- function(est, se, m0, s0, d) {
  prec <- 1 / se^2 + 1 / s0^2; m <- (est / se^2 + m0 / s0^2) / prec
  pnorm((m - d) * sqrt(prec))
}
cat(sprintf("normal 0.4 0.2 0.1 0.5 0.1 -> %.15f\n", post(0.4, 0.2, 0.1, 0.5, 0.1)))
cat(sprintf("normal flat 0.4 0.2 0.1 -> %.15f\n", pnorm((0.4 - 0.1) / 0.2)))
cat(sprintf("normal 0.3 0.15 0 1 0 -> %.15f\n", post(0.3, 0.15, 0, 1, 0)))

# Exact power of the two-arm beta-binomial rule, 30 patients per arm, Beta(1, 1) priors, d = 0, success when
# P(pT - pC > 0) > 0.95: the sum over (xT, xC) of dbinom * dbinom * I(P > 0.95), P by integrate() as above.
# At pT = pC = 0.3 it is the rule's type I error (BayesianRuleStudyTest).
ptab <- outer(0:30, 0:30, Vectorize(function(xT, xC) pdiff(1 + xT, 1 + 30 - xT, 1 + xC, 1 + 30 - xC, 0)))
exact <- function(pT, pC) sum(outer(dbinom(0:30, 30, pT), dbinom(0:30, 30, pC)) * (ptab > 0.95))
cat(sprintf("two-arm exact power 0.55 vs 0.3: %.15f\n", exact(0.55, 0.3)))
cat(sprintf("two-arm exact type I 0.3 vs 0.3: %.15f\n", exact(0.3, 0.3)))
# Continuous, flat prior, d = 0, success when P > 0.975: with equal arms Welch's t equals the pooled t, and
# P = pnorm(t), so the power is P(t > qnorm(0.975)) for the noncentral t with 2n - 2 df: n = 40 per arm,
# means 5 vs 0, sd 10.
cat(sprintf("continuous exact power: %.15f\n", pt(qnorm(0.975), 78, ncp = 5 / sqrt(2 * 100 / 40), lower.tail = FALSE)))
cat(sprintf("continuous exact type I: %.15f\n", pt(qnorm(0.975), 78, lower.tail = FALSE)))
