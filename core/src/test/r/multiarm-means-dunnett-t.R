# The stage-wise Dunnett test with a pooled (estimated) variance: p-values from the multivariate t (mvtnorm's
# pmvt, Genz-Bretz, absolute error 1e-7), recorded in org.trialsim.multiarm.DunnettTTest; and the exact power of
# the one-arm, one-analysis pooled t test (noncentral t), recorded in MultiArmMeansClosedFormTest.
# Run: Rscript core/src/test/r/multiarm-means-dunnett-t.R   (seconds)
# With a pooled SD S on df degrees of freedom and T_i = (m_i - m_0) / (S sqrt(1/n_i + 1/n_0)), the T_i are
# multivariate t with df and correlations lambda_i lambda_j, lambda_i = sqrt(n_i / (n_i + n_0)); the intersection's
# p-value is 1 - P(max T_i <= t_max).
suppressMessages(library(mvtnorm))
p <- function(label, n, n0, df, tmax) {
  l <- sqrt(n / (n + n0))
  R <- outer(l, l); diag(R) <- 1
  set.seed(1)
  v <- 1 - pmvt(lower = rep(-Inf, length(n)), upper = rep(tmax, length(n)), df = df, corr = R,
    algorithm = GenzBretz(abseps = 1e-8, maxpts = 5e6))
  cat(sprintf("%s n=(%s) n0=%d df=%d tmax=%s p %.8f\n", label, paste(n, collapse = ","), n0, df, tmax, v))
}
p("T1", c(20, 20, 20), 20, 28, 2.3)
p("T2", c(20, 30), 30, 10, 2.8)
p("T3", c(40, 40, 40), 40, 200, 2.0)
p("T4", c(15, 15, 15, 15), 30, 60, 2.6)
p("T5", c(8, 8, 8), 8, 28, 0.4)
# One arm against the control, 8 patients each, SD 10, difference 12, one analysis: pooled t on 14 df at
# one-sided alpha 0.025; power = P(T' >= t_{0.975, 14}), T' noncentral t with ncp = 12 / (10 sqrt(2 / 8)).
cat(sprintf("P1 t power %.8f (the z test with known SD: %.8f)\n",
  1 - pt(qt(0.975, 14), 14, ncp = 12 / (10 * sqrt(2 / 8))), 1 - pnorm(qnorm(0.975) - 12 / (10 * sqrt(2 / 8)))))
