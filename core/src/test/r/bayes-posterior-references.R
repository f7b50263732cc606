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
