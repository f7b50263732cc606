# Vectorised base R of W1 and W3: the ten lines a methodologist writes (rbinom for the two arm counts,
# the pooled z on whole vectors). Usage: Rscript base_r.R <replicates> <seed>
# Prints CSV rows: workload,tool,threads,trials,seconds,power,mcse (R is single-threaded here).
args <- commandArgs(trailingOnly = TRUE)
R <- if (length(args) >= 1) as.integer(args[1]) else 1000000L
set.seed(if (length(args) >= 2) as.integer(args[2]) else 20261122L)
tool <- paste0("base R ", getRversion(), " (vectorised)")
row <- function(workload, trials, seconds, power, reps) {
  cat(sprintf("%s,%s,1,%d,%.4f,%.6f,%.6f\n", workload, tool, as.integer(trials), seconds, power,
              sqrt(power * (1 - power) / reps)))
}

power <- function(R, n, p1 = 0.2, p2 = 0.5) {
  x1 <- rbinom(R, n, p1); x2 <- rbinom(R, n, p2)
  pbar <- (x1 + x2) / (2 * n)
  z <- (x2 - x1) / n / sqrt(pbar * (1 - pbar) * 2 / n)
  mean(!is.na(z) & z^2 > qchisq(0.95, 1))  # pbar 0 or 1 gives NaN: no rejection
}

t <- system.time(p <- power(R, 100))[["elapsed"]]
row("W1", R, t, p, R)

perArm <- seq(20, 200, by = 20)
t <- system.time(p <- sapply(perArm, function(n) power(R, n)))[["elapsed"]]
row("W3", R * length(perArm), t, p[1], R)
