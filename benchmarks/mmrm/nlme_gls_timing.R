# R's nlme::gls on the data sets of MmrmFitPerformance, for the side-by-side timing of one MMRM fit
# (unstructured covariance, REML; the same model as org.trialsim.stats.MmrmTest). benchmarks/peers/w6.sh runs
# it; by hand:
#
#   java -cp benchmarks/target/benchmarks.jar org.trialsim.stats.MmrmFitPerformance /tmp/mmrm-data [K]
#   Rscript benchmarks/mmrm/nlme_gls_timing.R /tmp/mmrm-data [K]
#
# Fits the first K (default 16) data sets of each size once each, after one warm-up fit, and prints per size
# one line "nlme n=<N> datasets=<K> median_s=<s> min_s=<s> max_s=<s> max_abs_diff=<d> max_rel_se_diff=<r>":
# seconds per fit, and the largest difference from trialsim's week-6 difference and SE on the same data sets
# (trialsim-fits.csv, written by MmrmFitPerformance), a check that both fit the same model to the same data
# (gls's default tolerances stop short of the maximum by about 1e-4 in the estimates, so expect about that).
# Single-threaded R (Debian r-base-core, nlme 3.1-162).
suppressPackageStartupMessages(library(nlme))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
count <- if (length(args) > 1) as.integer(args[2]) else 16L
fit <- function(d) {
  d$fv <- factor(d$visit, levels = 1:6)
  gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = corSymm(form = ~ visit | id),
      weights = varIdent(form = ~ 1 | fv), method = "REML")
}
ours <- read.csv(file.path(dir, "trialsim-fits.csv"))
for (n in c(100, 500)) {
  files <- sprintf("%s/mmrm-%d-%d.csv", dir, n, seq_len(count) - 1)
  data <- lapply(files, read.csv)
  invisible(fit(data[[1]]))
  secs <- numeric(length(data)); diff <- numeric(length(data)); rel <- numeric(length(data))
  for (k in seq_along(data)) {
    t0 <- proc.time()[["elapsed"]]
    f <- fit(data[[k]])
    secs[k] <- proc.time()[["elapsed"]] - t0
    j <- ours$n == n & ours$dataset == k - 1
    diff[k] <- abs(coef(f)[["fv6:arm"]] - ours$difference[j])
    rel[k] <- abs(sqrt(vcov(f)["fv6:arm", "fv6:arm"]) / ours$se[j] - 1)
  }
  cat(sprintf("nlme n=%d datasets=%d median_s=%.6f min_s=%.6f max_s=%.6f max_abs_diff=%.2g max_rel_se_diff=%.2g\n",
              n, count, median(secs), min(secs), max(secs), max(diff), max(rel)))
}
