# The report of benchmarks/peers/run.sh. Usage: Rscript report.R OUT_DIR
# Reads OUT_DIR/inproc.csv (part a), OUT_DIR/e2e.csv and OUT_DIR/outputs/ (part b), prints three Markdown
# tables (agreement, end to end, in process) and writes OUT_DIR/summary.csv and OUT_DIR/agreement.csv.
#
# Ratios are at equal trial counts: "x" = the command's (or function's) time / trialsim's time on the same
# workload and replicates, so x > 1 means trialsim is x times faster. End to end, trialsim's reference is
# `./trialsim power ... --null-reps none` (the same trials as the peers); for W1 the issue's target command,
# with the null run as by default, is shown beside it with its own column.
# Agreement: z = (peer - trialsim) / sqrt(mcse_peer^2 + mcse_trialsim^2) for every size and power measure the
# peer estimates, from round 1's outputs (fixed seeds: every round gives the same estimates); two independent
# correct estimates give |z| > 3 with probability 0.0027 each, so among the ~200 comparisons of a full run
# about half a one is expected beyond 3 by chance; beyond 4 is not (6e-5 each).
options(width = 200, stringsAsFactors = FALSE)
out <- commandArgs(trailingOnly = TRUE)[1]
fmt_s <- function(x) ifelse(is.na(x), "-", ifelse(x < 10, sprintf("%.3f", x), sprintf("%.1f", x)))
fmt_x <- function(x) ifelse(is.na(x), "-", ifelse(x < 10, sprintf("%.2f", x), sprintf("%.0f", x)))
fmt_n <- function(x) formatC(x, format = "d", big.mark = ",")
md <- function(d) {
  cat("| ", paste(names(d), collapse = " | "), " |\n|", strrep("---|", ncol(d)), "\n", sep = "")
  for (i in seq_len(nrow(d))) cat("| ", paste(unlist(d[i, ]), collapse = " | "), " |\n", sep = "")
  cat("\n")
}
est_cols <- c("workload", "tool", "threads", "trials", "seconds", "n_total", "measure", "power", "mcse")

# Estimates printed by one command: trialsim's CSV (comment lines, header) or a peer's rows (no header).
read_estimates <- function(file, trialsim) {
  if (!file.exists(file) || file.info(file)$size == 0) return(NULL)
  d <- tryCatch(if (trialsim) {
    x <- read.csv(file, comment.char = "#")
    data.frame(n_total = x$n_total, measure = x$measure, power = x$estimate, mcse = x$mc_se)
  } else {
    x <- read.csv(file, header = FALSE, col.names = est_cols)
    x[, c("n_total", "measure", "power", "mcse")]
  }, error = function(e) NULL)
  if (is.null(d)) return(NULL)
  d[grepl("^power", d$measure), ]
}

summary_rows <- NULL
e2e <- if (file.exists(file.path(out, "e2e.csv"))) read.csv(file.path(out, "e2e.csv")) else NULL
inproc <- if (file.exists(file.path(out, "inproc.csv"))) read.csv(file.path(out, "inproc.csv")) else NULL

