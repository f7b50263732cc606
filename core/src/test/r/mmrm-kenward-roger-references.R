# References for MmrmKenwardRogerTest: Kenward and Roger's (1997) adjusted covariance of the fixed effects and
# degrees of freedom for the MMRM of org.trialsim.stats.MmrmTest, computed here from the paper's formulas
# (Kenward MG, Roger JH. Small sample inference for fixed effects from restricted maximum likelihood.
# Biometrics 1997;53:983-997, sections 2-4), on nlme::gls's REML fit, independently of trialsim.
#
# R's mmrm package (which has Kenward-Roger) is not in Debian bookworm; pbkrtest (0.5.2) is, for lme4 models
# only. So the implementation below is checked first against pbkrtest on the random-intercept model, which is
# compound symmetry with a positive correlation: at lme4's own REML estimates, the adjusted covariance
# (pbkrtest::vcovAdj) and the test of one and of several contrasts (KRmodcomp: F scale lambda and
# denominator df m) must agree to rounding (the script stops if they differ by more than 1e-9 relative).
# That check is written to kr-pbkrtest-check.csv; it found agreement to 1e-13 (Phi_A) and 10 digits (df,
# scale, F) on all five data sets, for the last visit's difference and for all visits' differences jointly.
#
# The formulas (paper's notation; Sigma the within-patient covariance, theta its parameters, X the design):
#   Phi    = (X'V^-1 X)^-1
#   P_i    = X' dV^-1/dtheta_i X               = -sum_patients X_k' V^-1 V_i V^-1 X_k
#   Q_ij   = X' dV^-1/dtheta_i V dV^-1/dtheta_j X = sum X_k' V^-1 V_i V^-1 V_j V^-1 X_k
#   R_ij   = X' V^-1 d2V/dtheta_i dtheta_j V^-1 X
#   W      = inverse of the expected REML information, 2 I_E(i,j) = tr(V^-1 V_i V^-1 V_j) - 2 tr(Phi Q_ij)
#            + tr(Phi P_i Phi P_j)  (= tr(P V_i P V_j), P the REML projection; as the paper and pbkrtest)
#   Phi_A  = Phi + 2 Phi { sum_ij W_ij (Q_ij - P_i Phi P_j - R_ij / 4) } Phi
#   for H0: L'beta = 0 with L of rank l: Theta = L (L'Phi L)^-1 L', A1 = sum W_ij tr(Theta Phi P_i Phi)
#   tr(Theta Phi P_j Phi), A2 = sum W_ij tr(Theta Phi P_i Phi Theta Phi P_j Phi), B = (A1 + 6 A2) / (2 l),
#   g = ((l+1) A1 - (l+4) A2) / ((l+2) A2), c1 = g / (3l + 2(1-g)), c2 = (l-g) / (3l + 2(1-g)),
#   c3 = (l+2-g) / (3l + 2(1-g)), E* = 1 / (1 - A2/l), V* = (2/l) (1 + c1 B) / ((1 - c2 B)^2 (1 - c3 B)),
#   rho = V* / (2 E*^2), m = 4 + (l+2) / (l rho - 1), lambda = m / (E* (m - 2)); lambda F ~ F(l, m) with
#   F = (L'beta)' (L'Phi_A L)^-1 (L'beta) / l.
#
# Parameters theta: those of SAS PROC MIXED for each TYPE (the adjustment is not invariant to the
# parameterization when it is not linear): unstructured, the elements sigma_ab (linear, R = 0); compound
# symmetry, the common covariance and the residual variance, Sigma = c J + s2 I (linear, R = 0; pbkrtest's
# variance components); AR(1), the variance and the correlation, Sigma = s2 rho^|a-b| (R != 0).
#
# The fits: the five data sets of mmrm-nlme-references.R (core/src/test/resources/org/trialsim/stats/mmrm/
# dataset-N.csv, read, not regenerated), each with the three structures, fitted by nlme::gls (REML); gls's
# optimizer stops about 1e-8 short of the maximum in the log-likelihood, so its estimate is polished by two
# Newton steps on the REML criterion (numDeriv gradient and Hessian), as in mmrm-nlme-references.R. Written to
# kr-reference.csv: per data set, structure and visit v, the treatment difference at v (coefficient fv<v>:arm),
# its unadjusted SE, its Kenward-Roger SE sqrt(L'Phi_A L), the KR df m and scale lambda (1 for one contrast),
# the KR p-value, and the REML log-likelihood.
#
# Run from the repository root:  Rscript core/src/test/r/mmrm-kenward-roger-references.R
# R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1, lme4 1.1-31, pbkrtest 0.5.2 (Debian bookworm packages).
suppressPackageStartupMessages({library(nlme); library(numDeriv); library(lme4); library(pbkrtest)})
dir <- "core/src/test/resources/org/trialsim/stats/mmrm"

