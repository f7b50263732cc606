# Formats the peer comparison. Usage: Rscript table.R results.csv
# Input columns: workload,tool,threads,trials,seconds,power,mcse. For each workload the reference is
# trialsim's engine row (or, where the engine cannot run the workload, its count path) on 1 thread and on
# the most threads measured; "x vs trialsim" is how many times faster trialsim is than the row's tool.
# Agreement: |power - reference power| <= 3 * sqrt(mcse^2 + reference mcse^2), a 3-sigma check of two
# independent Monte Carlo estimates (a correct pair fails it with probability 0.0027).
options(width = 250)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, strip.white = TRUE)
d$rate <- d$trials / d$seconds
out <- NULL
for (w in sort(unique(d$workload))) {
  x <- d[d$workload == w, ]
  ref <- x[x$tool == "trialsim engine", ]
  if (nrow(ref) == 0) ref <- x[x$tool == "trialsim count path", ]
  if (nrow(ref) == 0) {
    ref <- x[1, ]
    ref$rate <- NA
    ref$power <- NA
  }
  one <- ref[ref$threads == min(ref$threads), ][1, ]
  all <- ref[ref$threads == max(ref$threads), ][1, ]
  for (i in seq_len(nrow(x))) {
    r <- x[i, ]
    diff <- abs(r$power - one$power)
    ok <- is.na(diff) || diff <= 3 * sqrt(r$mcse^2 + one$mcse^2)
    out <- rbind(out, data.frame(
      workload = w, tool = r$tool, threads = r$threads, trials = r$trials,
      `trials/s` = formatC(r$rate, format = "d", big.mark = ","),
      `power ± MCSE` = sprintf("%.4f ± %.4f", r$power, r$mcse),
      `trialsim 1 thr x` = sprintf("%.1f", one$rate / r$rate),
      `trialsim all thr x` = sprintf("%.1f", all$rate / r$rate),
      agrees = if (is.na(diff)) "no trialsim row" else if (ok) "yes" else sprintf("NO (%.1f sigma)", diff / sqrt(r$mcse^2 + one$mcse^2)),
      check.names = FALSE))
  }
}
print(out, row.names = FALSE, right = FALSE)
cat("\nReference per workload: trialsim engine if present, else trialsim count path;",
    "'trialsim N thr x' = trialsim's trials/s on N threads divided by the row's.\n")
