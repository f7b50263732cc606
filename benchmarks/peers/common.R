# Shared by the R peers of benchmarks/peers (base_r.R, rpact.R, mediana.R, w5.R): the command line of a peer
# script, its timing and its output rows. A peer script defines one function per workload,
#   f(R, seed) -> data.frame(n_total, measure, power, mcse)   (every size, every power measure it estimates)
# with its trials per replicate in attr(f, "sizes"), and calls peer_main(list(W1 = f1, ...), tool).
#
# Usage of a peer script:  Rscript PEER.R WORKLOAD REPLICATES[,REPLICATES...] [--inproc] [--seed S]
#   without --inproc (end to end: what a user's script does): one call per replicate count, no warm-up; seconds
#     is the elapsed time of the call alone (the whole process is timed by run.sh);
#   with --inproc (the function inside an already running R session): a warm-up call at 200 replicates first,
#     then each replicate count timed once; a call of 5 s or more is reported as it is, one of 0.1-5 s is
#     repeated twice more and the median reported, and one under 0.1 s (near the clock's 1 ms resolution) is
#     followed by a block of calls lasting about a second, timed as a whole, and their mean reported. The
#     estimates are those of the first timed call.
# Output: CSV rows without a header, workload,tool,threads,trials,seconds,n_total,measure,power,mcse (R runs
# on one thread here), with trials = replicates x sizes and mcse = sqrt(p (1 - p) / replicates).
# Exit 3 (and a line on stderr saying why) when the workload is not defined for this peer; a peer script exits 4
# when its package is not installed.

peer_row <- function(workload, tool, trials, seconds, est) {
  cat(sprintf("%s,%s,1,%.0f,%.6f,%d,%s,%.6f,%.6f\n", workload, tool, trials, seconds, as.integer(est$n_total),
              est$measure, est$power, est$mcse), sep = "")
}

binomial_mcse <- function(p, R) sqrt(p * (1 - p) / R)

peer_main <- function(workloads, tool, args = commandArgs(trailingOnly = TRUE), refused = list()) {
  inproc <- "--inproc" %in% args
  seed <- 20261122L
  s <- match("--seed", args)
  if (!is.na(s)) { seed <- as.integer(args[s + 1]); args <- args[-c(s, s + 1)] }
  args <- setdiff(args, "--inproc")
  if (length(args) < 2) stop("usage: Rscript PEER.R WORKLOAD REPLICATES[,REPLICATES...] [--inproc] [--seed S]")
  workload <- args[1]
  f <- workloads[[workload]]
  if (is.null(f)) {
    if (!is.null(refused[[workload]])) {
      message(sprintf("%s does not run %s: %s", tool, workload, refused[[workload]]))
      quit(status = 3)
    }
    message(sprintf("%s does not run %s (it runs %s)", tool, workload, paste(names(workloads), collapse = ", ")))
    quit(status = 3)
  }
  reps <- as.numeric(strsplit(args[2], ",")[[1]])
  if (inproc) invisible(f(200, seed + 1L))
  for (R in reps) {
    seconds <- system.time(est <- f(R, seed))[["elapsed"]]
    if (inproc && seconds < 0.1) {
      k <- min(1000, max(10, ceiling(1 / max(seconds, 0.001))))
      seconds <- system.time(for (i in seq_len(k)) f(R, seed + i))[["elapsed"]] / k
    } else if (inproc && seconds < 5) {
      seconds <- median(c(seconds, sapply(1:2, function(i) system.time(f(R, seed + i))[["elapsed"]])))
    }
    peer_row(workload, tool, R * attr(f, "sizes"), seconds, est)
  }
}

# Cumulative sums down each column of an N x C matrix, in one cumsum over the whole vector.
colcumsum <- function(x) {
  n <- nrow(x)
  cs <- cumsum(as.vector(x))
  before <- if (ncol(x) > 1) c(0, cs[seq(n, length(cs) - n, by = n)]) else 0
  matrix(cs - rep(before, each = n), n)
}

# Two-sided log-rank p-values of C trials at once (hypergeometric variance; exact times, so events are never
# tied). P, E, Tr: N x C logical matrices, each column one trial's patients sorted by time: in the analysis,
# had the event, on treatment. Risk sets by reverse cumulative sums. 1 where the variance is 0.
# attr(p, "benefit"): fewer events on treatment than expected (the direction that counts as power).
logrank_p_sorted <- function(P, E, Tr) {
  N <- nrow(P)
  cs_all <- colcumsum(P); cs_trt <- colcumsum(P & Tr)
  risk <- rep(cs_all[N, ], each = N) - cs_all + P
  risk_trt <- rep(cs_trt[N, ], each = N) - cs_trt + (P & Tr)
  E <- E & P
  f <- ifelse(E, risk_trt / pmax(risk, 1), 0)
  expected <- colSums(f)
  variance <- colSums(f * (1 - f))
  observed <- colSums(E & Tr)
  x2 <- (observed - expected)^2 / variance
  p <- ifelse(variance > 0, pchisq(x2, 1, lower.tail = FALSE), 1)
  attr(p, "benefit") <- observed < expected
  p
}