tr <- function(m) sum(diag(m))

# Kenward-Roger quantities for data d (columns id, visit), design X, covariance Sigma (T x T) and its
# derivatives dV (list of T x T) and second derivatives d2V(i, j) (a T x T matrix, or NULL when zero).
kr <- function(d, X, Sigma, dV, d2V = function(i, j) NULL) {
  p <- ncol(X); q <- length(dV)
  zero <- matrix(0, p, p)
  A <- zero; P <- rep(list(zero), q)
  Q <- matrix(rep(list(zero), q * q), q); R <- matrix(rep(list(zero), q * q), q)
  K <- matrix(0, q, q)
  for (ii in split(seq_len(nrow(X)), d$id)) {
    v <- d$visit[ii]; Vi <- Sigma[v, v, drop = FALSE]; Wi <- solve(Vi); Xi <- X[ii, , drop = FALSE]
    A <- A + t(Xi) %*% Wi %*% Xi
    D <- lapply(dV, function(m) m[v, v, drop = FALSE])
    N <- lapply(D, function(m) Wi %*% m %*% Wi)               # -dV^-1/dtheta_i
    for (i in 1:q) {
      P[[i]] <- P[[i]] - t(Xi) %*% N[[i]] %*% Xi
      for (j in 1:q) {
        Q[[i, j]] <- Q[[i, j]] + t(Xi) %*% N[[i]] %*% Vi %*% N[[j]] %*% Xi
        K[i, j] <- K[i, j] + tr(Wi %*% D[[i]] %*% Wi %*% D[[j]])
        s <- d2V(i, j)
        if (!is.null(s)) R[[i, j]] <- R[[i, j]] + t(Xi) %*% Wi %*% s[v, v, drop = FALSE] %*% Wi %*% Xi
      }
    }
  }
  Phi <- solve(A)
  IE2 <- matrix(0, q, q)
  for (i in 1:q) for (j in 1:q)
    IE2[i, j] <- K[i, j] - 2 * tr(Phi %*% Q[[i, j]]) + tr(Phi %*% P[[i]] %*% Phi %*% P[[j]])
  W <- 2 * solve(IE2)
  U <- zero
  for (i in 1:q) for (j in 1:q)
    U <- U + W[i, j] * (Q[[i, j]] - P[[i]] %*% Phi %*% P[[j]] - R[[i, j]] / 4)
  list(Phi = Phi, PhiA = Phi + 2 * Phi %*% U %*% Phi, P = P, W = W)
}

# The KR F test of L beta = 0 (L: l x p, full row rank), by the general formulas above.
kr_test <- function(k, L, beta) {
  L <- rbind(L); l <- nrow(L); Phi <- k$Phi; q <- length(k$P)
  Theta <- t(L) %*% solve(L %*% Phi %*% t(L)) %*% L
  M <- lapply(k$P, function(Pi) Theta %*% Phi %*% Pi %*% Phi)
  A1 <- 0; A2 <- 0
  for (i in 1:q) for (j in 1:q) {
    A1 <- A1 + k$W[i, j] * tr(M[[i]]) * tr(M[[j]])
    A2 <- A2 + k$W[i, j] * tr(M[[i]] %*% M[[j]])
  }
  B <- (A1 + 6 * A2) / (2 * l); g <- ((l + 1) * A1 - (l + 4) * A2) / ((l + 2) * A2)
  den <- 3 * l + 2 * (1 - g); c1 <- g / den; c2 <- (l - g) / den; c3 <- (l + 2 - g) / den
  Es <- 1 / (1 - A2 / l); Vs <- (2 / l) * (1 + c1 * B) / ((1 - c2 * B)^2 * (1 - c3 * B))
  rho <- Vs / (2 * Es^2); m <- 4 + (l + 2) / (l * rho - 1); lambda <- m / (Es * (m - 2))
  Lb <- L %*% beta
  F <- as.numeric(t(Lb) %*% solve(L %*% k$PhiA %*% t(L)) %*% Lb) / l
  list(F = F, m = m, lambda = lambda, p = pf(lambda * F, l, m, lower.tail = FALSE))
}