# ---- agreement ----
cat("## Agreement with trialsim (z = (peer - trialsim) / combined MCSE, per size and measure)\n\n")
agree <- NULL
if (!is.null(e2e)) {
  cmds <- unique(e2e[, c("index", "workload", "replicates", "trials", "tool")])
  for (i in seq_len(nrow(cmds))) {
    cmds$file[i] <- file.path(out, "outputs", sprintf("e2e-%d-round1.txt", cmds$index[i]))
  }
  for (key in unique(paste(cmds$workload, cmds$replicates))) {
    k <- cmds[paste(cmds$workload, cmds$replicates) == key, ]
    ref_row <- k[k$tool == "trialsim", ]
    ref <- if (nrow(ref_row)) read_estimates(ref_row$file[1], TRUE) else NULL
    if (is.null(ref)) {
      cat(sprintf("- %s at %s replicates: no trialsim estimates (see %s.err): not checked\n", k$workload[1],
                  fmt_n(k$replicates[1]), if (nrow(ref_row)) ref_row$file[1] else "outputs"))
      next
    }
    if (!is.null(inproc)) {
      j <- inproc[inproc$workload == k$workload[1] & grepl("^trialsim", inproc$tool) &
                  inproc$trials == k$trials[1], ]
      if (nrow(j)) {
        m <- merge(ref, j, by = c("n_total", "measure"))
        same <- nrow(m) == nrow(ref) && all(abs(m$power.x - m$power.y) < 5e-7)
        cat(sprintf("- %s at %s replicates: trialsim's in-JVM estimates %s the command line's\n", k$workload[1],
                    fmt_n(k$replicates[1]), if (same) "equal" else "DIFFER FROM"))
      }
    }
    for (r in which(k$tool != "trialsim")) {
      e <- read_estimates(k$file[r], grepl("^trialsim", k$tool[r]))
      if (is.null(e)) {
        cat(sprintf("- %s at %s replicates, %s: no estimates (see %s.err)\n", k$workload[r], fmt_n(k$replicates[r]),
                    k$tool[r], k$file[r]))
        next
      }
      m <- merge(ref, e, by = c("n_total", "measure"), suffixes = c(".trialsim", ".peer"))
      se <- sqrt(m$mcse.trialsim^2 + m$mcse.peer^2)
      d <- m$power.peer - m$power.trialsim
      m$z <- ifelse(se > 0, d / se, ifelse(d == 0, 0, Inf))
      agree <- rbind(agree, data.frame(workload = k$workload[r], replicates = k$replicates[r], peer = k$tool[r],
                                       n_total = m$n_total, measure = m$measure, trialsim = m$power.trialsim,
                                       peer_estimate = m$power.peer, z = m$z))
    }
  }
}
if (!is.null(agree)) {
  write.csv(agree, file.path(out, "agreement.csv"), row.names = FALSE)
  cat("\n")
  rows <- NULL
  for (key in unique(paste(agree$workload, agree$replicates, agree$peer, sep = "|"))) {
    a <- agree[paste(agree$workload, agree$replicates, agree$peer, sep = "|") == key, ]
    a <- a[order(a$n_total), ]
    sizes <- length(unique(a$n_total))
    per <- if (a$peer[1] == "trialsim, default null") "power rows as with --null-reps none" else
      if (sizes == 1) paste(sprintf("%s %.2f", a$measure, abs(a$z)), collapse = ", ") else
      if (length(unique(a$measure)) == 1) paste(sprintf("n=%d %.2f", a$n_total, abs(a$z)), collapse = ", ") else
      paste(sapply(unique(a$measure), function(ms) sprintf("%s %.2f", ms, max(abs(a$z[a$measure == ms])))),
            collapse = ", ")
    rows <- rbind(rows, data.frame(workload = a$workload[1], replicates = fmt_n(a$replicates[1]), peer = a$peer[1],
                                   comparisons = nrow(a), `max abs z` = sprintf("%.2f", max(abs(a$z))),
                                   `beyond 3` = sum(abs(a$z) > 3),
                                   `abs z per measure (several sizes: the largest)` = per, check.names = FALSE))
  }
  md(rows)
  cat(sprintf("%d comparisons, largest |z| %.2f, %d beyond 3 (%.1f expected by chance), %d beyond 4.\n\n",
              nrow(agree), max(abs(agree$z)), sum(abs(agree$z) > 3), 0.0027 * nrow(agree), sum(abs(agree$z) > 4)))
} else {
  cat("no end-to-end outputs to compare (run without --no-e2e)\n\n")
}

