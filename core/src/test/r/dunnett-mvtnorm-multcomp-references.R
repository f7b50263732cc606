suppressMessages({library(mvtnorm); library(multcomp)})
options(digits = 15)
corr <- function(n0, n) { k <- length(n); l <- sqrt(n / (n + n0)); r <- outer(l, l); diag(r) <- 1; r }
set.seed(1)
alg <- GenzBretz(maxpts = 5e6, abseps = 1e-7, releps = 0)
# critical values: balanced 3 arms vs control, 20 per group (df 76), one- and two-sided, alpha 0.05 / 0.025
for (cfg in list(list(n0 = 20, n = c(20, 20, 20), df = 76), list(n0 = 30, n = c(15, 20, 25), df = 86),
                 list(n0 = 10, n = c(10, 10), df = 27), list(n0 = 50, n = c(50, 50, 50, 50), df = Inf))) {
  R <- corr(cfg$n0, cfg$n)
  k <- length(cfg$n)
  df <- if (is.infinite(cfg$df)) 0 else cfg$df
  q1 <- qmvt(0.975, tail = "lower.tail", corr = R, df = df, algorithm = alg)$quantile
  q2 <- qmvt(0.95, tail = "both.tails", corr = R, df = df, algorithm = alg)$quantile
  p1 <- pmvt(lower = rep(-Inf, k), upper = rep(2.1, k), corr = R, df = df, algorithm = alg)
  p2 <- pmvt(lower = rep(-2.4, k), upper = rep(2.4, k), corr = R, df = df, algorithm = alg)
  cat(sprintf("n0 %d n %s df %s: q one-sided 0.025 %.10f  q two-sided 0.05 %.10f  P(max T <= 2.1) %.12f (err %.1e)  P(max|T| <= 2.4) %.12f (err %.1e)\n",
      cfg$n0, paste(cfg$n, collapse = ","), cfg$df, q1, q2, p1, attr(p1, "error"), p2, attr(p2, "error")))
}
# multcomp on a data set: 4 groups (control first), unbalanced
set.seed(20261206)
g <- factor(rep(c("ctrl", "a", "b", "c"), c(12, 10, 11, 9)), levels = c("ctrl", "a", "b", "c"))
y <- round(rnorm(42, mean = c(ctrl = 10, a = 11, b = 13, c = 10.5)[as.character(g)], sd = 2), 2)
cat("y:", paste(y, collapse = ", "), "\n")
fit <- aov(y ~ g)
set.seed(2)
s2 <- summary(glht(fit, linfct = mcp(g = "Dunnett")), test = adjusted("single-step", abseps = 1e-9, maxpts = 2e7))
cat("two-sided t:", sprintf("%.12f", s2$test$tstat), "\n")
cat("two-sided adjusted p:", sprintf("%.10f", s2$test$pvalues), "\n")
set.seed(3)
s1 <- summary(glht(fit, linfct = mcp(g = "Dunnett"), alternative = "greater"), test = adjusted("single-step", abseps = 1e-9, maxpts = 2e7))
cat("one-sided adjusted p:", sprintf("%.10f", s1$test$pvalues), "\n")
