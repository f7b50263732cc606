# R's nlme::gls on the data sets of MmrmFitPerformance, for the side-by-side timing of one MMRM fit
# (unstructured covariance, REML; the same model as org.trialsim.stats.MmrmTest).
#
#   java -cp benchmarks/target/benchmarks.jar org.trialsim.stats.MmrmFitPerformance /tmp/mmrm-data
#   Rscript benchmarks/mmrm/nlme_gls_timing.R /tmp/mmrm-data
#
# Prints, per size, the median seconds per fit over the 16 data sets (each fitted once after one warm-up
# fit) and the mean treatment difference at visit 6 with its SE (the same figures the Java fit gives, to
# check that both fit the same data). Single-threaded R (Debian r-base-core, nlme 3.1-162).
suppressPackageStartupMessages(library(nlme))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
fit <- function(d) {
  d$fv <- factor(d$visit, levels = 1:6)
  gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = corSymm(form = ~ visit | id),
      weights = varIdent(form = ~ 1 | fv), method = "REML")
}
for (n in c(100, 500)) {
  files <- sprintf("%s/mmrm-%d-%d.csv", dir, n, 0:15)
  data <- lapply(files, read.csv)
  invisible(fit(data[[1]]))
  secs <- numeric(length(data)); est <- numeric(length(data)); se <- numeric(length(data))
  for (k in seq_along(data)) {
    t0 <- proc.time()[["elapsed"]]
    f <- fit(data[[k]])
    secs[k] <- proc.time()[["elapsed"]] - t0
    est[k] <- coef(f)[["fv6:arm"]]; se[k] <- sqrt(vcov(f)["fv6:arm", "fv6:arm"])
  }
  cat(sprintf("n=%d: nlme::gls median %.4f s per fit (min %.4f, max %.4f); data set 0: difference %.6f (SE %.6f)\n",
              n, median(secs), min(secs), max(secs), est[1], se[1]))
}
