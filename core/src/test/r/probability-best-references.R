# P(arm j has the highest rate) for independent beta posteriors, by R's adaptive integrate (rel.tol 1e-12),
# recorded in ProbabilityBestTest. Run: Rscript core/src/test/r/probability-best-references.R
pbest <- function(a, b, j) integrate(function(x) {
  v <- dbeta(x, a[j], b[j]); for (i in seq_along(a)) if (i != j) v <- v * pbeta(x, a[i], b[i]); v
}, 0, 1, rel.tol = 1e-12, subdivisions = 1000L)$value
cases <- list(list(a = c(1, 1, 1), b = c(1, 1, 1)), list(a = c(13, 19, 9), b = c(29, 23, 33)),
              list(a = c(31, 46, 44), b = c(41, 26, 28)), list(a = c(2, 1, 7, 3), b = c(9, 12, 4, 10)),
              list(a = c(61, 58), b = c(81, 85)))
for (cs in cases) cat(sprintf("a=(%s) b=(%s): %s\n", paste(cs$a, collapse = ","), paste(cs$b, collapse = ","),
  paste(sprintf("%.12f", sapply(seq_along(cs$a), function(j) pbest(cs$a, cs$b, j))), collapse = " ")))
