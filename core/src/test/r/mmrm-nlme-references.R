# References for MmrmTestAgainstRTest: five data sets with dropout, generated here with fixed seeds and
# written to core/src/test/resources/org/trialsim/stats/mmrm/, fitted by nlme::gls (REML) with an
# unstructured covariance (corSymm + varIdent), and data sets 1 and 2 also with AR(1) and compound symmetry
# (homogeneous). Satterthwaite's df are computed by hand from the REML criterion with numDeriv (Hessian and
# gradient of phi = [(X'V^-1 X)^-1]_jj by Richardson extrapolation); for compound symmetry they are also
# lmerTest's (the random-intercept model is the same model when rho > 0). Columns of nlme-reference.csv:
# estimate, se, loglik from gls (for UN at the polished maximum, see below), df by hand, df_lmertest,
# loglik_by_hand (the criterion recomputed here), loglik_gls_free (gls's own optimum).
# Run from the repository root:  Rscript core/src/test/r/mmrm-nlme-references.R
# R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1, lmerTest 3.1-3 (Debian bookworm packages).
suppressPackageStartupMessages({library(nlme); library(numDeriv); library(lmerTest)})
out <- "core/src/test/resources/org/trialsim/stats/mmrm"
specs <- list(c(n = 40, T = 3, seed = 11, rho = 0.5), c(n = 60, T = 4, seed = 12, rho = 0.6),
              c(n = 100, T = 6, seed = 13, rho = 0.7), c(n = 150, T = 6, seed = 14, rho = 0.4),
              c(n = 80, T = 5, seed = 15, rho = 0.8))
