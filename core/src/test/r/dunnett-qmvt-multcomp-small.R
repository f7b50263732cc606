# Dunnett critical values by mvtnorm::qmvt and single-step adjusted p-values by multcomp, at a precision that
# finishes in seconds (the larger dunnett-mvtnorm-multcomp-references.R did not finish in session 5).
# mvtnorm 1.1.3, multcomp 1.4.22. Recorded in DunnettTest.qmvtCriticalValues and multcompAdjustedPValues.
# Run: Rscript core/src/test/r/dunnett-qmvt-multcomp-small.R
suppressMessages({library(mvtnorm); library(multcomp)})
corr <- function(n0, n) { l <- sqrt(n / (n + n0)); r <- outer(l, l); diag(r) <- 1; r }
alg <- GenzBretz(maxpts = 100000, abseps = 1e-5, releps = 0)
for (cfg in list(list(n0 = 20, n = c(20, 20, 20), df = 76), list(n0 = 30, n = c(15, 20, 25), df = 86),
                 list(n0 = 50, n = c(50, 50, 50, 50), df = Inf))) {
  R <- corr(cfg$n0, cfg$n)
  df <- if (is.infinite(cfg$df)) 0 else cfg$df
  set.seed(1)
  q1 <- qmvt(0.975, tail = "lower.tail", corr = R, df = df, algorithm = alg)
  set.seed(1)
  q2 <- qmvt(0.95, tail = "both.tails", corr = R, df = df, algorithm = alg)
  cat(sprintf("n0 %d n %s df %s: one-sided 0.025 %.6f (f.quantile %.1e)  two-sided 0.05 %.6f (f.quantile %.1e)\n",
      cfg$n0, paste(cfg$n, collapse = ","), cfg$df, q1$quantile, q1$f.quantile, q2$quantile, q2$f.quantile))
}
set.seed(20261206)
g <- factor(rep(c("ctrl", "a", "b", "c"), c(12, 10, 11, 9)), levels = c("ctrl", "a", "b", "c"))
y <- round(rnorm(42, mean = c(ctrl = 10, a = 11, b = 13, c = 10.5)[as.character(g)], sd = 2), 2)
cat("y:", paste(y, collapse = ", "), "\n")
fit <- aov(y ~ g)
set.seed(2)
s2 <- summary(glht(fit, linfct = mcp(g = "Dunnett")), test = adjusted("single-step", abseps = 1e-6))
cat("two-sided t:", sprintf("%.10f", s2$test$tstat), "\n")
cat("two-sided adjusted p:", sprintf("%.8f", s2$test$pvalues), "\n")
set.seed(3)
s1 <- summary(glht(fit, linfct = mcp(g = "Dunnett"), alternative = "greater"), test = adjusted("single-step", abseps = 1e-6))
cat("one-sided adjusted p:", sprintf("%.8f", s1$test$pvalues), "\n")