# Derivatives of Sigma in SAS's parameters, at the estimate V.
derivatives <- function(st, V) {
  T <- nrow(V); lag <- abs(outer(1:T, 1:T, "-"))
  switch(st,
    UN = list(dV = unlist(lapply(1:T, function(a) lapply(1:a, function(b) {
      m <- matrix(0, T, T); m[a, b] <- 1; m[b, a] <- 1; m })), recursive = FALSE), d2V = function(i, j) NULL),
    CS = list(dV = list(matrix(1, T, T), diag(T)), d2V = function(i, j) NULL),
    AR1 = {
      s2 <- V[1, 1]; r <- V[1, 2] / V[1, 1]
      list(dV = list(r^lag, s2 * lag * r^pmax(lag - 1, 0)),
           d2V = function(i, j) if (i == 1 && j == 1) NULL
                 else if (i != j) lag * r^pmax(lag - 1, 0)
                 else s2 * lag * (lag - 1) * r^pmax(lag - 2, 0))
    })
}

reml <- function(d, V, X, y) {  # -2 REML as nlme reports it, for covariance V (T x T)
  N <- nrow(X); p <- ncol(X); A <- matrix(0, p, p); u <- rep(0, p); e <- 0; ld <- 0
  for (ii in split(seq_len(N), d$id)) {
    v <- d$visit[ii]; Vi <- solve(V[v, v, drop = FALSE]); Xi <- X[ii, , drop = FALSE]
    A <- A + t(Xi) %*% Vi %*% Xi; u <- u + t(Xi) %*% Vi %*% y[ii]; e <- e + t(y[ii]) %*% Vi %*% y[ii]
    ld <- ld + determinant(V[v, v, drop = FALSE])$modulus
  }
  list(f = as.numeric((N - p) * log(2 * pi) + ld + determinant(A)$modulus + e - t(u) %*% solve(A, u)),
       beta = solve(A, u))
}

