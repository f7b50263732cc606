suppressMessages(library(rpact))
options(digits=12)
# Mehta & Pocock 2011 schizophrenia design as described: sigma 7.5, delta 2, n 442, interim at n1 208, nmax 884,
# promising zone CP in [0.365, 0.8) -> n2 for CP 0.8, capped; CHW weights sqrt(208/442), sqrt(234/442)
design <- getDesignInverseNormal(kMax=2, alpha=0.025, informationRates=c(208/442,1), typeOfDesign="noEarlyEfficacy")
cat("noEarlyEfficacy critical values:", format(design$criticalValues, digits=12), "\n")
d2 <- getDesignInverseNormal(kMax=2, alpha=0.025, informationRates=c(208/442,1), typeOfDesign="asOF")
cat("asOF inverse normal critical values:", format(d2$criticalValues, digits=12), "\n")
# conditional power at stage 1 for a few observed effects
for (diff in c(0.8, 1.5, 2.5)) {
  ds <- getDataset(n1=104, n2=104, means1=diff, means2=0, stDevs1=7.5, stDevs2=7.5)
  for (d in list(design, d2)) {
    sr <- getStageResults(d, dataInput=ds, stage=1, normalApproximation=TRUE)
    cp <- getConditionalPower(sr, nPlanned=234, thetaH1=diff, assumedStDev=7.5)
    cp2 <- getConditionalPower(sr, nPlanned=400, thetaH1=2, assumedStDev=7.5)
    cat("diff", diff, d$typeOfDesign, "z1", format(sr$overallTestStatistics[1], digits=12), "CP(234, obs)",
        format(cp$conditionalPower[2], digits=12), "CP(400, theta 2)", format(cp2$conditionalPower[2], digits=12), "\n")
  }
}
pz <- function(..., stage, conditionalCriticalValue, plannedSubjects, minNumberOfSubjectsPerStage,
               maxNumberOfSubjectsPerStage, thetaH1, stDevH1) {
  n2 <- plannedSubjects[stage] - plannedSubjects[stage-1]
  drift <- thetaH1/stDevH1/2
  cp <- 1 - pnorm(conditionalCriticalValue - drift*sqrt(n2))
  if (cp >= 0.365 && cp < 0.8) {
    need <- ((conditionalCriticalValue + qnorm(0.8))/drift)^2
    n2 <- min(max(ceiling(need), minNumberOfSubjectsPerStage[stage]), maxNumberOfSubjectsPerStage[stage])
  }
  n2
}
set.seed(1)
t0 <- Sys.time()
for (alt in c(0, 1.6, 1.8, 2.0)) {
  sim <- getSimulationMeans(design, groups=2, normalApproximation=TRUE, alternative=alt, stDev=7.5,
        plannedSubjects=c(208, 442), minNumberOfSubjectsPerStage=c(208, 234), maxNumberOfSubjectsPerStage=c(208, 676),
        conditionalPower=0.8, calcSubjectsFunction=pz, maxNumberOfIterations=100000, seed=20261206)
  fx <- getPowerMeans(alternative=alt, stDev=7.5, maxNumberOfSubjects=442, alpha=0.025, sided=1, normalApproximation=TRUE)
  cat("delta", alt, "adaptive power", format(sim$overallReject, digits=8), "E(N)", format(sim$expectedNumberOfSubjects, digits=8),
      "fixed-442 power", format(fx$overallReject, digits=8), "\n")
}
cat("seconds", format(as.numeric(Sys.time()-t0)), "\n")
