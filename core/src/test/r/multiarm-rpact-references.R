# Reference operating characteristics of multi-arm designs with treatment selection at an interim, from
# rpact's getSimulationMultiArmMeans (rpact 3.3.4, R 4.x), recorded in MultiArmRpactTest.
# Run: Rscript core/src/test/r/multiarm-rpact-references.R   (about 10-20 minutes under load; Dunnett
# intersection tests call mvtnorm::pmvnorm for every intersection at every stage).
# Design: 3 active arms + control, two stages, plannedSubjects 40 then 80 per arm (cumulative, 1:1 to control),
# stDev 1, inverse-normal combination test, alpha 0.025 one-sided, Lan-DeMets O'Brien-Fleming spending
# (typeOfDesign "asOF") at information rates 0.5, 1, no futility bound. Selection on the cumulative effect
# estimate (rpact's default effectMeasure), arms with effect <= threshold dropped.
# Familywise error under partial nulls from the raw data: P(some arm with effect 0 rejected at some stage).
suppressMessages(library(rpact))
design <- getDesignInverseNormal(kMax = 2, alpha = 0.025, typeOfDesign = "asOF", informationRates = c(0.5, 1))
cat(sprintf("critical values %.10f %.10f\n", design$criticalValues[1], design$criticalValues[2]))
run <- function(label, mu, test, selection, r = NA, threshold = -Inf, iter = 10000, seed = 4711) {
  args <- list(design, activeArms = 3, effectMatrix = matrix(mu, nrow = 1),
    typeOfShape = "userDefined", intersectionTest = test, stDev = 1, typeOfSelection = selection,
    threshold = threshold, plannedSubjects = c(40, 80), allocationRatioPlanned = 1,
    maxNumberOfIterations = iter, seed = seed)
  if (!is.na(r)) args$rValue <- r
  s <- do.call(getSimulationMultiArmMeans, args)
  d <- getData(s)
  nullArms <- which(mu == 0)
  fwer <- if (length(nullArms) == 0) NA else
    mean(tapply(d$rejectPerStage & d$armNumber %in% nullArms, d$iterationNumber, any))
  sel <- s$selectedArms[2, 1, 1:3]         # selected for stage 2
  rej <- colSums(matrix(s$rejectedArmsPerStage[, 1, ], nrow = 2))
  cat(sprintf("%s mu=(%s) %s %s r=%s threshold=%s iterations=%d\n", label, paste(mu, collapse = ","), test,
    selection, r, threshold, iter))
  cat(sprintf("  rejectAtLeastOne %.4f  fwer %.4f\n", s$rejectAtLeastOne, fwer))
  cat(sprintf("  selected at stage 2 %s\n", paste(sprintf("%.4f", sel), collapse = " ")))
  cat(sprintf("  rejected per arm %s\n", paste(sprintf("%.4f", rej), collapse = " ")))
  cat(sprintf("  success stop stage 1 %.4f  futility stop %.4f  expected N %.3f\n", s$successPerStage[1, 1],
    s$futilityStop, s$expectedNumberOfSubjects))
}
run("S1", c(0, 0, 0), "Dunnett", "best")
run("S2", c(0, 0, 0.4), "Dunnett", "rBest", r = 2, threshold = 0)
run("S3", c(0.1, 0.25, 0.4), "Simes", "best", threshold = 0)
run("S4", c(0, 0, 0), "Simes", "rBest", r = 2)
run("S5", c(0, 0.3, 0.3), "Bonferroni", "all")
# Rates (getSimulationMultiArmRates): core/src/test/resources/multiarm-rates/rpact-rates-references.R, recorded in
# MultiArmRatesRpactTest.
