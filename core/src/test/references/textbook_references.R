# References of TextbookReferenceTest (see README.md). R 4.2.2, rpact 3.3.4, survival 3.5.3.
library(rpact); library(survival)

# E1: Schoenfeld's formula through rpact for the f02 design (months): lambda2 = log(2)/6, HR 0.6, 200 patients
# over 12 months, analysis at 157 events, one-sided alpha 0.025.
p <- getPowerSurvival(alpha = 0.025, sided = 1, lambda2 = log(2)/6, hazardRatio = 0.6, accrualTime = c(0, 12),
  maxNumberOfSubjects = 200, maxNumberOfEvents = 157, directionUpper = FALSE)
cat(sprintf("E1 rpact getPowerSurvival power %.10f analysis time %.6f\n", p$overallReject, p$analysisTime[1]))

# t-tests (noncentral t): e02; the change from baseline (SD sqrt(10^2 + 8^2 - 2 0.6 10 8) = sqrt(68)); the value
cat(sprintf("e02 power.t.test %.10f\n", power.t.test(n = 64, delta = 5, sd = 10, strict = TRUE)$power))
cat(sprintf("C2 change t-test n=50 delta=4 sd=sqrt(68): %.10f\n",
  power.t.test(n = 50, delta = 4, sd = sqrt(68), strict = TRUE)$power))
cat(sprintf("C0 value t-test n=50 delta=4 sd=10: %.10f\n",
  power.t.test(n = 50, delta = 4, sd = 10, strict = TRUE)$power))

# E2: 150 per arm, Weibull(shape 1.5, scale 40 weeks) with cure fraction 0.2 in both arms, hazard ratio 0.65 in
# treatment, dropout hazard 0.005 per week from randomization, follow-up 52 weeks per patient, two-sided
# log-rank at 0.05 (survdiff's chi-square >= qchisq(0.95, 1)).
set.seed(20261206)
R <- 40000; n <- 150; rej <- 0
for (r in 1:R) {
  arm <- rep(c(1, 0), each = n)
  hr <- ifelse(arm == 1, 0.65, 1)
  cured <- runif(2 * n) < 0.2
  t <- ifelse(cured, Inf, 40 * (rexp(2 * n) / hr)^(1 / 1.5))
  c <- pmin(rexp(2 * n, 0.005), 52)
  time <- pmin(t, c); event <- as.integer(t <= c)
  rej <- rej + (survdiff(Surv(time, event) ~ arm)$chisq >= qchisq(0.95, 1))
}
p <- rej / R
cat(sprintf("E2 simulated log-rank power %.5f SE %.5f (R=%d)\n", p, sqrt(p * (1 - p) / R), R))

# Cross-checks of C3 (ANCOVA, 50 per arm, value SD 10, baseline SD 8, rho 0.6, difference 4) and C4 (Welch,
# 60 per arm, SD 10 and 15, difference 6), two-sided 0.05.
set.seed(20261207)
R <- 100000; n <- 50; rej <- 0
for (r in 1:R) {
  trt <- rep(c(1, 0), each = n)
  z1 <- rnorm(2 * n); z2 <- rnorm(2 * n)
  x <- 30 + 8 * z1
  y <- 20 + 4 * trt + 10 * (0.6 * z1 + sqrt(1 - 0.36) * z2)
  f <- lm.fit(cbind(1, trt, x), y)
  rss <- sum(f$residuals^2); df <- 2 * n - 3
  XtX <- crossprod(cbind(1, trt, x)); se <- sqrt(rss / df * solve(XtX)[2, 2])
  rej <- rej + (abs(f$coefficients[2] / se) >= qt(0.975, df))
}
p <- rej / R
cat(sprintf("C3 simulated ANCOVA power %.5f SE %.5f (R=%d)\n", p, sqrt(p * (1 - p) / R), R))
rej <- 0
for (r in 1:R) {
  a <- rnorm(60, 6, 10); b <- rnorm(60, 0, 15)
  rej <- rej + (t.test(a, b, var.equal = FALSE)$p.value <= 0.05)
}
p <- rej / R
cat(sprintf("C4 simulated Welch power %.5f SE %.5f (R=%d)\n", p, sqrt(p * (1 - p) / R), R))
