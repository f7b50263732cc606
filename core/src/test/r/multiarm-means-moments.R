# Mean and SD of a clamped score's change from baseline, recorded in org.trialsim.scenario.ChangeMomentsTest
# (PlanningFigures.clampedChangeMoments, ScoreTrajectoryProcess.continuousMoments).
# Run: Rscript core/src/test/r/multiarm-means-moments.R   (seconds)
# Independent of the Java closed forms: a nested numerical double integral (stats::integrate) over the baseline B0
# and the change C of the clamped change; and, for rounding, a Monte Carlo of 4e6 patients drawn as the trajectory
# sampler draws them (round to the step, then clamp; change from the rounded, clamped scores).
clamp <- function(x, lo, hi) pmin(hi, pmax(lo, x))
moments <- function(mb, sb, mc, sc, lo, hi, fromClamped) {
  inner <- function(b, power) sapply(b, function(bb) {
    base <- clamp(bb, lo, hi); start <- if (fromClamped) base else bb
    f <- function(c) (clamp(start + c, lo, hi) - base)^power * dnorm(c, mc, sc)
    k <- c(-Inf, lo - start, hi - start, Inf)  # pieces between the kinks of the clamp
    sum(sapply(1:3, function(i) integrate(f, k[i], k[i + 1], rel.tol = 1e-11)$value)) * dnorm(bb, mb, sb)
  })
  cuts <- sort(unique(c(mb - 12 * sb, lo, hi, mb + 12 * sb)))
  cuts <- cuts[cuts >= mb - 12 * sb & cuts <= mb + 12 * sb]
  e <- sapply(1:2, function(p) sum(sapply(seq_len(length(cuts) - 1), function(i)
    integrate(inner, cuts[i], cuts[i + 1], power = p, rel.tol = 1e-10)$value)))
  c(mean = e[1], sd = sqrt(e[2] - e[1]^2))
}
# M1: the MADRS model (end = clamp(clamp(B0) + C)), baseline 30 (SD 8), change -18 (SD 10), scale [0, 60]
m1 <- moments(30, 8, -18, 10, 0, 60, TRUE)
cat(sprintf("M1 madrs mean %.8f sd %.8f\n", m1["mean"], m1["sd"]))
# M2: a score trajectory (end = clamp(B0 + C)), same figures
m2 <- moments(30, 8, -18, 10, 0, 60, FALSE)
cat(sprintf("M2 trajectory mean %.8f sd %.8f\n", m2["mean"], m2["sd"]))
# M3: two latent classes (0.6 with change -20, 0.4 with -8; within-class SD 10), mixed
a <- moments(30, 8, -20, 10, 0, 60, FALSE); b <- moments(30, 8, -8, 10, 0, 60, FALSE)
e1 <- 0.6 * a["mean"] + 0.4 * b["mean"]
e2 <- 0.6 * (a["sd"]^2 + a["mean"]^2) + 0.4 * (b["sd"]^2 + b["mean"]^2)
cat(sprintf("M3 classes mean %.8f sd %.8f\n", e1, sqrt(e2 - e1^2)))
# M4: M3 with scores rounded to whole points, by Monte Carlo (4e6 patients, seed 1): mean and SD with their SEs
set.seed(1)
n <- 4e6
b0 <- rnorm(n, 30, 8)
cls <- runif(n) < 0.6
ch <- rnorm(n, ifelse(cls, -20, -8), 10)
d <- clamp(round(b0 + ch), 0, 60) - clamp(round(b0), 0, 60)
cat(sprintf("M4 rounded monte carlo mean %.6f (se %.6f) sd %.6f (se %.6f)\n", mean(d), sd(d) / sqrt(n), sd(d),
  sd(d) / sqrt(2 * n)))
