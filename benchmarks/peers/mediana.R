# Mediana's clinical scenario evaluation (CSE) of the peer workloads W1 and W3 (benchmarks/README.md,
# "Workloads"): binomial outcomes, PropTest (prop.test without continuity correction, one-sided in the
# direction of the alternative) and MarginalPower at one-sided 2.5%, which equals trialsim's two-sided 5%
# chi-square up to the wrong-direction rejections (< 1e-9 here). Mediana runs every trial through prop.test
# in an R loop, so it is run on one worker (proc.load = 1) and only at the smaller sizes (run.sh
# --mediana-max). CSE always simulates on a parallel (PSOCK) cluster that it starts and stops on every call,
# here of one worker R process: that start is part of Mediana's time, in process as end to end.
# W2 is not defined for Mediana: its event-driven design (Event) enrols patients until the patients enrolled
# so far have the target number of events among their own outcomes (Mediana:::CreateDataScenarioEvent counts
# events in patient order, not in calendar time), so it cannot express W2's analysis at the calendar time of
# the 300th event among a fixed N = 500.
# Usage: Rscript mediana.R W1|W3 REPLICATES[,...] [--inproc] [--seed S]   (rows and options: common.R)
here <- local({  # this file's folder, run by Rscript or source()d
  f <- tryCatch(sys.frame(1)$ofile, error = function(e) NULL)
  if (is.null(f)) f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(f) else "benchmarks/peers"
})
source(file.path(here, "common.R"))
if (!suppressPackageStartupMessages(requireNamespace("Mediana", quietly = TRUE))) {
  message("Mediana is not installed: skipped (Debian bookworm: apt-get install r-cran-mediana)")
  quit(status = 4)
}
suppressPackageStartupMessages(library(Mediana))
tool <- paste0("Mediana ", packageVersion("Mediana"))

binary <- function(R, seed, perArm) {
  data <- DataModel() + OutcomeDist(outcome.dist = "BinomDist") + SampleSize(perArm) +
    Sample(id = "control", outcome.par = parameters(parameters(prop = 0.2))) +
    Sample(id = "treatment", outcome.par = parameters(parameters(prop = 0.5)))
  analysis <- AnalysisModel() + Test(id = "response", samples = samples("control", "treatment"),
                                     method = "PropTest")
  evaluation <- EvaluationModel() + Criterion(id = "power", method = "MarginalPower", tests = tests("response"),
                                              labels = "response", par = parameters(alpha = 0.025))
  r <- CSE(data, analysis, evaluation, SimParameters(n.sims = R, proc.load = 1, seed = seed))$simulation.results
  p <- r$result[order(r$sample.size)]
  data.frame(n_total = 2 * perArm, measure = "power:response", power = p, mcse = binomial_mcse(p, R))
}

w1 <- function(R, seed) binary(R, seed, 100)
attr(w1, "sizes") <- 1
w3 <- function(R, seed) binary(R, seed, seq(20, 200, by = 20))
attr(w3, "sizes") <- 10

if (sys.nframe() == 0L) {
  peer_main(list(W1 = w1, W3 = w3), tool, refused = list(W2 = paste(
    "its event-driven design enrols until the patients enrolled so far have the target events among their own",
    "outcomes (Mediana:::CreateDataScenarioEvent), not an analysis at the calendar time of the 300th event among",
    "a fixed N = 500")))
}
