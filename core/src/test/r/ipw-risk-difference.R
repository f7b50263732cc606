# References for StandardizedRiskDifferenceTest: the risk difference with outcomes missing at random given arm and
# stratum, by inverse probability weighting with the observed fraction of each arm x stratum as the weight's
# denominator, and its variance by the stacked estimating equations (M-estimation sandwich; Stefanski LA, Boos DD.
# Am Stat 2002;56:29-38) with the propensities estimated: per arm, for each stratum t the equation
# 1{s = t}(R - pi_t) = 0 and for the mean R (Y - mu) / pi_s = 0, Jacobian by numDeriv, meat the empirical mean of
# psi psi'. Independent of the closed form in StandardizedRiskDifference (which is not used here).
# Columns: case, estimate, se, z, p_two_sided, p_greater. Counts per case: events, observed, missing per stratum,
# control then treatment.  Run from the repository root:  Rscript core/src/test/r/ipw-risk-difference.R
# R 4.2.2, numDeriv 2016.8-1.1.
suppressPackageStartupMessages(library(numDeriv))
cases <- list(
  list(c0 = rbind(e = c(12, 30), n = c(40, 50), m = c(10, 0)), c1 = rbind(e = c(20, 35), n = c(35, 45), m = c(15, 5))),
  list(c0 = rbind(e = c(5, 9, 14), n = c(20, 25, 30), m = c(2, 8, 1)), c1 = rbind(e = c(10, 15, 20), n = c(18, 22, 27), m = c(6, 3, 0))),
  list(c0 = rbind(e = 33, n = 80, m = 0), c1 = rbind(e = 47, n = 80, m = 0)),
  list(c0 = rbind(e = c(0, 10), n = c(12, 20), m = c(3, 0)), c1 = rbind(e = c(6, 20), n = c(10, 20), m = c(5, 2))))
arm <- function(k) {  # individual data of one arm: stratum, observed R, outcome Y (0 where missing)
  do.call(rbind, lapply(seq_len(ncol(k)), function(s) rbind(
    data.frame(s = s, R = 1, Y = c(rep(1, k["e", s]), rep(0, k["n", s] - k["e", s]))),
    if (k["m", s] > 0) data.frame(s = s, R = 0, Y = rep(0, k["m", s])))))
}
ipw <- function(k) {
  d <- arm(k); S <- ncol(k); N <- nrow(d)
  psi <- function(th) sapply(seq_len(N), function(i) c(sapply(1:S, function(t) (d$s[i] == t) * (d$R[i] - th[t])),
                                                      d$R[i] * (d$Y[i] - th[S + 1]) / th[d$s[i]]))
  U <- function(th) rowMeans(matrix(psi(th), nrow = S + 1))
  th <- c(sapply(1:S, function(t) mean(d$R[d$s == t])), 0.5)
  th[S + 1] <- uniroot(function(mu) U(c(th[1:S], mu))[S + 1], c(-1, 2), tol = 1e-14)$root
  A <- -jacobian(U, th); P <- matrix(psi(th), nrow = S + 1); B <- P %*% t(P) / N
  V <- solve(A) %*% B %*% t(solve(A)) / N
  c(th[S + 1], V[S + 1, S + 1])
}
rows <- lapply(seq_along(cases), function(i) {
  a <- ipw(cases[[i]]$c0); b <- ipw(cases[[i]]$c1)
  est <- b[1] - a[1]; se <- sqrt(a[2] + b[2]); z <- est / se
  data.frame(case = i, estimate = sprintf("%.15g", est), se = sprintf("%.15g", se), z = sprintf("%.15g", z),
             p_two_sided = sprintf("%.15g", 2 * pnorm(-abs(z))), p_greater = sprintf("%.15g", pnorm(z, lower.tail = FALSE)))
})
write.csv(do.call(rbind, rows), "core/src/test/resources/org/trialsim/stats/ipw/ipw-reference.csv", row.names = FALSE,
          quote = FALSE)
