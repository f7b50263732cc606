# Reference values for trialsim stats part B (group-sequential boundaries), recorded in
# core/src/test/java/org/trialsim/stats/sequential/GroupSequentialBoundariesTest.java.
# R 4.2.2 with rpact 3.3.4 (Debian bookworm: apt-get install r-cran-rpact). Run: Rscript stats-part-b-references.R
# Not run by the build: the tests hold the numbers it printed.

suppressMessages(library(rpact))
show <- function(label, d) {
  cat("##", label, "\n")
  cat("crit:", sprintf("%.7f", d$criticalValues), "\n")
  cat("alphaSpent:", sprintf("%.9f", d$alphaSpent), "\n")
  cat("stageLevels:", sprintf("%.9f", d$stageLevels), "\n")
  if (!all(is.na(d$futilityBounds))) cat("futility:", sprintf("%.7f", d$futilityBounds), "\n")
}
show("K2 OBF t=.5 a=.025", getDesignGroupSequential(kMax=2, alpha=0.025, sided=1, typeOfDesign="asOF", informationRates=c(0.5,1)))
show("K3 OBF equal a=.025", getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asOF"))
show("K4 P equal a=.025", getDesignGroupSequential(kMax=4, alpha=0.025, sided=1, typeOfDesign="asP"))
show("K5 HSD-4 equal a=.025", getDesignGroupSequential(kMax=5, alpha=0.025, sided=1, typeOfDesign="asHSD", gammaA=-4))
show("K3 HSD-2 t=.3,.7 a=.05", getDesignGroupSequential(kMax=3, alpha=0.05, sided=1, typeOfDesign="asHSD", gammaA=-2, informationRates=c(0.3,0.7,1)))
show("K3 HSD1 t=.25,.6 a=.025", getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asHSD", gammaA=1, informationRates=c(0.25,0.6,1)))
show("K4 OBF t=.2,.45,.7 a=.05", getDesignGroupSequential(kMax=4, alpha=0.05, sided=1, typeOfDesign="asOF", informationRates=c(0.2,0.45,0.7,1)))
show("K3 P t=.4,.8 a=.05", getDesignGroupSequential(kMax=3, alpha=0.05, sided=1, typeOfDesign="asP", informationRates=c(0.4,0.8,1)))
show("K5 P equal a=.05", getDesignGroupSequential(kMax=5, alpha=0.05, sided=1, typeOfDesign="asP"))
show("K5 OBF equal a=.025", getDesignGroupSequential(kMax=5, alpha=0.025, sided=1, typeOfDesign="asOF"))

fut <- function(label, d) {
  cat("##", label, "\n")
  cat("crit:", sprintf("%.7f", d$criticalValues), "\n")
  cat("futility:", sprintf("%.7f", d$futilityBounds), "\n")
  ch <- getDesignCharacteristics(d)
  cat("shift:", sprintf("%.8f", ch$shift), " drift:", sprintf("%.8f", sqrt(ch$shift)), " inflation:", sprintf("%.8f", ch$inflationFactor), "\n")
  cat("power:", sprintf("%.8f", ch$power), "\n")
  cat("futilityProbs:", sprintf("%.8f", ch$futilityProbabilities), "\n")
  cat("rejectionProbs:", sprintf("%.8f", ch$rejectionProbabilities), "\n")
  cat("ASN H0/H01/H1 (rel fixed):", sprintf("%.8f", c(ch$averageSampleNumber0, ch$averageSampleNumber01, ch$averageSampleNumber1)), "\n")
}
fut("K3 OBF/bsOF a=.025 b=.2", getDesignGroupSequential(kMax=3, alpha=0.025, beta=0.2, sided=1, typeOfDesign="asOF", typeBetaSpending="bsOF", bindingFutility=FALSE))
fut("K2 OBF/bsP t=.5 a=.025 b=.1", getDesignGroupSequential(kMax=2, alpha=0.025, beta=0.1, sided=1, typeOfDesign="asOF", typeBetaSpending="bsP", bindingFutility=FALSE, informationRates=c(0.5,1)))
fut("K4 HSD-4/bsHSD-2 equal a=.025 b=.1", getDesignGroupSequential(kMax=4, alpha=0.025, beta=0.1, sided=1, typeOfDesign="asHSD", gammaA=-4, typeBetaSpending="bsHSD", gammaB=-2, bindingFutility=FALSE))
fut("K3 P/bsOF t=.3,.6 a=.05 b=.2", getDesignGroupSequential(kMax=3, alpha=0.05, beta=0.2, sided=1, typeOfDesign="asP", typeBetaSpending="bsOF", bindingFutility=FALSE, informationRates=c(0.3,0.6,1)))
# power and ASN of an efficacy-only design at drift = theta*sqrt(nMax)
d <- getDesignGroupSequential(kMax=3, alpha=0.025, sided=1, typeOfDesign="asOF")
for (th in c(0, 0.2, 0.3)) {
  pw <- getPowerAndAverageSampleNumber(d, theta=th, nMax=100)
  cat("## K3 OBF efficacy-only power theta=", th, " nMax=100 drift=", th*10, "\n")
  cat("earlyStop/rejectPerStage:", sprintf("%.8f", pw$rejectPerStage), " overall:", sprintf("%.8f", pw$overallReject), " ASN:", sprintf("%.6f", pw$averageSampleNumber), "\n")
}
d <- getDesignGroupSequential(kMax=4, alpha=0.025, sided=1, typeOfDesign="asP", informationRates=c(0.2,0.5,0.8,1))
pw <- getPowerAndAverageSampleNumber(d, theta=0.25, nMax=100)
cat("## K4 Pocock t=.2,.5,.8 theta=0.25 nMax=100 drift=2.5\n")
cat("rejectPerStage:", sprintf("%.8f", pw$rejectPerStage), " overall:", sprintf("%.8f", pw$overallReject), " ASN:", sprintf("%.6f", pw$averageSampleNumber), "\n")