# ---- end to end ----
if (!is.null(e2e)) {
  cat(sprintf(paste("## End to end: whole processes, %d interleaved rounds, seconds of wall time (min / median);",
                    "every command of a workload and size simulates the same number of trials\n\n"), max(e2e$round)))
  ok <- e2e[e2e$exit == 0, ]
  failed <- e2e[e2e$exit != 0, ]
  if (nrow(failed)) {
    cat("Failed runs (excluded):", paste(sprintf("%s %s %s round %d exit %d", failed$workload, failed$replicates,
                                                 failed$tool, failed$round, failed$exit), collapse = "; "), "\n\n")
  }
  rows <- NULL
  for (key in unique(paste(e2e$workload, e2e$replicates))) {
    k <- e2e[paste(e2e$workload, e2e$replicates) == key, ]
    stat <- function(tool, f) { s <- ok$seconds[paste(ok$workload, ok$replicates) == key & ok$tool == tool]
                                if (length(s)) f(s) else NA }
    ref_med <- stat("trialsim", median); ref_min <- stat("trialsim", min)
    def_med <- stat("trialsim, default null", median)
    for (tool in unique(k$tool)) {
      s <- ok$seconds[paste(ok$workload, ok$replicates) == key & ok$tool == tool]
      mn <- if (length(s)) min(s) else NA; me <- if (length(s)) median(s) else NA
      peer <- !grepl("^trialsim", tool)
      rows <- rbind(rows, data.frame(workload = k$workload[1], trials = fmt_n(k$trials[1]), command = tool,
        runs = length(s), `min s` = fmt_s(mn), `median s` = fmt_s(me),
        `x trialsim (median)` = if (peer || tool != "trialsim") fmt_x(me / ref_med) else "1",
        `x trialsim (min)` = if (peer || tool != "trialsim") fmt_x(mn / ref_min) else "1",
        `x default-null command (median)` = if (peer && !is.na(def_med)) fmt_x(me / def_med) else "-",
        check.names = FALSE))
      summary_rows <- rbind(summary_rows, data.frame(part = "end to end", workload = k$workload[1],
        replicates = k$replicates[1], trials = k$trials[1], tool = tool, runs = length(s), min_seconds = mn,
        median_seconds = me, ratio_median = me / ref_med, ratio_min = mn / ref_min))
    }
  }
  md(rows)
  cat("x = the command's time / trialsim's (`./trialsim power ... --null-reps none`, the same trials as the",
      "peers) on the same workload and trials: above 1, trialsim is faster. 'trialsim, default null' is the",
      "same command without --null-reps (the null scenario on the first 12,000 replicates as well). The commands",
      "are:\n\n")
  cmd <- unique(e2e[, c("workload", "replicates", "tool", "command")])
  cat(sprintf("    %s %s %-22s %s\n", cmd$workload, formatC(cmd$replicates, width = 7), cmd$tool, cmd$command), sep = "")
  cat("\n")
}

# ---- in process ----
if (!is.null(inproc) && nrow(inproc)) {
  cat("## In process: trialsim in a warm JVM, the R function inside a running R session (seconds per run);",
      "equal trial counts\n\n")
  t <- unique(inproc[, c("workload", "tool", "threads", "trials", "seconds")])
  rows <- NULL
  for (key in unique(paste(t$workload, t$trials))) {
    k <- t[paste(t$workload, t$trials) == key, ]
    ref <- k$seconds[grepl("^trialsim", k$tool)][1]
    for (i in seq_len(nrow(k))) {
      rows <- rbind(rows, data.frame(workload = k$workload[i], trials = fmt_n(k$trials[i]), tool = k$tool[i],
        threads = k$threads[i], seconds = fmt_s(k$seconds[i]), `trials/s` = fmt_n(round(k$trials[i] / k$seconds[i])),
        `x trialsim` = if (grepl("^trialsim", k$tool[i])) "1" else fmt_x(k$seconds[i] / ref), check.names = FALSE))
      summary_rows <- rbind(summary_rows, data.frame(part = "in process", workload = k$workload[i],
        replicates = NA, trials = k$trials[i], tool = k$tool[i], runs = NA, min_seconds = NA,
        median_seconds = k$seconds[i], ratio_median = k$seconds[i] / ref, ratio_min = NA))
    }
  }
  md(rows)
  cat("trialsim: org.trialsim.peers.PeerWorkloads (the command's scenario, seed and model, no null run; JIT",
      "warmed first; median of 3-5 runs). R: `Rscript PEER.R W N --inproc` (a warm-up call, then one call, the",
      "median of 3, or the mean of a block of fast calls, see common.R). x = the peer's time / trialsim's at the same trials.\n\n")
}
# ---- issue #19's end-to-end targets (point 3), on the medians ----
if (!is.null(summary_rows) && any(summary_rows$part == "end to end")) {
  e <- summary_rows[summary_rows$part == "end to end", ]
  med <- function(w, r, tool) { x <- e$median_seconds[e$workload == w & e$replicates == r & e$tool == tool]
                                if (length(x)) x[1] else NA }
  peer_med <- function(w, r, prefix) { x <- e$median_seconds[e$workload == w & e$replicates == r &
                                                                 grepl(prefix, e$tool)]
                                       if (length(x)) x[1] else NA }
  targets <- NULL
  target <- function(what, value, goal, shown) {
    holds <- if (is.na(value)) "not measured" else if (value >= goal) "yes" else "no"
    if (is.na(value)) shown <- "-"
    targets <<- rbind(targets, data.frame(target = what, measured = shown, holds = holds, check.names = FALSE))
  }
  d4 <- med("W1", 10000, "trialsim, default null")
  target("W1, `--reps 10000` as by default, under 0.6 s end to end", if (is.na(d4)) NA else 0.6 / d4, 1,
         sprintf("%s s (median)", fmt_s(d4)))
  rp4 <- peer_med("W1", 10000, "^rpact")
  target("... and faster than Rscript with rpact's getSimulationRates", rp4 / d4, 1,
         sprintf("%sx (rpact %s s)", fmt_x(rp4 / d4), fmt_s(rp4)))
  d5 <- med("W1", 1e5, "trialsim, default null"); b5 <- peer_med("W1", 1e5, "^base R")
  target("W1 at 10^5 faster than Rscript with vectorised base R", b5 / d5, 1,
         sprintf("%sx (%s s vs %s s)", fmt_x(b5 / d5), fmt_s(d5), fmt_s(b5)))
  d6 <- med("W1", 1e6, "trialsim, default null")
  b6 <- peer_med("W1", 1e6, "^base R"); r6 <- peer_med("W1", 1e6, "^rpact")
  target("W1 at 10^6 at least 3x vectorised base R", b6 / d6 / 3, 1, sprintf("%sx", fmt_x(b6 / d6)))
  target("W1 at 10^6 at least 30x rpact", r6 / d6 / 30, 1, sprintf("%sx", fmt_x(r6 / d6)))
  t2 <- med("W2", 1e5, "trialsim"); r2 <- peer_med("W2", 1e5, "^rpact")
  target("W2 event-driven at 10^5 on one thread at least 5x rpact", r2 / t2 / 5, 1, sprintf("%sx", fmt_x(r2 / t2)))
  for (r in sort(unique(e$replicates[e$workload == "W5"]))) {
    t5 <- med("W5", r, "trialsim"); b <- peer_med("W5", r, "^base R")
    target(sprintf("W5 at %s replicates at least 10x the hand-written R", fmt_n(r)), b / t5 / 10, 1,
           sprintf("%sx", fmt_x(b / t5)))
  }
  cat("## Issue #19's end-to-end targets (medians; W1 is the command as by default, with the null run)\n\n")
  md(targets)
}

