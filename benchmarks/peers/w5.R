# Workload W5: the default scenario ketamine-vs-midazolam
# (core/src/main/resources/org/trialsim/scenarios/ketamine-vs-midazolam.yaml) written by hand in vectorised
# base R, as a methodologist would simulate it without trialsim. Base R only: the log-rank test is written by
# hand, vectorised over replicates (one sort of all replicates' times, then risk sets by reverse cumulative
# sums), not survival::survdiff, which would need one call per trial.
#
# Usage: Rscript w5.R W5 REPLICATES[,...] [--inproc] [--seed S] [--sizes SIZES]   (rows and options: common.R)
#   SIZES: total sample sizes, FROM:TO:BY or a list 40,80,120 (default the scenario's grid 40:200:20)
# Prints CSV rows without a header (R is single-threaded here):
#   workload,tool,threads,trials,seconds,n_total,measure,power,mcse
# with trials = replicates x sizes and seconds the elapsed time of the whole simulation (every size; the same
# on every row), measure named as in `trialsim power --format csv`: power_unadjusted:<endpoint> (each test
# at two-sided 0.05 alone), power:<endpoint> (the fixed sequence response -> benzo_free -> relapse: an
# endpoint is rejected if it and every one before it are), power:any and power:all; mcse = sqrt(p(1-p)/R).
#
# The model, as trialsim simulates it (docs/scenario-format.md; core/.../cohort and process packages). Times
# in weeks from randomization; induction lasts 4 weeks.
#  - stratum: long-term benzodiazepine user with probability 0.44, each patient independently;
#  - arm: stratified permuted blocks of 4 (2 ketamine, 2 midazolam in random order), one block sequence per
#    stratum, so arms are exactly balanced only within completed blocks of each stratum;
#  - response at the end of induction with probability 0.50 (ketamine) or 0.25 (midazolam);
#  - depressive relapse, responders only: a durable fraction (0.25 ketamine, 0 midazolam) never relapses, the
#    rest relapse at week 4 + Exp(0.4273);
#  - benzodiazepines, users only: discontinued by week 4 with probability 0.91 (ketamine) or 0.62
#    (midazolam); a discontinuer returns at week 4 + Exp(0.006923) (ketamine) or Exp(0.010385) (midazolam)
#    (hazard ratio after a depressive relapse 1: no coupling);
#  - dropout: with probability 0.10 at a uniform time during induction, else at week 4 + Exp(0.004662);
#  - enrollment uniform over 78 weeks, but the cutoff is 52 weeks of follow-up per patient, so entry times
#    change nothing and are not drawn; observation is exact, so the visit schedule changes nothing either;
#  - the trial of n is the first n patients of a cohort of the largest n (nested, as trialsim's grid).
# Endpoints (two-sided alpha 0.05, reject when p <= 0.05; an undefined statistic never rejects; power counts a
# rejection only in the direction that favours ketamine, as trialsim does since issue #15 point 5, while the
# fixed sequence passes on a rejection in either direction):
#  - response: responded and not dropped out before week 4 (a dropout counts as a failure), all patients,
#    Pearson chi-square without continuity correction;
#  - benzo_free: benzodiazepine users only; success = discontinued, no return by week 52 and not dropped out
#    before week 52; Pearson chi-square;
#  - relapse: responders still in the study at week 4; time from week 4 to relapse, censored at dropout or
#    week 52; an event counts if relapse <= min(dropout, 52); log-rank (hypergeometric variance; exact times,
#    so events are never tied).
here <- local({  # this file's folder, run by Rscript or source()d
  f <- tryCatch(sys.frame(1)$ofile, error = function(e) NULL)
  if (is.null(f)) f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(f) else "benchmarks/peers"
})
source(file.path(here, "common.R"))
sizes <- seq(40L, 200L, by = 20L)   # the scenario's grid (total sample sizes); --sizes replaces it
tool <- paste0("base R ", getRversion(), " (vectorised)")
CHUNK <- 5000L       # replicates per pass: bounds memory (a pass holds about 20 matrices of max(n) x CHUNK)
ALPHA <- 0.05

