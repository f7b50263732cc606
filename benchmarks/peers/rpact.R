# rpact's simulation of the peer workloads W1, W2, W3 (benchmarks/README.md, "Workloads").
# Usage: Rscript rpact.R W1|W2|W3 REPLICATES[,...] [--inproc] [--seed S]   (rows and options: common.R)
# rpact runs on one thread. Its rates test with thetaH0 = 0 and the normal approximation is the pooled
# two-proportion z (the signed square root of Pearson's chi-square); one-sided 2.5% in the direction of the
# alternative, which equals the two-sided 5% chi-square up to the wrong-direction rejections (< 1e-9 here).
# Likewise its log-rank at one-sided 2.5% against trialsim's two-sided 5%.
here <- local({  # this file's folder, run by Rscript or source()d
  f <- tryCatch(sys.frame(1)$ofile, error = function(e) NULL)
  if (is.null(f)) f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(f) else "benchmarks/peers"
})
source(file.path(here, "common.R"))
if (!suppressPackageStartupMessages(requireNamespace("rpact", quietly = TRUE))) {
  message("rpact is not installed: skipped (Debian: apt-get install r-cran-rpact)")
  quit(status = 4)
}
suppressPackageStartupMessages(library(rpact))
tool <- paste0("rpact ", packageVersion("rpact"))
design <- getDesignGroupSequential(kMax = 1, alpha = 0.025, sided = 1)

rates <- function(R, seed, perArm) {
  p <- sapply(perArm, function(n) getSimulationRates(design, groups = 2, pi1 = 0.5, pi2 = 0.2,
                                                     plannedSubjects = 2 * n, maxNumberOfIterations = R,
                                                     seed = seed + n)$overallReject)
  data.frame(n_total = 2 * perArm, measure = "power:response", power = p, mcse = binomial_mcse(p, R))
}

# W1: 100 per arm, response 0.2 (control) vs 0.5.
w1 <- function(R, seed) rates(R, seed, 100)
attr(w1, "sizes") <- 1

# W3: W1 at 10 sample sizes from 20 to 200 per arm; rpact needs one call per sample size.
w3 <- function(R, seed) rates(R, seed, seq(20, 200, by = 20))
attr(w3, "sizes") <- 10

# W2: N = 500, exponential, control median 12 weeks (hazard log(2)/12 per week), hazard ratio 0.75, even
# accrual over 52 weeks, analysis at the 300th event, log-rank one-sided 2.5% (HR < 1 is the alternative).
w2 <- function(R, seed) {
  s <- getSimulationSurvival(design, lambda2 = log(2) / 12, hazardRatio = 0.75, directionUpper = FALSE,
                             accrualTime = c(0, 52), maxNumberOfSubjects = 500, plannedEvents = 300,
                             maxNumberOfIterations = R, seed = seed)
  data.frame(n_total = 500, measure = "power:event", power = s$overallReject,
             mcse = binomial_mcse(s$overallReject, R))
}
attr(w2, "sizes") <- 1

if (sys.nframe() == 0L) peer_main(list(W1 = w1, W2 = w2, W3 = w3), tool)
