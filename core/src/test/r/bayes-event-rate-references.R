# Independent references for the gamma-Poisson event-rate rule (GammaRatioTest, BayesianEventRateStudyTest).
#
# Part 1, the posterior probability. Each arm's event rate has a Gamma(a, b) prior (shape a, rate b, per week);
# with D events over E weeks of exposure the posterior is Gamma(a + D, b + E). The rule's effect is
# -log(lambdaT / lambdaC), and P(effect > d) = P(lambdaT / lambdaC < exp(-d)). Since 2 b lambda ~ chisq(2 a),
# (lambdaT bT / aT) / (lambdaC bC / aC) ~ F(2 aT, 2 aC) with the posterior parameters, so
#   P = pf(exp(-d) * bT * aC / (bC * aT), 2 aT, 2 aC).
# Checked here against a Monte Carlo of 10^6 rgamma draws per arm (agreement within 4 MCSE).
#
# Part 2, the study-level operating characteristics by an independent simulation of the scenario of
# BayesianEventRateStudyTest: 200 patients, 100 per arm (alternating allocation), entry uniform on weeks
# [0, 52], exponential event times (control median 26 weeks, treatment hazard ratio 0.6 or 1), administrative
# censoring at calendar week 104, no dropout. Exposure is each patient's time from entry to event or cutoff.
#  A: vague priors Gamma(0.001, 0.001), margin 0, success 0.975, one analysis; beside it the exact
#     conditional (binomial) test of equal rates, one-sided 0.025: D_T | D ~ Bin(D, E_T / (E_T + E_C)).
#  B: priors {mean: 0.02666, ess: 5} i.e. Gamma(5, 5 / 0.02666) on both arms, margin 0.1, success 0.9,
#     futility 0.2, an interim look at the calendar time of the ceil(0.5 m)-th event, m the events observed
#     by week 104 (trialsim's information time: EndpointExtractor.informationTime); at the interim only
#     patients entered by then, each followed to that time.
# Run: Rscript core/src/test/r/bayes-event-rate-references.R [replicates, default 200000]
options(digits = 15)
prob <- function(aT, bT, aC, bC, d) pf(exp(-d) * bT * aC / (bC * aT), 2 * aT, 2 * aC)
cases <- list(
  # aT, bT, DT, ET, aC, bC, DC, EC, d
  c(0.001, 0.001, 0, 10, 0.001, 0.001, 1, 12, 0),
  c(1, 10, 1, 35.5, 1, 10, 3, 30.2, 0),
  c(0.5, 1, 2, 50, 0.5, 1, 7, 48, 0.2),
  c(2, 50, 25, 1500, 3, 60, 40, 1450, 0.1),
  c(0.001, 0.001, 300, 12000, 0.001, 0.001, 380, 11800, 0),
  c(1, 20, 10, 400, 1, 20, 8, 410, -0.3),
  c(0.01, 0.01, 20, 100, 0.01, 0.01, 0, 100, 0),
  c(5, 187.5, 0, 3.7, 5, 187.5, 2, 4.1, 0.1))
set.seed(20261207)
for (k in cases) {
  aT <- k[1] + k[3]; bT <- k[2] + k[4]; aC <- k[5] + k[7]; bC <- k[6] + k[8]; d <- k[9]
  p <- prob(aT, bT, aC, bC, d)
  lo <- pf(exp(-d) * bT * aC / (bC * aT), 2 * aT, 2 * aC, lower.tail = FALSE)
  mc <- mean(-log(rgamma(1e6, aT, bT) / rgamma(1e6, aC, bC)) > d)
  # and a third route: integrate P(lambdaT < r lambdaC) = int pgamma(r l, aT, bT) dgamma(l, aC, bC) dl
  int <- integrate(function(l) pgamma(exp(-d) * l, aT, bT) * dgamma(l, aC, bC), 0, Inf, rel.tol = 1e-12,
                   subdivisions = 2000L)$value
  cat(sprintf("%s -> P %.17g  1-P %.17g  integrate %.12g  MC %.6f (|diff|/MCSE %.2f)\n", paste(k, collapse = " "),
              p, lo, int, mc, abs(mc - p) / max(sqrt(p * (1 - p) / 1e6), 1e-12)))
}

# Part 2.
args <- commandArgs(trailingOnly = TRUE)
R <- if (length(args) > 0) as.integer(args[1]) else 200000L
lambdaC <- log(2) / 26
n <- 100L

