# Checks the hand-written tests of w5.R trial by trial against R's own: the vectorised log-rank against
# survival::survdiff and the vectorised chi-square against prop.test(correct = FALSE), on 300 simulated
# trials at every size of the grid. Usage: Rscript benchmarks/peers/w5_check.R (prints the largest
# differences in p-value; run from the repository root).
suppressMessages(library(survival))
source("benchmarks/peers/w5.R")
set.seed(7)
C <- 300L
s <- simulate(C, max(sizes), keep = TRUE)
d <- s$data
worst <- c(response = 0, benzo_free = 0, relapse = 0)
for (j in seq_along(sizes)) {
  n <- sizes[j]
  for (r in seq_len(C)) {
    rows <- seq_len(n)
    k <- d$ket[rows, r]
    pr <- if (length(unique(d$success_r[rows, r])) < 2) 1 else
      suppressWarnings(prop.test(c(sum(d$success_r[rows, r] & k), sum(d$success_r[rows, r] & !k)),
                                 c(sum(k), sum(!k)), correct = FALSE)$p.value)
    u <- d$user[rows, r]
    b <- d$success_b[rows, r]
    pb <- if (length(unique(b[u])) < 2 || length(unique(k[u])) < 2) 1 else
      suppressWarnings(prop.test(c(sum(b & u & k), sum(b & u & !k)), c(sum(u & k), sum(u & !k)),
                                 correct = FALSE)$p.value)
    pop <- d$pop[rows, r]
    pl <- if (sum(d$event[rows, r] & pop) == 0 || length(unique(k[pop])) < 2) 1 else {
      f <- survdiff(Surv(d$time[rows, r][pop], d$event[rows, r][pop]) ~ k[pop])
      pchisq(f$chisq, 1, lower.tail = FALSE)
    }
    worst <- pmax(worst, abs(c(pr, pb, pl) - s$p[j, r, ]))
  }
}
cat(sprintf("largest |p(w5.R) - p(R)| over %d trials x %d sizes: response %.2e (prop.test), benzo_free %.2e ",
            C, length(sizes), worst[1], worst[2]), sprintf("(prop.test), relapse %.2e (survdiff)\n", worst[3]),
    sep = "")