# Scenario parameters: index 1 ketamine (experimental), 2 midazolam (control).
p_user <- 0.44
p_response <- c(0.50, 0.25)
durable <- c(0.25, 0)
relapse_rate <- c(0.4273, 0.4273)
p_discontinue <- c(0.91, 0.62)
benzo_rate <- c(0.006923, 0.010385)
induction <- 4
p_drop_induction <- 0.10
drop_rate <- 0.004662
follow_up <- 52
benzo_week <- 52

# The 6 equally likely orders of a block {K, K, M, M} (a uniform shuffle of 4 gives each with probability 1/6);
# TRUE = ketamine.
arrangements <- matrix(c(TRUE, TRUE, FALSE, FALSE,  TRUE, FALSE, TRUE, FALSE,  TRUE, FALSE, FALSE, TRUE,
                         FALSE, TRUE, TRUE, FALSE,  FALSE, TRUE, FALSE, TRUE,  FALSE, FALSE, TRUE, TRUE),
                       nrow = 6, byrow = TRUE)

# Two-sided Pearson chi-square p-values of vectors of 2x2 tables (events x of n per arm); 1 when undefined.
# attr(p, "benefit"): whether the treatment's proportion is the higher (the direction that counts as power).
chisq_p <- function(xT, nT, xC, nC) {
  N <- nT + nC; m1 <- xT + xC; m2 <- N - m1
  x2 <- N * (xT * nC - xC * nT)^2 / (nT * nC * m1 * m2)
  p <- pchisq(x2, 1, lower.tail = FALSE)
  p[nT == 0 | nC == 0 | m1 == 0 | m2 == 0] <- 1
  attr(p, "benefit") <- xT * nC > xC * nT
  p
}

# One pass of C replicates: returns an array [size, replicate, endpoint] of two-sided p-values (unadjusted);
# with keep = TRUE a list of that array and the patients' data (for benchmarks/peers/w5_check.R).
simulate <- function(C, N, keep = FALSE, sz = sizes) {
  NC <- N * C
  user <- matrix(runif(NC) < p_user, N)                 # patients x replicates
  # Stratified permuted blocks: the k-th patient of a stratum (0-based) takes slot k %% 4 of the stratum's
  # block k %/% 4; each stratum's blocks are independent uniform arrangements.
  k_user <- colcumsum(user) - 1L
  k_non <- colcumsum(!user) - 1L
  k <- ifelse(user, k_user, k_non)
  blocks <- (N + 3L) %/% 4L
  type_user <- matrix(sample.int(6L, blocks * C, replace = TRUE), blocks)
  type_non <- matrix(sample.int(6L, blocks * C, replace = TRUE), blocks)
  rep_col <- rep(seq_len(C), each = N)
  block_index <- k %/% 4L + 1L + (rep_col - 1L) * blocks
  type <- ifelse(user, type_user[block_index], type_non[block_index])
  ket <- matrix(arrangements[cbind(as.vector(type), as.vector(k %% 4L) + 1L)], N)
  arm <- 2L - ket                                       # 1 ketamine, 2 midazolam

  responded <- runif(NC) < p_response[arm]
  relapse <- ifelse(responded & runif(NC) >= durable[arm], induction + rexp(NC) / relapse_rate[arm], Inf)
  discontinued <- user & runif(NC) < p_discontinue[arm]
  benzo_return <- ifelse(discontinued, induction + rexp(NC) / benzo_rate[arm], Inf)
  dropout <- ifelse(runif(NC) < p_drop_induction, induction * runif(NC), induction + rexp(NC) / drop_rate)

  # Binary endpoints: counts of the first n patients by prefix sums.
  at <- function(m) colcumsum(m)[sz, , drop = FALSE]
  success_r <- responded & dropout >= induction
  nK <- at(ket); nM <- sz - nK
  xK <- at(success_r & ket); xM <- at(success_r & !ket)
  p_response_test <- chisq_p(xK, nK, xM, nM)
  success_b <- discontinued & benzo_return > benzo_week & dropout >= benzo_week
  uK <- at(user & ket); uM <- at(user & !ket)
  bK <- at(success_b & ket); bM <- at(success_b & !ket)
  p_benzo_test <- chisq_p(bK, uK, bM, uM)

  # Log-rank on relapse among responders in the study at week 4, from week 4, censored at dropout or week 52.
  pop <- responded & dropout >= induction
  limit <- pmin(dropout, follow_up)
  event <- pop & relapse <= limit
  time <- ifelse(event, relapse, limit) - induction
  time[!pop] <- Inf
  o <- order(rep_col, as.vector(time), method = "radix")   # sorted within each replicate
  patient <- matrix((o - 1L) %% N + 1L, N)
  P <- matrix(pop[o], N); E <- matrix(event[o], N); Tr <- matrix(ket[o], N)
  p_relapse_test <- matrix(1, length(sz), C)
  benefit_relapse <- matrix(FALSE, length(sz), C)
  for (j in seq_along(sz)) {
    Pn <- P & patient <= sz[j]
    lr <- logrank_p_sorted(Pn, E, Tr)
    p_relapse_test[j, ] <- lr
    benefit_relapse[j, ] <- attr(lr, "benefit")
  }
  p <- array(c(p_response_test, p_benzo_test, p_relapse_test), c(length(sz), C, 3))
  attr(p, "benefit") <- array(c(attr(p_response_test, "benefit"), attr(p_benzo_test, "benefit"), benefit_relapse),
                              c(length(sz), C, 3))
  if (!keep) return(p)
  list(p = p, data = lapply(list(ket = ket, user = user, success_r = success_r, success_b = success_b, pop = pop,
                                 time = time, event = event), matrix, nrow = N))
}

