# References for MarginScoreTestTest, TwoSampleTTestTest (shifted null) and LogRankTestTest (Cox score at a
# hazard-ratio margin). Run: Rscript core/src/test/r/margin-tests.R   (R 4.x, package survival)
# Binary: R's Rao score test of the treatment coefficient with the margin as an offset, in the binomial
# GLM with identity (risk difference), log (risk ratio) and logit (odds ratio) links; the signed z is
# sign(observed - margin) * sqrt(Rao statistic). Also Farrington-Manning's closed forms coded by hand.
options(digits = 17)
rao <- function(...) tryCatch(rao0(...), error = function(e) NA)
rao0 <- function(xT, nT, xC, nC, link, m) {
  d <- data.frame(x = c(xT, xC), n = c(nT, nC), trt = c(1, 0))
  off <- d$trt * m
  fam <- binomial(link = link)
  start0 <- switch(link, identity = xC / nC, log = log((xT + xC) / (nT + nC)), logit = 0)
  f0 <- glm(cbind(x, n - x) ~ offset(off), family = fam, data = d, start = start0,
            control = glm.control(epsilon = 1e-14, maxit = 200))
  f1 <- glm(cbind(x, n - x) ~ offset(off) + trt, family = fam, data = d,
            start = c(coef(f0), 0.0), control = glm.control(epsilon = 1e-14, maxit = 200))
  a <- anova(f0, f1, test = "Rao")
  obs <- switch(link, identity = xT / nT - xC / nC, log = log((xT / nT) / (xC / nC)),
                logit = log(xT * (nC - xC) / ((nT - xT) * xC)))
  sign(obs - m) * sqrt(a$Rao[2])
}
fm_rd <- function(x1, n1, x2, n2, d) {
  p1 <- x1 / n1; p2 <- x2 / n2; th <- n2 / n1
  a <- 1 + th; b <- -(1 + th + p1 + th * p2 + d * (th + 2))
  c <- d^2 + d * (2 * p1 + th + 1) + p1 + th * p2; e <- -p1 * d * (1 + d)
  v <- b^3 / (27 * a^3) - b * c / (6 * a^2) + e / (2 * a)
  u <- sign(v) * sqrt(b^2 / (9 * a^2) - c / (3 * a))
  w <- (pi + acos(v / u^3)) / 3
  r1 <- 2 * u * cos(w) - b / (3 * a); r2 <- r1 - d
  (p1 - p2 - d) / sqrt(r1 * (1 - r1) / n1 + r2 * (1 - r2) / n2)
}
tables <- list(c(108, 195, 70, 170), c(30, 50, 35, 50), c(12, 40, 9, 38), c(45, 60, 50, 58))
for (t in tables) {
  cat(sprintf("table %d/%d vs %d/%d\n", t[1], t[2], t[3], t[4]))
  for (m in c(-0.10, -0.20, 0.05)) cat(sprintf("  RD margin %g: rao %.15f fm %.15f p %.15g\n", m,
      rao(t[1], t[2], t[3], t[4], "identity", m), fm_rd(t[1], t[2], t[3], t[4], m),
      pnorm(rao(t[1], t[2], t[3], t[4], "identity", m), lower.tail = FALSE)))
  for (m in c(0.8, 0.667, 1.25)) cat(sprintf("  RR margin %g: rao %.15f\n", m, rao(t[1], t[2], t[3], t[4], "log", log(m))))
  for (m in c(0.5, 0.8, 1.5)) cat(sprintf("  OR margin %g: rao %.15f\n", m, rao(t[1], t[2], t[3], t[4], "logit", log(m))))
}
# Shifted t: t.test(x, y, mu = margin) on fixed data
x <- c(12.1, 9.8, 14.3, 11.0, 8.7, 13.5, 10.2, 12.9, 9.1, 11.8)
y <- c(10.4, 12.2, 9.9, 13.1, 11.7, 10.8, 12.5, 9.5)
for (vareq in c(TRUE, FALSE)) {
  r <- t.test(x, y, mu = -1.5, var.equal = vareq, alternative = "greater")
  cat(sprintf("t.test mu=-1.5 var.equal=%s: t %.15f df %.15f p %.15g\n", vareq, r$statistic, r$parameter, r$p.value))
}
# Cox score test at log HR = log(margin), Breslow ties, one iteration-free fit from init
library(survival)
time <- c(2.1, 3.5, 4.0, 4.0, 5.2, 6.8, 7.1, 8.3, 9.9, 10.5, 11.2, 12.0, 1.4, 2.9, 3.3, 5.5, 6.0, 6.0, 7.7, 8.8, 9.4, 13.1)
event <- c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1)
trt <- c(rep(1, 12), rep(0, 10))
for (m in c(1.3, 0.8)) {
  f <- coxph(Surv(time, event) ~ trt, ties = "breslow", init = log(m), control = coxph.control(iter.max = 0))
  u <- f$score  # score chi-square at init
  f1 <- coxph(Surv(time, event) ~ trt, ties = "breslow", init = log(m), control = coxph.control(iter.max = 1))
  # z > 0 when the treatment does better than the margin: the Newton step from log(m) goes down
  cat(sprintf("cox score HR0=%g: chisq %.15f signed z %.15f\n", m, u, sign(log(m) - coef(f1)) * sqrt(u)))
}
