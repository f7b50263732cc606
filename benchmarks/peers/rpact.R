# rpact's simulation of the peer workloads W1, W2, W3 (see benchmarks/README.md for their definitions).
# Usage: Rscript rpact.R <replicates> <seed>
# Prints CSV rows: workload,tool,threads,trials,seconds,power,mcse
# rpact runs on one thread. Its rates test with thetaH0 = 0 and the normal approximation is the pooled
# two-proportion z (the signed square root of Pearson's chi-square); one-sided 2.5% in the direction of the
# alternative, which equals the two-sided 5% chi-square up to the wrong-direction rejections (< 1e-9 here).
suppressPackageStartupMessages(library(rpact))
args <- commandArgs(trailingOnly = TRUE)
R <- if (length(args) >= 1) as.integer(args[1]) else 10000L
seed <- if (length(args) >= 2) as.integer(args[2]) else 20261122L
tool <- paste0("rpact ", packageVersion("rpact"))
design <- getDesignGroupSequential(kMax = 1, alpha = 0.025, sided = 1)
row <- function(workload, trials, seconds, power, reps) {
  cat(sprintf("%s,%s,1,%d,%.4f,%.6f,%.6f\n", workload, tool, as.integer(trials), seconds, power,
              sqrt(power * (1 - power) / reps)))
}

# W1: 100 per arm, response 0.2 (control) vs 0.5.
t <- system.time(s <- getSimulationRates(design, groups = 2, pi1 = 0.5, pi2 = 0.2, plannedSubjects = 200,
                                         maxNumberOfIterations = R, seed = seed))[["elapsed"]]
row("W1", R, t, s$overallReject, R)

# W3: W1 at 10 sample sizes from 20 to 200 per arm; rpact needs one call per sample size. Power reported
# at 20 per arm (the informative end of the curve; 200 per arm has power 1 to 6 digits).
perArm <- seq(20, 200, by = 20)
power20 <- NA
t <- system.time(for (n in perArm) {
  s <- getSimulationRates(design, groups = 2, pi1 = 0.5, pi2 = 0.2, plannedSubjects = 2 * n,
                          maxNumberOfIterations = R, seed = seed + n)
  if (n == 20) power20 <- s$overallReject
})[["elapsed"]]
row("W3", R * length(perArm), t, power20, R)

# W2: N = 500, exponential, control median 12 weeks (hazard log(2)/12 per week), hazard ratio 0.75, even
# accrual over 52 weeks, analysis at the 300th event, log-rank one-sided 2.5% (HR < 1 is the alternative).
t <- system.time(s <- getSimulationSurvival(design, lambda2 = log(2) / 12, hazardRatio = 0.75,
                                            directionUpper = FALSE, accrualTime = c(0, 52),
                                            maxNumberOfSubjects = 500, plannedEvents = 300,
                                            maxNumberOfIterations = R, seed = seed))[["elapsed"]]
row("W2", R, t, s$overallReject, R)
