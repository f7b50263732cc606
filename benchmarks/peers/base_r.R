# Vectorised base R of the peer workloads W1, W2, W3 (benchmarks/README.md, "Workloads"): what a
# methodologist writes without a simulation package, whole vectors of trials at once.
# Usage: Rscript base_r.R W1|W2|W3 REPLICATES[,...] [--inproc] [--seed S]   (rows and options: common.R)
here <- local({  # this file's folder, run by Rscript or source()d
  f <- tryCatch(sys.frame(1)$ofile, error = function(e) NULL)
  if (is.null(f)) f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(f) else "benchmarks/peers"
})
source(file.path(here, "common.R"))
tool <- paste0("base R ", getRversion(), " (vectorised)")

# Power of Pearson's chi-square (no continuity correction, two-sided 5%) at n per arm, response 0.2 vs 0.5:
# the pooled z on whole vectors of arm counts (z^2 is the chi-square; pbar 0 or 1 gives NaN: no rejection).
# Power counts rejections favouring treatment only (z > 0), as trialsim does.
binary_power <- function(R, n, p1 = 0.2, p2 = 0.5) {
  x1 <- rbinom(R, n, p1); x2 <- rbinom(R, n, p2)
  pbar <- (x1 + x2) / (2 * n)
  z <- (x2 - x1) / n / sqrt(pbar * (1 - pbar) * 2 / n)
  mean(!is.na(z) & z > 0 & z^2 > qchisq(0.95, 1))
}

binary_rows <- function(R, perArm) {
  p <- sapply(perArm, function(n) binary_power(R, n))
  data.frame(n_total = 2 * perArm, measure = "power:response", power = p, mcse = binomial_mcse(p, R))
}

w1 <- function(R, seed) { set.seed(seed); binary_rows(R, 100) }
attr(w1, "sizes") <- 1

# W3: W1 at 20, 40, ..., 200 per arm, each size drawn afresh.
w3 <- function(R, seed) { set.seed(seed); binary_rows(R, seq(20, 200, by = 20)) }
attr(w3, "sizes") <- 10

# W2: N = 500 in permuted blocks of 2, exponential times from randomization (control median 12 weeks, hazard
# ratio 0.75), patient i (1..500) entering at week 52 i / 500, analysis at the calendar time of the 300th
# event (patients entered after it are not in the analysis; the others are censored at it), two-sided log-rank
# at 5%, power counting the rejections that favour treatment. Chunks of 4000 trials bound memory (a chunk
# holds about 15 matrices of 500 x 4000).
W2_N <- 500L
W2_EVENTS <- 300L

# C trials of W2: the two-sided log-rank p-values, and (keep = TRUE) the data as analysed, patients x trials
# (for w2_check.R).
w2_chunk <- function(C, keep = FALSE, lambda = log(2) / 12, hr = 0.75) {
  N <- W2_N
  entry <- 52 * seq_len(N) / N
  first <- runif(N / 2 * C) < 0.5                             # treatment first in its block of 2
  trt <- matrix(as.vector(rbind(first, !first)), N)            # patients x trials
  t <- matrix(rexp(N * C), N) / ifelse(trt, lambda * hr, lambda)
  col <- rep(seq_len(C), each = N)
  calendar <- t + entry
  cutoff <- matrix(calendar[order(col, as.vector(calendar), method = "radix")], N)[W2_EVENTS, ]
  cutoff <- rep(cutoff, each = N)
  follow <- cutoff - entry
  inside <- follow > 0
  event <- inside & calendar <= cutoff                         # on the calendar: the 300th event is one
  time <- ifelse(inside, pmin(t, follow), Inf)
  o <- order(col, as.vector(time), method = "radix")           # sorted within each trial
  p <- logrank_p_sorted(matrix(inside[o], N), matrix(event[o], N), matrix(trt[o], N))
  if (!keep) return(p)
  list(p = p, trt = trt, time = matrix(time, N), event = matrix(event, N), inside = matrix(inside, N))
}

w2 <- function(R, seed) {
  set.seed(seed)
  rejected <- 0; done <- 0
  while (done < R) {
    C <- min(4000L, R - done)
    p <- w2_chunk(C)
    rejected <- rejected + sum(p <= 0.05 & attr(p, "benefit"))   # favouring treatment only, as trialsim
    done <- done + C
  }
  power <- rejected / R
  data.frame(n_total = W2_N, measure = "power:event", power = power, mcse = binomial_mcse(power, R))
}
attr(w2, "sizes") <- 1

if (sys.nframe() == 0L) peer_main(list(W1 = w1, W2 = w2, W3 = w3), tool)