ctl <- glsControl(tolerance = 1e-12, msTol = 1e-14, msMaxIter = 2000, maxIter = 2000, returnObject = FALSE)
rows <- list(); checks <- list()
for (i in 1:5) {
  d <- read.csv(sprintf("%s/dataset-%d.csv", dir, i)); T <- max(d$visit)
  d$fv <- factor(d$visit, levels = 1:T)
  X <- model.matrix(~ 0 + fv + fv:arm + base, d); y <- d$chg
  for (st in c("UN", "AR1", "CS")) {
    cor <- switch(st, UN = corSymm(form = ~ visit | id), AR1 = corAR1(form = ~ visit | id),
                  CS = corCompSymm(form = ~ visit | id))
    f <- if (st == "UN") gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = cor,
                             weights = varIdent(form = ~ 1 | fv), method = "REML", control = ctl)
         else gls(chg ~ 0 + fv + fv:arm + base, data = d, correlation = cor, method = "REML", control = ctl)
    full <- names(which(table(d$id) == T))[1]
    V <- as.matrix(getVarCov(f, individual = full))
    # unconstrained parameters for the polishing Newton steps only (KR uses SAS's parameters, above)
    vfun <- switch(st,
      UN = function(th) { L <- matrix(0, T, T); L[lower.tri(L, diag = TRUE)] <- th; diag(L) <- exp(diag(L)); L %*% t(L) },
      AR1 = function(th) exp(2 * th[1]) * tanh(th[2])^abs(outer(1:T, 1:T, "-")),
      CS = function(th) exp(2 * th[1]) * (th[2] + (1 - th[2]) * diag(T)))
    th <- switch(st, UN = { L <- t(chol(V)); diag(L) <- log(diag(L)); L[lower.tri(L, diag = TRUE)] },
      AR1 = c(log(sqrt(V[1, 1])), atanh(V[1, 2] / V[1, 1])), CS = c(log(sqrt(V[1, 1])), V[1, 2] / V[1, 1]))
    crit <- function(t) reml(d, vfun(t), X, y)$f
    for (it in 1:2) th <- th - solve(hessian(crit, th), grad(crit, th))
    V <- vfun(th); fit <- reml(d, V, X, y)
    stopifnot(abs(-0.5 * fit$f - as.numeric(logLik(f))) < 1e-6)   # the polished fit is gls's maximum
    dv <- derivatives(st, V); k <- kr(d, X, V, dv$dV, dv$d2V)
    for (v in 1:T) {
      j <- which(colnames(X) == sprintf("fv%d:arm", v)); L <- matrix(0, 1, ncol(X)); L[j] <- 1
      t1 <- kr_test(k, L, fit$beta)
      rows[[length(rows) + 1]] <- data.frame(dataset = i, structure = st, visit = v, name = colnames(X)[j],
        estimate = sprintf("%.12g", fit$beta[j]), se = sprintf("%.12g", sqrt(k$Phi[j, j])),
        se_kr = sprintf("%.12g", sqrt(k$PhiA[j, j])), df_kr = sprintf("%.12g", t1$m),
        lambda = sprintf("%.12g", t1$lambda), p_kr = sprintf("%.12g", t1$p),
        loglik = sprintf("%.12g", -0.5 * fit$f))
    }
    if (st == "CS") {
      # the check against pbkrtest, at lme4's own estimates (random intercept = CS with rho > 0)
      m <- lmer(chg ~ 0 + fv + fv:arm + base + (1 | id), data = d, REML = TRUE)
      vc <- as.data.frame(VarCorr(m)); sb <- vc$vcov[vc$grp == "id"]; se2 <- vc$vcov[vc$grp == "Residual"]
      Xm <- getME(m, "X"); Vm <- sb * matrix(1, T, T) + se2 * diag(T)
      km <- kr(d, Xm, Vm, list(matrix(1, T, T), diag(T)))
      adj <- as.matrix(vcovAdj(m))
      arms <- match(sprintf("fv%d:arm", 1:T), colnames(Xm))
      one <- matrix(0, 1, ncol(Xm)); one[arms[T]] <- 1                    # the last visit's difference
      all <- diag(ncol(Xm))[arms, , drop = FALSE]                         # every visit's difference at once
      for (L in list(one, all)) {
        ours <- kr_test(km, L, fixef(m)); theirs <- KRmodcomp(m, L)$test["Ftest", ]
        stopifnot(max(abs(km$PhiA - adj)) < 1e-9 * max(abs(adj)), abs(ours$m / theirs$ddf - 1) < 1e-9,
                  abs(ours$lambda / theirs$F.scaling - 1) < 1e-9, abs(ours$lambda * ours$F / theirs$stat - 1) < 1e-9)
        checks[[length(checks) + 1]] <- data.frame(dataset = i, contrasts = nrow(L),
          max_rel_diff_phi_a = sprintf("%.3g", max(abs(km$PhiA - adj) / max(abs(adj)))),
          ddf_ours = sprintf("%.10g", ours$m), ddf_pbkrtest = sprintf("%.10g", theirs$ddf),
          scale_ours = sprintf("%.10g", ours$lambda), scale_pbkrtest = sprintf("%.10g", theirs$F.scaling),
          F_ours = sprintf("%.10g", ours$lambda * ours$F), F_pbkrtest = sprintf("%.10g", theirs$stat))
      }
    }
  }
}
write.csv(do.call(rbind, rows), sprintf("%s/kr-reference.csv", dir), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, checks), sprintf("%s/kr-pbkrtest-check.csv", dir), row.names = FALSE, quote = FALSE)
print(do.call(rbind, checks))