simulate <- function(hr, R, chunk = 5000L) {
  acc <- c(a = 0, exact = 0, b = 0, bstop = 0, bfut = 0)
  done <- 0L
  while (done < R) {
    m <- min(chunk, R - done)
    entryT <- matrix(runif(m * n, 0, 52), m); entryC <- matrix(runif(m * n, 0, 52), m)
    tT <- matrix(rexp(m * n, hr * lambdaC), m); tC <- matrix(rexp(m * n, lambdaC), m)
    arm <- function(entry, t, cut) {
      inn <- entry <= cut
      fu <- pmax(cut - entry, 0)
      # an event counts when entry + time <= cutoff, the comparison trialsim makes (EndpointExtractor)
      cbind(D = rowSums(inn & entry + t <= cut), E = rowSums(inn * pmin(t, fu)))
    }
    xT <- arm(entryT, tT, 104); xC <- arm(entryC, tC, 104)
    # A: vague priors, d = 0, success above 0.975
    pA <- prob(0.001 + xT[, "D"], 0.001 + xT[, "E"], 0.001 + xC[, "D"], 0.001 + xC[, "E"], 0)
    acc["a"] <- acc["a"] + sum(pA > 0.975)
    D <- xT[, "D"] + xC[, "D"]
    pExact <- pbinom(xT[, "D"], D, xT[, "E"] / (xT[, "E"] + xC[, "E"]))
    acc["exact"] <- acc["exact"] + sum(D > 0 & pExact <= 0.025)
    # B: interim at the ceil(0.5 m)-th event (calendar), informative priors, d = 0.1
    a0 <- 5; b0 <- 5 / 0.02666
    cal <- cbind(ifelse(tT <= 104 - entryT, entryT + tT, Inf), ifelse(tC <= 104 - entryC, entryC + tC, Inf))
    mEv <- rowSums(is.finite(cal))
    look <- rep(104, m)
    for (i in which(mEv > 0)) {
      k <- max(1, ceiling(0.5 * mEv[i] - 1e-9))
      look[i] <- sort(cal[i, ], partial = k)[k]
    }
    yT <- arm(entryT, tT, look); yC <- arm(entryC, tC, look)
    p1 <- prob(a0 + yT[, "D"], b0 + yT[, "E"], a0 + yC[, "D"], b0 + yC[, "E"], 0.1)
    pF <- prob(a0 + xT[, "D"], b0 + xT[, "E"], a0 + xC[, "D"], b0 + xC[, "E"], 0.1)
    ok1 <- yT[, "E"] > 0 & yC[, "E"] > 0
    succ1 <- ok1 & p1 > 0.9
    fut1 <- ok1 & !succ1 & p1 < 0.2
    acc["b"] <- acc["b"] + sum(succ1 | (!succ1 & !fut1 & pF > 0.9))
    acc["bstop"] <- acc["bstop"] + sum(succ1 | fut1)
    acc["bfut"] <- acc["bfut"] + sum(fut1)
    done <- done + m
  }
  acc / R
}
for (hr in c(0.6, 1)) {
  r <- simulate(hr, R)
  cat(sprintf("HR %.1f, %d replicates: A success %.6f  exact conditional test %.6f  B success %.6f  B stop at look 1 %.6f  B futility at look 1 %.6f\n",
              hr, R, r["a"], r["exact"], r["b"], r["bstop"], r["bfut"]))
}

# Output of 'Rscript core/src/test/r/bayes-event-rate-references.R 1000000' (R 4.2.2, 2026-12-06), the
# figures recorded in GammaRatioTest and BayesianEventRateStudyTest:
#   0.001 0.001 0 10 0.001 0.001 1 12 0 -> P 0.99921298422715865  1-P 0.00078701577284138297  integrate 0.999212984227  MC 0.999179 (|diff|/MCSE 1.21)
#   1 10 1 35.5 1 10 3 30.2 0 -> P 0.84876633607207352  1-P 0.15123366392792648  integrate 0.848766336072  MC 0.849297 (|diff|/MCSE 1.48)
#   0.5 1 2 50 0.5 1 7 48 0.2 -> P 0.92726926522619268  1-P 0.072730734773807384  integrate 0.927269265226  MC 0.927365 (|diff|/MCSE 0.37)
#   2 50 25 1500 3 60 40 1450 0.1 -> P 0.94806294924884738  1-P 0.051937050751152639  integrate 0.948062949249  MC 0.948527 (|diff|/MCSE 2.09)
#   0.001 0.001 300 12000 0.001 0.001 380 11800 0 -> P 0.99950283224997938  1-P 0.00049716775002064755  integrate 0.99950283225  MC 0.999428 (|diff|/MCSE 3.36)
#   1 20 10 400 1 20 8 410 -0.3 -> P 0.56009979074061778  1-P 0.43990020925938222  integrate 0.560099790741  MC 0.559946 (|diff|/MCSE 0.31)
#   0.01 0.01 20 100 0.01 0.01 0 100 0 -> P 9.3174472765622004e-10  1-P 0.99999999906825532  integrate 9.31744727656e-10  MC 0.000000 (|diff|/MCSE 0.03)
#   5 187.5 0 3.7 5 187.5 2 4.1 0.1 -> P 0.66529167021824587  1-P 0.33470832978175413  integrate 0.665291670218  MC 0.666097 (|diff|/MCSE 1.71)
#   HR 0.6, 1000000 replicates: A success 0.894604  exact conditional test 0.879376  B success 0.907829  B stop at look 1 0.663742  B futility at look 1 0.004085
#   HR 1.0, 1000000 replicates: A success 0.025288  exact conditional test 0.021184  B success 0.044370  B stop at look 1 0.387243  B futility at look 1 0.356187
