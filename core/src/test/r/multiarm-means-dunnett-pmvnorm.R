# Closed forms for the single-stage closed (step-down) Dunnett test of a multi-arm design on a continuous endpoint
# with known, unequal SDs per arm, recorded in org.trialsim.multiarm.MultiArmMeansClosedFormTest.
# Run: Rscript core/src/test/r/multiarm-means-dunnett-pmvnorm.R   (mvtnorm; seconds)
# Model: the stage mean of arm i is N(mu_i, sd_i^2 / n_i); Z_i = (m_i - m_0) / sqrt(v_i + v_0), v_i = sd_i^2 / n_i;
# corr(Z_i, Z_j) = v_0 / sqrt((v_i + v_0)(v_j + v_0)); E Z_i = (mu_i - mu_0) / sqrt(v_i + v_0).
# One analysis: the closed test rejects some hypothesis iff the global intersection is rejected, that is iff
# max Z_i >= c_S, c_S the one-sided Dunnett critical value of the full set at alpha = 0.025.
suppressMessages(library(mvtnorm))
alpha <- 0.025
setup <- function(sd, n, sd0, n0, delta) {
  v <- sd^2 / n; v0 <- sd0^2 / n0
  se <- sqrt(v + v0)
  R <- outer(se, se, function(a, b) v0 / (a * b)); diag(R) <- 1
  list(R = R, theta = delta / se)
}
crit <- function(R) {
  set.seed(1)
  qmvnorm(1 - alpha, tail = "lower.tail", corr = R, algorithm = GenzBretz(abseps = 1e-7, maxpts = 2e6))$quantile
}
prob <- function(lower, upper, mean, R) {
  set.seed(1)
  as.numeric(pmvnorm(lower = lower, upper = upper, mean = mean, corr = R,
    algorithm = GenzBretz(abseps = 1e-7, maxpts = 2e6)))
}
# D1: three arms (SD 8, 10, 11; 50 patients each), control SD 9 with 75 patients; differences 2, 4, 5 points.
s <- setup(c(8, 10, 11), c(50, 50, 50), 9, 75, c(2, 4, 5))
c3 <- crit(s$R)
cat(sprintf("D1 correlation %.10f %.10f %.10f\n", s$R[1, 2], s$R[1, 3], s$R[2, 3]))
cat(sprintf("D1 dunnett critical %.8f\n", c3))
cat(sprintf("D1 power any %.6f\n", 1 - prob(rep(-Inf, 3), rep(c3, 3), s$theta, s$R)))
cat(sprintf("D1 global null fwer %.6f\n", 1 - prob(rep(-Inf, 3), rep(c3, 3), rep(0, 3), s$R)))
# D2: two arms (SD 8 and 12; 60 each), control SD 10 with 60; differences 3 and 4 points.
# H_a is rejected iff {a,b} is (max >= c2) and {a} is (Z_a >= z_alpha):
# P = P(Z_a >= c2) + P(z_alpha <= Z_a < c2, Z_b >= c2).
s <- setup(c(8, 12), c(60, 60), 10, 60, c(3, 4))
c2 <- crit(s$R)
z <- qnorm(1 - alpha)
cat(sprintf("D2 dunnett critical %.8f\n", c2))
pa <- (1 - pnorm(c2 - s$theta[1])) + prob(c(z, c2), c(c2, Inf), s$theta, s$R)
pb <- (1 - pnorm(c2 - s$theta[2])) + prob(c(c2, z), c(Inf, c2), s$theta, s$R)
cat(sprintf("D2 power a %.6f  power b %.6f  any %.6f\n", pa, pb, 1 - prob(rep(-Inf, 2), rep(c2, 2), s$theta, s$R)))
# D3: one arm against the control, 40 enrolled on each, SD 10, difference 5, dropout hazard 0.02 per week and the
# assessment at week 10: each patient is analysed with probability q = exp(-0.2), the completers binomial; one
# analysis is the z test at alpha (p-value 1 when an arm has nobody analysed), by exact enumeration over both counts.
q <- exp(-0.2)
a <- 1:40
pw <- 0
for (a1 in a) for (a0 in a) pw <- pw + dbinom(a1, 40, q) * dbinom(a0, 40, q) *
  (1 - pnorm(qnorm(1 - alpha) - 5 / sqrt(100 / a1 + 100 / a0)))
cat(sprintf("D3 retention %.10f power with dropout %.6f  without %.6f\n", q, pw,
  1 - pnorm(qnorm(1 - alpha) - 5 / sqrt(100 / 40 + 100 / 40))))
