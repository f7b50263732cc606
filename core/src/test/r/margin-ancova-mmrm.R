# References for MeanMarginAgainstRTest: the ANCOVA and the MMRM against a margin on the (adjusted) mean
# difference. A shifted null H0: delta = m is R's model with an offset m * arm on the assessed response:
#   ANCOVA  summary(lm(chg ~ trt + base + offset(m * trt)))  (coefficient trt = b - m, same se and df)
#   MMRM    nlme::gls(chg - m * arm * (visit == T) ~ 0 + fv + fv:arm + base, ...)  (gls has no offset; the shift
#           lies in the span of the fixed effects, so delta_T moves by m and nothing else)
# ANCOVA data sets are generated here (fixed seeds) and written to
# core/src/test/resources/org/trialsim/stats/margin/; the MMRM uses the five data sets of
# mmrm-nlme-references.R (core/src/test/resources/org/trialsim/stats/mmrm/). For the unstructured covariance
# the gls optimum is polished by two Newton steps on nlme's REML criterion, as mmrm-nlme-references.R does;
# Satterthwaite df by hand (numDeriv). One-sided p-values: pt(t, df, lower.tail = alternative == "less").
# Run from the repository root:  Rscript core/src/test/r/margin-ancova-mmrm.R
# R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1 (Debian bookworm packages).
suppressPackageStartupMessages({library(nlme); library(numDeriv)})
out <- "core/src/test/resources/org/trialsim/stats/margin"
f12 <- function(x) sprintf("%.12g", x)
rows <- list()
specs <- list(c(n = 24, seed = 21, pT = 0.5), c(n = 80, seed = 22, pT = 0.5), c(n = 201, seed = 23, pT = 0.6))
for (i in seq_along(specs)) {
  s <- specs[[i]]; set.seed(s[["seed"]]); n <- s[["n"]]
  trt <- rbinom(n, 1, s[["pT"]]); base <- round(rnorm(n, 31, 5), 1)
  chg <- round(-9 - 2 * trt + 0.35 * (base - 31) + rnorm(n, 0, 7), 1)
  write.csv(data.frame(trt = trt, base = base, chg = chg), sprintf("%s/ancova-%d.csv", out, i), row.names = FALSE,
            quote = FALSE)
  for (m in c(2, -1.5)) {
    fit <- summary(lm(chg ~ trt + base + offset(m * trt)))
    cf <- fit$coefficients["trt", ]; df <- fit$df[2]
    for (alt in c("less", "greater")) {
      rows[[length(rows) + 1]] <- data.frame(model = "ANCOVA", dataset = i, structure = "-", margin = m,
        alternative = alt, estimate = f12(cf[["Estimate"]] + m), se = f12(cf[["Std. Error"]]),
        t = f12(cf[["t value"]]), df = f12(df), p = f12(pt(cf[["t value"]], df, lower.tail = alt == "less")))
    }
  }
}
ctl <- glsControl(tolerance = 1e-12, msTol = 1e-14, msMaxIter = 2000, maxIter = 2000, returnObject = FALSE)
reml <- function(d, V, X, y) {
  N <- nrow(X); p <- ncol(X); A <- matrix(0, p, p); u <- rep(0, p); e <- 0; ld <- 0
  for (ii in split(seq_len(N), d$id)) {
    k <- length(ii); Vi <- solve(V[1:k, 1:k, drop = FALSE]); Xi <- X[ii, , drop = FALSE]
    A <- A + t(Xi) %*% Vi %*% Xi; u <- u + t(Xi) %*% Vi %*% y[ii]; e <- e + t(y[ii]) %*% Vi %*% y[ii]
    ld <- ld + determinant(V[1:k, 1:k, drop = FALSE])$modulus
  }
  list(f = (N - p) * log(2 * pi) + ld + determinant(A)$modulus + e - t(u) %*% solve(A, u), A = A)
}
for (i in 1:5) {
  d <- read.csv(sprintf("core/src/test/resources/org/trialsim/stats/mmrm/dataset-%d.csv", i))
  T <- max(d$visit); d$fv <- factor(d$visit, levels = 1:T)
  m <- if (i %% 2 == 1) 2.5 else -1
  d$y <- d$chg - m * d$arm * (d$visit == T)
  X <- model.matrix(~ 0 + fv + fv:arm + base, d); y <- d$y
  j <- which(colnames(X) == sprintf("fv%d:arm", T))
  for (st in if (i <= 2) c("UN", "AR1", "CS") else "UN") {
    cor <- switch(st, UN = corSymm(form = ~ visit | id), AR1 = corAR1(form = ~ visit | id),
                  CS = corCompSymm(form = ~ visit | id))
    f <- if (st == "UN") gls(y ~ 0 + fv + fv:arm + base, data = d, correlation = cor,
                             weights = varIdent(form = ~ 1 | fv), method = "REML", control = ctl)
         else gls(y ~ 0 + fv + fv:arm + base, data = d, correlation = cor, method = "REML", control = ctl)
    full <- names(which(table(d$id) == T))[1]
    V <- as.matrix(getVarCov(f, individual = full))
    vfun <- switch(st,
      UN = function(th) { L <- matrix(0, T, T); L[lower.tri(L, diag = TRUE)] <- th; diag(L) <- exp(diag(L)); L %*% t(L) },
      AR1 = function(th) exp(2 * th[1]) * tanh(th[2])^abs(outer(1:T, 1:T, "-")),
      CS = function(th) exp(2 * th[1]) * (th[2] + (1 - th[2]) * diag(T)))
    th0 <- switch(st, UN = { L <- t(chol(V)); diag(L) <- log(diag(L)); L[lower.tri(L, diag = TRUE)] },
      AR1 = c(log(sqrt(V[1, 1])), atanh(V[1, 2] / V[1, 1])), CS = c(log(sqrt(V[1, 1])), V[1, 2] / V[1, 1]))
    H <- hessian(function(th) reml(d, vfun(th), X, y)$f, th0)
    if (st == "UN") {
      for (it in 1:2) {
        th0 <- th0 - solve(H, grad(function(th) reml(d, vfun(th), X, y)$f, th0))
        H <- hessian(function(th) reml(d, vfun(th), X, y)$f, th0)
      }
      V <- vfun(th0); R <- cov2cor(V); sds <- sqrt(diag(V))
      ratios <- setNames(sds[-1] / sds[1], as.character(2:T))
      f <- gls(y ~ 0 + fv + fv:arm + base, data = d,
               correlation = corSymm(value = R[lower.tri(R)], form = ~ visit | id, fixed = TRUE),
               weights = varIdent(form = ~ 1 | fv, fixed = ratios), method = "REML", control = ctl)
    }
    g <- grad(function(th) solve(reml(d, vfun(th), X, y)$A)[j, j], th0)
    phi <- vcov(f)[j, j]; df <- phi^2 / as.numeric(t(g) %*% solve(H, g))
    tt <- coef(f)[[j]] / sqrt(phi)
    for (alt in c("less", "greater")) {
      rows[[length(rows) + 1]] <- data.frame(model = "MMRM", dataset = i, structure = st, margin = m,
        alternative = alt, estimate = f12(coef(f)[[j]] + m), se = f12(sqrt(phi)), t = f12(tt), df = f12(df),
        p = f12(pt(tt, df, lower.tail = alt == "less")))
    }
  }
}
write.csv(do.call(rbind, rows), sprintf("%s/mean-margin-reference.csv", out), row.names = FALSE, quote = FALSE)