make <- function(s) {
  set.seed(s[["seed"]]); n <- s[["n"]]; T <- s[["T"]]
  arm <- rep(0:1, length.out = n); base <- round(rnorm(n, 30, 6), 1)
  sd <- seq(6, 10, length.out = T)
  S <- diag(sd) %*% (s[["rho"]]^abs(outer(1:T, 1:T, "-"))) %*% diag(sd)
  e <- matrix(rnorm(n * T), n) %*% chol(S)
  mu <- outer(rep(1, n), -8 * (1 - exp(-(1:T) / 2))) - outer(arm, 5 * (1:T) / T) + 0.25 * (base - 30)
  y <- round(mu + e, 3)
  # monotone dropout: a patient stays at each visit with probability 0.9, at least one visit kept for most
  k <- sapply(1:n, function(i) { m <- 0; while (m < T && runif(1) < ifelse(m == 0, 0.95, 0.88)) m <- m + 1; m })
  d <- do.call(rbind, lapply(1:n, function(i) if (k[i] > 0)
    data.frame(id = i, arm = arm[i], base = base[i], visit = 1:k[i], chg = y[i, 1:k[i]])))
  d
}
ctl <- glsControl(tolerance = 1e-12, msTol = 1e-14, msMaxIter = 2000, maxIter = 2000, returnObject = FALSE)
reml <- function(d, V, X, y) {  # -2 REML as nlme reports it, for covariance V (T x T)
  N <- nrow(X); p <- ncol(X); A <- matrix(0, p, p); u <- rep(0, p); e <- 0; ld <- 0
  for (ii in split(seq_len(N), d$id)) {
    k <- length(ii); Vi <- solve(V[1:k, 1:k, drop = FALSE]); Xi <- X[ii, , drop = FALSE]
    A <- A + t(Xi) %*% Vi %*% Xi; u <- u + t(Xi) %*% Vi %*% y[ii]; e <- e + t(y[ii]) %*% Vi %*% y[ii]
    ld <- ld + determinant(V[1:k, 1:k, drop = FALSE])$modulus
  }
  list(f = (N - p) * log(2 * pi) + ld + determinant(A)$modulus + e - t(u) %*% solve(A, u), A = A)
}
rows <- list()
for (i in seq_along(specs)) {
  s <- specs[[i]]; T <- s[["T"]]; d <- make(s)
  write.csv(d, sprintf("%s/dataset-%d.csv", out, i), row.names = FALSE, quote = FALSE)
  d$fv <- factor(d$visit, levels = 1:T)
  X <- model.matrix(~ 0 + fv + fv:arm + base, d); y <- d$chg
  structures <- if (i <= 2) c("UN", "AR1", "CS") else "UN"
  for (st in structures) {
    cor <- switch(st, UN = corSymm(form = ~ visit | id), AR1 = corAR1(form = ~ visit | id),
                  CS = corCompSymm(form = ~ visit | id))
    f <- if (st == "UN") gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = cor,
                             weights = varIdent(form = ~ 1 | fv), method = "REML", control = ctl)
         else gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = cor, method = "REML", control = ctl)
    full <- names(which(table(d$id) == T))[1]
    V <- as.matrix(getVarCov(f, individual = full))
    # Satterthwaite by hand: theta = log-Cholesky of V (UN) or (log s, atanh rho) / (log s, rho)
    vfun <- switch(st,
      UN = function(th) { L <- matrix(0, T, T); L[lower.tri(L, diag = TRUE)] <- th; diag(L) <- exp(diag(L)); L %*% t(L) },
      AR1 = function(th) exp(2 * th[1]) * tanh(th[2])^abs(outer(1:T, 1:T, "-")),
      CS = function(th) exp(2 * th[1]) * (th[2] + (1 - th[2]) * diag(T)))
    th0 <- switch(st, UN = { L <- t(chol(V)); diag(L) <- log(diag(L)); L[lower.tri(L, diag = TRUE)] },
      AR1 = c(log(sqrt(V[1, 1])), atanh(V[1, 2] / V[1, 1])), CS = c(log(sqrt(V[1, 1])), V[1, 2] / V[1, 1]))
    H <- hessian(function(th) reml(d, vfun(th), X, y)$f, th0)
    loglik_free <- as.numeric(logLik(f))
    if (st == "UN") {
      # corSymm's optimizer stops where the REML surface is flat to about 1e-8 in the log-likelihood, which
      # leaves the estimates up to 1e-4 from the maximum: two Newton steps on nlme's own criterion (numDeriv
      # gradient and Hessian), then gls evaluated with the covariance fixed there.
      for (it in 1:2) {
        th0 <- th0 - solve(H, grad(function(th) reml(d, vfun(th), X, y)$f, th0))
        H <- hessian(function(th) reml(d, vfun(th), X, y)$f, th0)
      }
      V <- vfun(th0); R <- cov2cor(V); sds <- sqrt(diag(V))
      ratios <- setNames(sds[-1] / sds[1], as.character(2:T))
      f <- gls(chg ~ 0 + fv + fv:arm + base, data = d,
               correlation = corSymm(value = R[lower.tri(R)], form = ~ visit | id, fixed = TRUE),
               weights = varIdent(form = ~ 1 | fv, fixed = ratios), method = "REML", control = ctl)
    }
    vc <- vcov(f); names <- colnames(X)
    if (st == "CS") {
      m <- lmer(chg ~ 0 + fv + fv:arm + base + (1 | id), data = d, REML = TRUE,
                control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-2, rhoend = 1e-12)))
      lmerdf <- summary(m)$coefficients[, "df"]
    }
    for (j in seq_len(ncol(X))) {
      g <- grad(function(th) solve(reml(d, vfun(th), X, y)$A)[j, j], th0)
      phi <- vc[j, j]; df <- phi^2 / as.numeric(t(g) %*% solve(H, g))
      dfl <- if (st == "CS") lmerdf[names[j]] else NA
      rows[[length(rows) + 1]] <- data.frame(dataset = i, structure = st, coefficient = j - 1, name = names[j],
        estimate = sprintf("%.12g", coef(f)[j]), se = sprintf("%.12g", sqrt(phi)), df = sprintf("%.10g", df),
        df_lmertest = sprintf("%.10g", dfl), loglik = sprintf("%.12g", as.numeric(logLik(f))),
        loglik_by_hand = sprintf("%.12g", -0.5 * reml(d, V, X, y)$f),
        loglik_gls_free = sprintf("%.12g", loglik_free))
    }
  }
}
write.csv(do.call(rbind, rows), sprintf("%s/nlme-reference.csv", out), row.names = FALSE, quote = FALSE)
