# Reference operating characteristics of multi-arm designs on a continuous endpoint, from rpact 3.3.4's
# getSimulationMultiArmMeans, recorded in org.trialsim.multiarm.MultiArmMeansRpactTest (which runs the same designs
# from scenario files through MultiArmStudy).
# Run: Rscript core/src/test/resources/multiarm-means/rpact-means-references.R > rpact-means-references.txt
# (about 10-20 minutes on a loaded 2-core host: Dunnett intersection tests call mvtnorm::pmvnorm per intersection
# and stage).
# rpact's model (.getSimulatedStageMeansMultiArm): each arm's and the control's stage-wise mean is drawn as
# N(mu, stDev^2 / n_stage) with a common, known stDev; the stage-wise statistic is the z statistic
# (m_i - m_0) / (stDev sqrt(1/n_i + 1/n_0)); separate p-values 1 - pnorm(z); selection on the cumulative effect
# estimate (effectMeasure "effectEstimate"); the control gets plannedSubjects / allocationRatioPlanned per stage.
# Success criterion "all" (rpact's default: early stop when every selected arm is rejected). No futility bound
# (rpact's default design: -6 on the combination scale).
# Familywise error under a partial null from the raw data: P(some arm with effect 0 rejected at some stage).
suppressMessages(library(rpact))
cat(sprintf("rpact %s\n", as.character(packageVersion("rpact"))))
run <- function(label, design, mu, test, selection, planned, ratio, sd, epsilon = NA, r = NA, threshold = -Inf,
                iter = 10000, seed = 4711) {
  args <- list(design, activeArms = 3, effectMatrix = matrix(mu, nrow = 1), typeOfShape = "userDefined",
    intersectionTest = test, stDev = sd, typeOfSelection = selection, threshold = threshold,
    plannedSubjects = planned, allocationRatioPlanned = ratio, maxNumberOfIterations = iter, seed = seed)
  if (!is.na(r)) args$rValue <- r
  if (!is.na(epsilon)) args$epsilonValue <- epsilon
  s <- do.call(getSimulationMultiArmMeans, args)
  d <- getData(s)
  k <- length(planned)
  nullArms <- which(mu == 0)
  fwer <- if (length(nullArms) == 0) NA else
    mean(tapply(d$rejectPerStage & d$armNumber %in% nullArms, d$iterationNumber, any))
  rej <- colSums(matrix(s$rejectedArmsPerStage[, 1, ], nrow = k))
  cat(sprintf("%s mu=(%s) sd=%s %s %s epsilon=%s r=%s threshold=%s planned=(%s) ratio=%s iterations=%d\n", label,
    paste(mu, collapse = ","), sd, test, selection, epsilon, r, threshold, paste(planned, collapse = ","), ratio,
    iter))
  cat(sprintf("  critical %s\n", paste(sprintf("%.10f", design$criticalValues), collapse = " ")))
  cat(sprintf("  rejectAtLeastOne %.4f  fwer %.4f\n", s$rejectAtLeastOne, fwer))
  for (stage in 2:k) {
    cat(sprintf("  selected at stage %d %s\n", stage,
      paste(sprintf("%.4f", s$selectedArms[stage, 1, 1:3]), collapse = " ")))
  }
  cat(sprintf("  rejected per arm %s\n", paste(sprintf("%.4f", rej), collapse = " ")))
  cat(sprintf("  success per stage %s  futility per stage %s  expected N %.3f\n",
    paste(sprintf("%.4f", s$successPerStage[, 1]), collapse = " "),
    paste(sprintf("%.4f", s$futilityPerStage[, 1]), collapse = " "), s$expectedNumberOfSubjects))
}
of2 <- getDesignInverseNormal(kMax = 2, alpha = 0.025, typeOfDesign = "asOF", informationRates = c(0.5, 1))
p2 <- getDesignInverseNormal(kMax = 2, alpha = 0.025, typeOfDesign = "asP", informationRates = c(0.5, 1))
hsd3 <- getDesignInverseNormal(kMax = 3, alpha = 0.025, typeOfDesign = "asHSD", gammaA = -2,
  informationRates = c(1/3, 2/3, 1))
# C1: global null, control 2:1 (allocationRatioPlanned 0.5), Dunnett, keep the best arm.
run("C1", of2, c(0, 0, 0), "Dunnett", "best", c(30, 60), 0.5, 10)
# C2: partial null, Dunnett, keep arms within 2 points of the best.
run("C2", of2, c(0, 3, 6), "Dunnett", "epsilon", c(40, 80), 1, 10, epsilon = 2)
# C3: Simes, keep the best two, drop arms at or below a 1-point advantage, Pocock spending.
run("C3", p2, c(2, 4, 6), "Simes", "rBest", c(40, 80), 1, 10, r = 2, threshold = 1, iter = 20000)
# C4: three stages, Hwang-Shih-DeCani (gamma -2), Simes, keep the best arm if above 0.
run("C4", hsd3, c(0, 0, 5), "Simes", "best", c(20, 40, 60), 1, 8, threshold = 0, iter = 20000)
