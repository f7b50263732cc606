# W7 of issue #16 in vectorised base R, as a methodologist would write it: a three-arm trial with response-adaptive
# randomisation. adaptr (Granholm et al. 2022) is not in Debian (apt-cache policy r-cran-adaptr: no candidate) and
# this project installs no CRAN packages, so this is plain R with the rules of trialsim's ResponseAdaptiveDesign
# (benchmarks ResponseAdaptivePerformance.w7, core ResponseAdaptiveSimulationTest.w7):
#   arms control (0.25), a (0.35), b (0.45); uniform Beta(1, 1) priors; 200 patients; analyses after 40, 80, 120,
#   160 and 200 (4 interims and the final); equal allocation until the first look (the burn-in); then allocation
#   proportional to P(best)^c, c = n / (2 N) (Thall and Wathen 2007), clipped to [0.1, 0.8] per active arm (clipped
#   arms fixed, the others rescaled, repeated); a non-control arm is dropped when P(best) < 0.01 or
#   P(better than control) < 0.05; the trial stops for superiority when the leading arm's P(better than control)
#   > 0.99, for futility when no non-control arm is left; at the last look the leading arm (largest P(best) among
#   active non-control arms, ties to the first) is selected and the trial succeeds when its P(better than control)
#   > 0.975. P(best) is recomputed over the arms left after dropping before the allocation is adapted.
#
# All trials advance together look by look (vectorised over trials: one matrix row per trial). Two ways to get
# P(best) and P(p_arm > p_control):
#   grid  (default) a midpoint rule on 500 points of (0, 1) with dbeta/pbeta, vectorised over trials (error below
#         2e-10 against integrate() on 200 random W7 posteriors, like trialsim's quadrature);
#   draws 5000 posterior draws per arm and trial (adaptr's default n_draws), in chunks of trials; the Monte Carlo
#         error of P(best) (up to 0.007) blurs the thresholds slightly, so operating characteristics may differ
#         from the exact rule by a little more than their own MCSE at large trial counts.
#
# Usage: Rscript w7.R [trials] [grid|draws] [seed]
# Output (stdout): CSV lines  tool,trials,seconds,measure,estimate,mcse  (seconds: the simulation, in-process)
args <- commandArgs(TRUE)
trials <- if (length(args) >= 1) as.integer(args[1]) else 10000L
method <- if (length(args) >= 2) args[2] else "grid"
seed <- if (length(args) >= 3) as.integer(args[3]) else 20261206L
stopifnot(method %in% c("grid", "draws"))
rates <- c(0.25, 0.35, 0.45); looks <- c(40, 80, 120, 160, 200); N <- 200; m <- 3
floorP <- 0.1; capP <- 0.8; inferiority <- 0.01; futility <- 0.05; superiority <- 0.99; success <- 0.975
G <- 500; grid <- (seq_len(G) - 0.5) / G; draws <- 5000L; chunk <- 50L

# P(best) over the active arms (T x m, 0 for inactive) and P(p_j > p_1) (T x m), for posteriors Beta(a, b).
posterior_grid <- function(a, b, active, beats = TRUE) {
  T <- nrow(a)
  dens <- F <- vector("list", m)
  for (j in 1:m) {
    dens[[j]] <- matrix(dbeta(rep(grid, each = T), a[, j], b[, j]), T) / G
    F[[j]] <- matrix(pbeta(rep(grid, each = T), a[, j], b[, j]), T)
  }
  control <- F[[1]]
  for (j in 1:m) F[[j]][!active[, j], ] <- 1          # an inactive arm never beats anyone
  best <- P <- matrix(0, T, m)
  for (j in 1:m) {
    prod <- dens[[j]]
    for (i in setdiff(1:m, j)) prod <- prod * F[[i]]
    best[, j] <- ifelse(active[, j], rowSums(prod), 0)
    if (beats) P[, j] <- rowSums(dens[[j]] * control)
  }
  list(best = best / pmax(rowSums(best), 1e-300), beats = P)
}
posterior_draws <- function(a, b, active, beats = TRUE) {
  T <- nrow(a); best <- beats <- matrix(0, T, m)
  for (from in seq(1, T, by = chunk)) {
    rows <- from:min(T, from + chunk - 1); k <- length(rows)
    post <- array(rbeta(k * draws * m, rep(a[rows, ], each = draws), rep(b[rows, ], each = draws)), c(draws, k, m))
    for (r in seq_len(k)) {
      p <- post[, r, ]
      q <- p; q[, !active[rows[r], ]] <- -Inf
      best[rows[r], ] <- tabulate(max.col(q, "first"), m) / draws
      beats[rows[r], ] <- colMeans(p > p[, 1])
    }
  }
  list(best = best, beats = beats)
}
posterior <- if (method == "grid") posterior_grid else posterior_draws

