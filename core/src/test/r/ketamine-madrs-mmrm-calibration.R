# Calibration of the built-in scenario ketamine-madrs-mmrm to Singh et al. (Am J Psychiatry 2016) week-2
# MADRS changes, which are observed on the 0-60 scale: the latent change mean and SD whose observed
# (rounded, bounded to [0, 60]) change from a baseline N(33, 6^2) has the published mean and SD.
# Run: Rscript core/src/test/r/ketamine-madrs-mmrm-calibration.R (R 4.2.2).
solve <- function(target, start) {
  set.seed(1); n <- 4e5; x <- rnorm(n, 33, 6); z <- rnorm(n)
  obs <- function(p) { y <- pmin(60, pmax(0, x + p[1] + p[2] * z)); c(mean(y - x), sd(y - x)) }
  optim(start, function(p) sum((obs(p) - target)^2), control = list(reltol = 1e-12))$par
}
check <- function(mu, sd) {
  set.seed(3); x <- rnorm(1e6, 33, 6); y <- pmin(60, pmax(0, round(x + mu + sd * rnorm(1e6))))
  c(mean = mean(y - x), sd = sd(y - x))
}
print(round(solve(c(-18.4, 12.0), c(-19.5, 13)), 2))   # -20.18 14.33, used as -20.2, 14.3
print(check(-20.2, 14.3))                               # -18.41 11.99
print(round(solve(c(-5.7, 10.2), c(-5.7, 10.3)), 2))    # -5.73 10.33
print(check(-5.73, 10.33))                              # -5.68 10.20
