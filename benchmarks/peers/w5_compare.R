# Agreement of w5.R with trialsim on W5. Usage:
#   Rscript benchmarks/peers/w5_compare.R trialsim.csv w5.csv
# trialsim.csv: `trialsim power ketamine-vs-midazolam --reps R --format csv` (comment lines start with #);
# w5.csv: the rows `Rscript benchmarks/peers/w5.R W5 R --seed SEED` prints (benchmarks/peers/run.sh makes the
# same comparison for every peer). For every size and power measure: both
# estimates, their difference in combined Monte Carlo SEs, z = (R - trialsim) / sqrt(se_R^2 + se_trialsim^2),
# and whether |z| <= 3 (two independent correct estimates fail it with probability 0.0027 each). Prints a
# Markdown table, sizes down, measures across, each cell "trialsim / R (z)".
args <- commandArgs(trailingOnly = TRUE)
t <- read.csv(args[1], comment.char = "#", stringsAsFactors = FALSE)
r <- read.csv(args[2], header = FALSE, stringsAsFactors = FALSE,
              col.names = c("workload", "tool", "threads", "trials", "seconds", "n_total", "measure", "power", "mcse"))
m <- merge(t[grepl("^power", t$measure), c("n_total", "measure", "estimate", "mc_se")], r, by = c("n_total", "measure"))
m$z <- (m$power - m$estimate) / sqrt(m$mc_se^2 + m$mcse^2)
m$z[!is.finite(m$z)] <- 0
measures <- c("power_unadjusted:response", "power_unadjusted:benzo_free", "power_unadjusted:relapse",
              "power:benzo_free", "power:relapse")
cat("| n |", paste(measures, collapse = " | "), "|\n|---|", strrep("---|", length(measures)), "\n", sep = "")
for (n in sort(unique(m$n_total))) {
  cells <- sapply(measures, function(k) {
    x <- m[m$n_total == n & m$measure == k, ]
    sprintf("%.4f / %.4f (%+.1f)", x$estimate, x$power, x$z)
  })
  cat("| ", n, " | ", paste(cells, collapse = " | "), " |\n", sep = "")
}
cat(sprintf("\n%d comparisons (every power measure at every size, power:response = power:any and power:relapse = power:all under the fixed sequence included), largest |z| %.2f, %d beyond 3\n",
            nrow(m), max(abs(m$z)), sum(abs(m$z) > 3)))
