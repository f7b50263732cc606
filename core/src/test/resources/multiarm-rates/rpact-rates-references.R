# Reference operating characteristics of binary multi-arm designs with treatment selection at an interim, from
# rpact 3.3.4's getSimulationMultiArmRates, recorded in org.trialsim.multiarm.MultiArmRatesRpactTest.
# Run: Rscript core/src/test/resources/multiarm-rates/rpact-rates-references.R 20000 > rpact-rates-references.txt
# (the argument: iterations per design, 10000 if omitted; the recorded output used 20000 on a loaded host, 30 minutes)
# (Dunnett intersection tests call mvtnorm::pmvnorm for every intersection at every stage: minutes per design.)
#
# Design: 3 active arms + control (piControl 0.25), two stages, plannedSubjects 30 then 60 per arm (cumulative,
# 1:1 to control, so 30 control patients per stage), stage-wise pooled two-proportion z statistics, inverse-normal
# combination test, one-sided alpha 0.025, Lan-DeMets O'Brien-Fleming spending ("asOF") at information 0.5, 1,
# rpact's default futility bound (-6, never reached), successCriterion "all" (rpact's default). Selection on the
# cumulative effect estimate (rpact's default effectMeasure "effectEstimate").
#
# The tie rule. rpact's .getSimulatedStageRatesMultiArm selects on overallEffectSizes[, k] + runif(gMax, -1e-5, 1e-5):
# binary effect estimates tie exactly and often (equal responder counts), and the jitter breaks such ties uniformly at
# random ("best": which.max; "rBest": order(decreasing = TRUE)[1:r]). trialsim's Selection.TieBreak.AT_RANDOM does the
# same with its own random stream. The jitter also decides arms whose estimate equals the threshold exactly (kept with
# probability 1/2, although rpact's documentation says "selected only if effectMeasure exceeds threshold"); trialsim
# drops them (effect <= threshold). Thresholds here are therefore off the lattice of possible estimates (multiples
# of 1/30 at the interim): 0.01, where the two rules coincide.
#
# Familywise error from the raw data: P(some arm with pi <= piControl rejected at some stage).
suppressMessages(library(rpact))
cat(sprintf("rpact %s, R %s\n", as.character(packageVersion("rpact")), getRversion()))
design <- getDesignInverseNormal(kMax = 2, alpha = 0.025, typeOfDesign = "asOF", informationRates = c(0.5, 1))
cat(sprintf("critical values %.10f %.10f\n", design$criticalValues[1], design$criticalValues[2]))
args0 <- commandArgs(TRUE)
iterations <- if (length(args0)) as.integer(args0[1]) else 10000L
runRates <- function(label, pi, test, selection, r = NA, threshold = -Inf, iter = iterations, seed = 4711) {
  args <- list(design, activeArms = 3, effectMatrix = matrix(pi, nrow = 1), typeOfShape = "userDefined",
    piControl = 0.25, intersectionTest = test, typeOfSelection = selection, threshold = threshold,
    plannedSubjects = c(30, 60), allocationRatioPlanned = 1, maxNumberOfIterations = iter, seed = seed)
  if (!is.na(r)) args$rValue <- r
  t <- system.time(s <- do.call(getSimulationMultiArmRates, args))
  d <- getData(s)
  nullArms <- which(pi <= 0.25)
  fwer <- if (length(nullArms) == 0) NA else
    mean(tapply(d$rejectPerStage & d$armNumber %in% nullArms, d$iterationNumber, any))
  cat(sprintf("%s pi=(%s) %s %s r=%s threshold=%s iterations=%d (%.0f s)\n", label, paste(pi, collapse = ","), test,
    selection, r, threshold, iter, t[["elapsed"]]))
  cat(sprintf("  rejectAtLeastOne %.4f  fwer %.4f\n", s$rejectAtLeastOne, fwer))
  cat(sprintf("  selected at stage 2 %s\n", paste(sprintf("%.4f", s$selectedArms[2, 1, 1:3]), collapse = " ")))
  cat(sprintf("  rejected per arm %s\n",
    paste(sprintf("%.4f", colSums(matrix(s$rejectedArmsPerStage[, 1, ], nrow = 2))), collapse = " ")))
  cat(sprintf("  success stop stage 1 %.4f  futility stop %.4f  expected N %.3f\n", s$successPerStage[1, 1],
    s$futilityStop, s$expectedNumberOfSubjects))
}
runRates("R1", c(0.25, 0.40, 0.45), "Dunnett", "best", threshold = 0.01)
runRates("R2", c(0.25, 0.25, 0.25), "Simes", "rBest", r = 2)
runRates("R3", c(0.25, 0.38, 0.38), "Bonferroni", "best")
runRates("R4", c(0.25, 0.25, 0.25), "Dunnett", "best")