# ---- one line per workload and size, in the shape of benchmarks/README.md's tables ----
peer_of <- function(tool) ifelse(grepl("default null", tool), "default", ifelse(grepl("^trialsim", tool), "trialsim",
  ifelse(grepl("^rpact", tool), "rpact", ifelse(grepl("^base R", tool), "base", ifelse(grepl("^Mediana", tool),
  "mediana", tool)))))
pivot <- function(part, with_default) {
  d <- summary_rows[summary_rows$part == part, ]
  if (is.null(d) || !nrow(d)) return(invisible())
  d$peer <- peer_of(d$tool)
  rows <- NULL
  for (key in unique(paste(d$workload, d$trials))) {
    k <- d[paste(d$workload, d$trials) == key, ]
    cell <- function(p, ratio = TRUE) {
      x <- k[k$peer == p, ]
      if (!nrow(x) || is.na(x$median_seconds[1])) return("-")
      if (!ratio) return(paste(fmt_s(x$median_seconds[1]), "s"))
      sprintf("%s s (%sx)", fmt_s(x$median_seconds[1]), fmt_x(x$ratio_median[1]))
    }
    t <- k[k$peer == "trialsim", ]
    row <- data.frame(workload = if (k$workload[1] == "W2") "W2, 1 thread" else k$workload[1],
                      trials = fmt_n(k$trials[1]),
                      trialsim = if (nrow(t)) sprintf("%s s%s", fmt_s(t$median_seconds[1]),
                        if (part == "in process") sub("^trialsim in JVM", "", t$tool[1]) else "") else "-",
                      check.names = FALSE)
    if (with_default) row$`W1: as by default` <- cell("default", FALSE)
    row$rpact <- cell("rpact"); row$`base R` <- cell("base"); row$Mediana <- cell("mediana")
    rows <- rbind(rows, row)
  }
  md(rows)
}
if (!is.null(summary_rows)) {
  write.csv(summary_rows, file.path(out, "summary.csv"), row.names = FALSE)
  cat("## Summary: median seconds (x = peer / trialsim at the same trials), for benchmarks/README.md\n\n")
  if (any(summary_rows$part == "end to end")) { cat("End to end:\n\n"); pivot("end to end", TRUE) }
  if (any(summary_rows$part == "in process")) { cat("In process:\n\n"); pivot("in process", FALSE) }
}
