# W7 of issue #16 as a methodologist would write it in base R (adaptr is not in Debian): three arms
# (control 0.25, a 0.35, b 0.45), 200 patients, looks after 40, 80, 120, 160 and 200, Thall-Wathen transform
# n/(2N), allocation clipped to [0.1, 0.8], P(best) and P(better than control) from 5000 posterior draws per
# arm (adaptr's default), inferiority 0.01, futility 0.05, superiority 0.99, success 0.975: the rules of
# trialsim's ResponseAdaptiveDesign (ResponseAdaptivePerformance). Usage: Rscript w7-rar.R [trials]
args <- commandArgs(TRUE)
trials <- if (length(args)) as.integer(args[1]) else 10000L
rates <- c(0.25, 0.35, 0.45); looks <- c(40, 80, 120, 160, 200); N <- 200; draws <- 5000
clip <- function(p, lo, hi) {
  fixed <- p == 0
  for (r in seq_along(p)) {
    low <- !fixed & p < lo; high <- !fixed & p > hi
    if (!any(low | high)) break
    p[low] <- lo; p[high] <- hi; fixed <- fixed | low | high
    free <- !fixed
    if (any(free)) p[free] <- p[free] * (1 - sum(p[fixed])) / sum(p[free])
  }
  p / sum(p)
}
one <- function() {
  n <- x <- c(0, 0, 0); active <- c(TRUE, TRUE, TRUE); alloc <- rep(1 / 3, 3); enrolled <- 0
  for (l in seq_along(looks)) {
    k <- looks[l] - enrolled
    arm <- sample.int(3, k, replace = TRUE, prob = alloc)
    y <- runif(k) < rates[arm]
    n <- n + tabulate(arm, 3); x <- x + tabulate(arm[y], 3); enrolled <- looks[l]
    post <- sapply(1:3, function(i) rbeta(draws, 1 + x[i], 1 + n[i] - x[i]))
    post[, !active] <- -Inf
    pbest <- tabulate(max.col(post), 3) / draws
    pctrl <- colMeans(post > post[, 1])
    cand <- which(active & seq_along(active) > 1)
    lead <- cand[which.max(pbest[cand])]
    if (l == length(looks)) return(c(success = pctrl[lead] > 0.975, lead = lead, n))
    if (pctrl[lead] > 0.99) return(c(success = TRUE, lead = lead, n))
    drop <- active & seq_along(active) > 1 & (pbest < 0.01 | pctrl < 0.05)
    active <- active & !drop
    if (!any(active[-1])) return(c(success = FALSE, lead = 0, n))
    pb <- pbest; pb[!active] <- 0
    alloc <- clip((pb^(enrolled / (2 * N))) / sum(pb^(enrolled / (2 * N))), 0.1, 0.8)
    alloc[!active] <- 0
  }
}
set.seed(20261206)
t <- system.time(res <- t(replicate(trials, one())))
cat(sprintf("trials %d  elapsed %.1f s  success %.4f  patients %s\n", trials, t[["elapsed"]], mean(res[, 1]),
  paste(sprintf("%.1f", colMeans(res[, 3:5])), collapse = " ")))
