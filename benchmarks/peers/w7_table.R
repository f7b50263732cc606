# Prints the table of benchmarks/peers/w7.sh from its CSV: times, then operating characteristics with |z| of each
# R run against the first trialsim run (proportions: pooled binomial SE; means: combined MCSE). Usage: Rscript w7_table.R w7-last-run.csv
d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE)
tools <- unique(d$tool)
cat("\nW7: three arms, response-adaptive randomisation, 4 interims, 200 patients\n\n")
cat(sprintf("%-14s %8s %12s %14s %12s\n", "tool", "trials", "process (s)", "simulation (s)", "trials/s"))
for (t in tools) {
  r <- d[d$tool == t, ][1, ]
  cat(sprintf("%-14s %8d %12.2f %14.2f %12.0f\n", t, r$trials, r$process_seconds, r$seconds, r$trials / r$seconds))
}
ref <- tools[grepl("^trialsim", tools)][1]
others <- tools[!grepl("^trialsim", tools)]
cat(sprintf("\n%-17s %-18s", "measure", paste(ref, "(MCSE)")))
for (t in others) cat(sprintf(" %-18s %5s", paste(t, "(MCSE)"), "|z|"))
cat("\n")
worst <- setNames(rep(0, length(others)), others)
for (m in unique(d$measure)) {
  a <- d[d$tool == ref & d$measure == m, ]
  cat(sprintf("%-17s %9.4f (%.4f)", m, a$estimate, a$mcse))
  for (t in others) {
    b <- d[d$tool == t & d$measure == m, ]
    # proportions: the pooled binomial SE (a run with no event has MCSE 0, which would make any difference
    # look significant); means (patients_*): the two MCSEs combined
    se <- if (startsWith(m, "patients")) sqrt(a$mcse^2 + b$mcse^2) else {
      p <- (a$estimate * a$trials + b$estimate * b$trials) / (a$trials + b$trials)
      sqrt(p * (1 - p) * (1 / a$trials + 1 / b$trials))
    }
    z <- if (se > 0) abs(a$estimate - b$estimate) / se else 0
    worst[t] <- max(worst[t], z)
    cat(sprintf(" %9.4f (%.4f) %5.2f", b$estimate, b$mcse, z))
  }
  cat("\n")
}
for (t in others) cat(sprintf("largest |z|, %s against %s: %.2f\n", t, ref, worst[t]))
