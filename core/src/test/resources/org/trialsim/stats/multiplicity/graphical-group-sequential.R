suppressMessages(library(rpact)); library(mvtnorm)
options(digits=12)
cv <- function(a, t, type, gamma=NA) {
  d <- if (is.na(gamma)) getDesignGroupSequential(kMax=length(t), alpha=a, informationRates=t, typeOfDesign=type, sided=1)
       else getDesignGroupSequential(kMax=length(t), alpha=a, informationRates=t, typeOfDesign=type, gammaA=gamma, sided=1)
  d$criticalValues }
for (a in c(0.0125, 0.025)) {
  cat("asOF t=(0.5,1) alpha", a, ":", format(cv(a, c(0.5,1), "asOF"), digits=12), "\n")
  cat("asP  t=(0.5,1) alpha", a, ":", format(cv(a, c(0.5,1), "asP"), digits=12), "\n")
  cat("asOF t=(0.4,0.7,1) alpha", a, ":", format(cv(a, c(0.4,0.7,1), "asOF"), digits=12), "\n")
  cat("asHSD(-4) t=(0.4,0.7,1) alpha", a, ":", format(cv(a, c(0.4,0.7,1), "asHSD", -4), digits=12), "\n")
}
# three hypotheses, levels 0.025/3 and 0.025*2/3 at t=(0.5,1) OBF
for (a in c(0.025/3, 0.025*2/3)) cat("asOF t=(0.5,1) alpha", a, ":", format(cv(a, c(0.5,1), "asOF"), digits=12), "\n")
# exact P(reject H1) for two independent z processes, weights 1/2 1/2, full transfer, H1 spending s1, H2 spending s2
exact <- function(t, th1, th2, s1, s2, alpha=0.025) {
  K <- length(t); S <- outer(t, t, function(a,b) sqrt(pmin(a,b)/pmax(a,b)))
  b1h <- cv(alpha/2, t, s1); b1f <- cv(alpha, t, s1); b2h <- cv(alpha/2, t, s2)
  m1 <- th1*sqrt(t); m2 <- th2*sqrt(t)
  pT <- numeric(K+1)
  for (s in 1:K) {
    lo <- rep(-Inf,K); up <- rep(Inf,K)
    if (s>1) up[1:(s-1)] <- b2h[1:(s-1)]
    lo[s] <- b2h[s]
    pT[s] <- pmvnorm(lower=lo[1:s], upper=up[1:s], mean=m2[1:s], sigma=S[1:s,1:s], algorithm=Miwa(steps=4096))
  }
  pT[K+1] <- 1-sum(pT[1:K])
  p <- 0
  for (s in 1:(K+1)) {
    c <- ifelse(seq_len(K) >= s, b1f, b1h)
    p <- p + pT[s]*(1-pmvnorm(upper=c, mean=m1, sigma=S, algorithm=Miwa(steps=4096)))
  }
  p
}
for (cfg in list(c(0.5,1), c(0.4,0.7,1))) {
  cat("t=", cfg, "\n")
  cat(" P(rej H1) th1=2.5 th2=2.5 OF/P :", format(exact(cfg, 2.5, 2.5, "asOF", "asP"), digits=10), "\n")
  cat(" P(rej H2) th1=2.5 th2=2.5 OF/P :", format(exact(cfg, 2.5, 2.5, "asP", "asOF"), digits=10), "\n")
  cat(" P(rej H1) th1=2.8 th2=1.5 OF/OF:", format(exact(cfg, 2.8, 1.5, "asOF", "asOF"), digits=10), "\n")
  cat(" P(rej H2) th1=2.8 th2=1.5 OF/OF:", format(exact(cfg, 1.5, 2.8, "asOF", "asOF"), digits=10), "\n")
  cat(" P(rej H1) null OF/P:", format(exact(cfg, 0, 0, "asOF", "asP"), digits=10), "\n")
}
cat("FWER global null independent = alpha - alpha^2/4 =", 0.025 - 0.025^2/4, "\n")
