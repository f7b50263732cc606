# Reference rejection sets for HolmBonferroniHochbergAgainstRTest: R 4.2 (Debian bookworm r-base),
# stats::p.adjust. Run from this directory:  Rscript padjust-reference.R > padjust-reference.csv
# p-values are rounded to 12 significant digits before p.adjust, so that Java parses exactly the doubles R used.
set.seed(20261122)
cat("m,alpha,p,holm,hochberg,bonferroni\n")
mask <- function(x) paste(as.integer(x), collapse = "")
for (i in 1:2500) {
  m <- sample(2:6, 1)
  alpha <- if (i %% 2 == 0) 0.05 else 0.025
  # a mix of small and uniform p-values so that all rejection counts occur
  p <- signif(ifelse(runif(m) < 0.6, runif(m)^3 * 0.1, runif(m)), 12)
  cat(m, ",", alpha, ",", paste(sprintf("%.12g", p), collapse = " "), ",",
      mask(p.adjust(p, "holm") <= alpha), ",", mask(p.adjust(p, "hochberg") <= alpha), ",",
      mask(p.adjust(p, "bonferroni") <= alpha), "\n", sep = "")
}
