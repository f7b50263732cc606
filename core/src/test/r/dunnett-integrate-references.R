# Dunnett's one-factor integral by R's integrate (normal case df = Inf; and df finite by a nested integrate)
options(digits = 15)
pd <- function(c, n0, n, df = Inf, two = FALSE) {
  l <- sqrt(n / (n + n0)); r <- sqrt(n0 / (n + n0))
  inner <- function(cs) integrate(function(w) sapply(w, function(ww) dnorm(ww) * prod(
      if (two) pnorm((cs - l * ww) / r) - pnorm((-cs - l * ww) / r) else pnorm((cs - l * ww) / r))),
      -Inf, Inf, rel.tol = 1e-12)$value
  if (is.infinite(df)) return(inner(c))
  fs <- function(s) exp(log(2) + df / 2 * log(df / 2) - lgamma(df / 2) + (df - 1) * log(s) - df * s^2 / 2)
  integrate(function(s) sapply(s, function(ss) fs(ss) * inner(c * ss)), 0, Inf, rel.tol = 1e-11)$value
}
cat(sprintf("%.12f\n", pd(2.1, 20, c(20, 20, 20), 76)))
cat(sprintf("%.12f\n", pd(2.4, 20, c(20, 20, 20), 76, TRUE)))
cat(sprintf("%.12f\n", pd(2.1, 30, c(15, 20, 25), 86)))
cat(sprintf("%.12f\n", pd(2.4, 10, c(10, 10), 27, TRUE)))
cat(sprintf("%.12f\n", pd(2.1, 50, c(50, 50, 50, 50))))
cat(sprintf("%.12f\n", pd(2.4, 50, c(50, 50, 50, 50), Inf, TRUE)))
cat(sprintf("q %.10f\n", uniroot(function(c) 1 - pd(c, 50, c(50, 50, 50, 50)) - 0.025, c(1.5, 4), tol = 1e-12)$root))