clip <- function(p, active) {                       # rows: trials; Thall-Wathen allocation clipped to [floor, cap]
  fixed <- !active
  for (round in 1:m) {
    low <- !fixed & p < floorP; high <- !fixed & p > capP
    changed <- rowSums(low | high) > 0
    if (!any(changed)) break
    p[low] <- floorP; p[high] <- capP; fixed <- fixed | low | high
    freeMass <- rowSums(p * (!fixed & active)); fixedMass <- rowSums(p * (fixed & active))
    scale <- ifelse(freeMass > 0, (1 - fixedMass) / freeMass, 0)
    p <- ifelse(!fixed & changed, p * scale, p)
  }
  p * active / rowSums(p * active)
}

simulate <- function(trials) {
  n <- x <- matrix(0, trials, m); active <- matrix(TRUE, trials, m)
  alloc <- matrix(1 / m, trials, m); running <- rep(TRUE, trials)
  succ <- sup <- fut <- rep(FALSE, trials); selected <- rep(0L, trials); dropped <- matrix(FALSE, trials, m)
  enrolled <- 0
  for (l in seq_along(looks)) {
    k <- looks[l] - enrolled; enrolled <- looks[l]
    R <- which(running); T <- length(R)
    u <- matrix(runif(T * k), T); cum <- t(apply(alloc[R, , drop = FALSE], 1, cumsum))
    arm <- 1L + (u >= cum[, 1]) + (u >= cum[, 2])
    y <- matrix(runif(T * k), T) < matrix(rates[arm], T)
    for (j in 1:m) {
      n[R, j] <- n[R, j] + rowSums(arm == j); x[R, j] <- x[R, j] + rowSums(arm == j & y)
    }
    a <- 1 + x[R, , drop = FALSE]; b <- 1 + n[R, , drop = FALSE] - x[R, , drop = FALSE]
    act <- active[R, , drop = FALSE]
    pp <- posterior(a, b, act)
    cand <- pp$best; cand[, 1] <- -1; cand[!act] <- -1
    lead <- max.col(cand, "first")
    leadBeats <- pp$beats[cbind(seq_len(T), lead)]
    if (l == length(looks)) {
      selected[R] <- lead; succ[R] <- leadBeats > success; running[R] <- FALSE
      break
    }
    stopSup <- leadBeats > superiority
    selected[R[stopSup]] <- lead[stopSup]; succ[R[stopSup]] <- TRUE; sup[R[stopSup]] <- TRUE
    drop <- act & (pp$best < inferiority | pp$beats < futility); drop[, 1] <- FALSE; drop[stopSup, ] <- FALSE
    dropped[R, ] <- dropped[R, ] | drop
    act <- act & !drop; active[R, ] <- act
    stopFut <- !stopSup & rowSums(act[, -1, drop = FALSE]) == 0
    fut[R[stopFut]] <- TRUE
    running[R[stopSup | stopFut]] <- FALSE
    go <- !(stopSup | stopFut)
    if (!any(go)) break
    pb <- posterior(a[go, , drop = FALSE], b[go, , drop = FALSE], act[go, , drop = FALSE], beats = FALSE)$best
    w <- pb^(enrolled / (2 * N)) * act[go, , drop = FALSE]
    alloc[R[go], ] <- clip(w / rowSums(w), act[go, , drop = FALSE])
  }
  list(n = n, succ = succ, sup = sup, fut = fut, selected = selected, dropped = dropped)
}

set.seed(seed)
elapsed <- system.time(res <- simulate(trials))[["elapsed"]]
prop <- function(v) c(mean(v), sqrt(mean(v) * (1 - mean(v)) / length(v)))
avg <- function(v) c(mean(v), sd(v) / sqrt(length(v)))
tool <- paste0("R-", method)
out <- list(success = prop(res$succ), superiority_stop = prop(res$sup), futility_stop = prop(res$fut),
  selected_a = prop(res$selected == 2), selected_b = prop(res$selected == 3),
  dropped_a = prop(res$dropped[, 2]), dropped_b = prop(res$dropped[, 3]),
  patients_control = avg(res$n[, 1]), patients_a = avg(res$n[, 2]), patients_b = avg(res$n[, 3]),
  patients_total = avg(rowSums(res$n)))
for (name in names(out)) {
  cat(sprintf("%s,%d,%.3f,%s,%.6f,%.6f\n", tool, trials, elapsed, name, out[[name]][1], out[[name]][2]))
}