# W5 at the grid `sizes`: every power measure at every size.
w5 <- function(R, seed) {
  set.seed(seed)
  rejections <- matrix(0, length(sizes), 8)
  done <- 0L
  while (done < R) {
    C <- min(CHUNK, R - done)
    p <- simulate(C, max(sizes))
    r <- p <= ALPHA
    b <- attr(p, "benefit")
    # the fixed sequence passes on a rejection in either direction; power counts the beneficial ones only
    fixed1 <- r[, , 1]; fixed2 <- fixed1 & r[, , 2]; fixed3 <- fixed2 & r[, , 3]
    power1 <- fixed1 & b[, , 1]; power2 <- fixed2 & b[, , 2]; power3 <- fixed3 & b[, , 3]
    rejections <- rejections + cbind(rowSums(power1), rowSums(power2), rowSums(power3),
                                     rowSums(r[, , 1] & b[, , 1]), rowSums(r[, , 2] & b[, , 2]),
                                     rowSums(r[, , 3] & b[, , 3]),
                                     rowSums(power1 | power2 | power3), rowSums(power1 & power2 & power3))
    done <- done + C
  }
  measures <- c("power:response", "power:benzo_free", "power:relapse", "power_unadjusted:response",
                "power_unadjusted:benzo_free", "power_unadjusted:relapse", "power:any", "power:all")
  p <- as.vector(t(rejections)) / R
  data.frame(n_total = rep(sizes, each = length(measures)), measure = measures, power = p,
             mcse = binomial_mcse(p, R))
}

if (sys.nframe() == 0L) {  # run as a script, not sourced by w5_check.R
  args <- commandArgs(trailingOnly = TRUE)
  s <- match("--sizes", args)
  if (!is.na(s)) {
    v <- args[s + 1]
    sizes <- if (grepl(":", v)) {
      f <- as.integer(strsplit(v, ":")[[1]]); seq(f[1], f[2], by = if (length(f) > 2) f[3] else 1L)
    } else as.integer(strsplit(v, ",")[[1]])
    sizes <- sort(sizes)
    args <- args[-c(s, s + 1)]
  }
  attr(w5, "sizes") <- length(sizes)
  peer_main(list(W5 = w5), tool, args)
}
