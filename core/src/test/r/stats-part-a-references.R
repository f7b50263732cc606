# Reference values for org.trialsim.stats part A tests (R 4.2, survival package).
# Run: Rscript core/src/test/r/stats-part-a-references.R  -- not used by the build; values are copied into the tests.
library(survival)
options(digits=17)
p <- function(label, x) cat(label, paste(format(x, digits=17), collapse=", "), "\n")
cat("== prop.test two-sample\n")
for (cs in list(c(15,30,8,30), c(3,17,10,40), c(12,20,9,20), c(0,10,3,12), c(40,60,25,55), c(1,5,0,4))) {
  x <- cs[c(1,3)]; n <- cs[c(2,4)]
  for (cc in c(FALSE, TRUE)) {
    r2 <- suppressWarnings(prop.test(x, n, correct=cc))
    rg <- suppressWarnings(prop.test(x, n, correct=cc, alternative="greater"))
    rl <- suppressWarnings(prop.test(x, n, correct=cc, alternative="less"))
    ch <- suppressWarnings(chisq.test(matrix(c(x, n-x), 2), correct=cc))
    p(sprintf("prop %s cc=%s stat,p2,pg,pl,chisqstat,chisqp:", paste(cs,collapse=","), cc), c(r2$statistic, r2$p.value, rg$p.value, rl$p.value, ch$statistic, ch$p.value))
  }
}
cat("== fisher.test\n")
for (cs in list(c(3,10,7,10), c(7,10,3,10), c(5,10,5,10), c(2,12,9,14), c(10,20,3,20), c(0,8,6,9), c(15,40,20,40), c(1,2,1,3), c(30,100,45,100))) {
  m <- matrix(c(cs[1], cs[3], cs[2]-cs[1], cs[4]-cs[3]), 2)
  p(sprintf("fisher %s p2,pg,pl:", paste(cs,collapse=",")), c(fisher.test(m)$p.value, fisher.test(m, alternative="greater")$p.value, fisher.test(m, alternative="less")$p.value))
}
cat("== mantelhaen.test\n")
mk <- function(xT,nT,xC,nC) { a <- array(0, c(2,2,length(xT))); for (k in seq_along(xT)) a[,,k] <- matrix(c(xT[k], xC[k], nT[k]-xT[k], nC[k]-xC[k]), 2); a }
cases <- list(list(c(8,12,5), c(20,25,15), c(4,7,5), c(20,24,16)),
              list(c(3,10,2), c(10,30,8), c(5,9,1), c(12,28,9)),
              list(c(6,6), c(10,10), c(5,5), c(10,10)))
for (cs in cases) {
  a <- mk(cs[[1]], cs[[2]], cs[[3]], cs[[4]])
  for (cc in c(FALSE, TRUE)) {
    r2 <- mantelhaen.test(a, correct=cc); rg <- mantelhaen.test(a, correct=cc, alternative="greater"); rl <- mantelhaen.test(a, correct=cc, alternative="less")
    p(sprintf("cmh %s cc=%s stat,p2,pg,pl,or:", paste(unlist(cs),collapse=","), cc), c(r2$statistic, r2$p.value, rg$p.value, rl$p.value, r2$estimate))
  }
}
cat("== binom.test\n")
for (cs in list(c(7,20,0.5), c(15,20,0.5), c(3,25,0.2), c(12,40,0.3), c(10,20,0.5), c(0,15,0.1), c(9,30,0.3), c(25,30,0.6), c(5,12,1/3))) {
  k <- cs[1]; n <- cs[2]; p0 <- cs[3]
  b2 <- binom.test(k, n, p0); bg <- binom.test(k, n, p0, alternative="greater"); bl <- binom.test(k, n, p0, alternative="less")
  p(sprintf("binom %s p2,pg,pl,cplo,cphi:", paste(cs,collapse=",")), c(b2$p.value, bg$p.value, bl$p.value, b2$conf.int))
}
cat("== wilson (prop.test one-sample, correct=FALSE)\n")
for (cs in list(c(7,20), c(0,15), c(15,15), c(1,50), c(33,100))) {
  p(sprintf("wilson %s lo,hi 95 and 90:", paste(cs,collapse=",")), c(prop.test(cs[1], cs[2], correct=FALSE)$conf.int, prop.test(cs[1], cs[2], correct=FALSE, conf.level=0.9)$conf.int))
}
library(survival)
options(digits=17)
p <- function(label, x) cat(label, paste(format(x, digits=17), collapse=", "), "\n")
time <- c(20,27,7,24,9,8,7,3,11,1,28,10,1,5,14,2,6,7,5,24,2,6,5,9,5,7,25,2,9,12,9,13,29,12,6,7,23,1,11,1)
status <- c(0,0,1,0,1,1,1,1,1,1,0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,1,0,0,0,0,0,1,0,1,0,1)
trt <- rep(c(1,0), 20)
strat <- rep(c(0,0,1,1,2), 8)
lr <- function(label, f, d) { s <- survdiff(f, data=d); o <- s$obs; e <- s$exp; if (is.matrix(o)) { o <- rowSums(o); e <- rowSums(e) }
  p(label, c(o[2], e[2], o[1], e[1], s$var[2,2], s$chisq)) }
d1 <- data.frame(time, status, trt, strat)
cat("== survdiff: label O_T, E_T, O_C, E_C, V, chisq (group 2 = trt)\n")
lr("lr1 unstratified:", Surv(time, status) ~ trt, d1)
lr("lr1 stratified:", Surv(time, status) ~ trt + strata(strat), d1)
# heavy ties, all at risk die at the last time in one arm
t2 <- c(1,1,1,2,2,3,3,3,3,4, 1,2,2,2,3,4,4,4,5,5); s2 <- c(1,1,0,1,1,1,0,1,1,1, 0,1,1,0,1,1,1,0,1,1); g2 <- c(rep(1,10), rep(0,10))
d2 <- data.frame(time=t2, status=s2, trt=g2, st=rep(c(0,1),10))
lr("lr2 unstratified:", Surv(time, status) ~ trt, d2)
lr("lr2 stratified:", Surv(time, status) ~ trt + strata(st), d2)
# stratum 3 has only treated patients (contributes nothing)
d3 <- rbind(d1, data.frame(time=c(4,6,8), status=c(1,1,0), trt=c(1,1,1), strat=c(3,3,3)))
lr("lr3 stratified with one-arm stratum:", Surv(time, status) ~ trt + strata(strat), d3)
cat("== survfit KM: label surv, std.err at times\n")
km <- function(label, tt, ss, times) { f <- survfit(Surv(tt, ss) ~ 1); sm <- summary(f, times=times, extend=TRUE); p(label, c(sm$surv, sm$std.err)) }
km("km trt arm at 0.5,5,9,12,30:", time[trt==1], status[trt==1], c(0.5,5,9,12,30))
km("km ctrl arm at 0.5,5,9,12,30:", time[trt==0], status[trt==0], c(0.5,5,9,12,30))
km("km lr2 trt at 1,2,3,3.5:", t2[g2==1], s2[g2==1], c(1,2,3,3.5))
km("km lr2 ctrl at 1,2,4,4.5:", t2[g2==0], s2[g2==0], c(1,2,4,4.5))
options(digits=17)
p <- function(label, x) cat(label, paste(format(x, digits=17), collapse=", "), "\n")
set.seed(7)
base <- round(rnorm(24, 32, 5), 1)
trt <- rep(c(1,0), 12)
chg <- round(-8 - 4*trt + 0.4*(base-32) + rnorm(24, 0, 6), 1)
cat("base=", paste(base, collapse=","), "\n"); cat("chg=", paste(chg, collapse=","), "\n")
for (ve in c(TRUE, FALSE)) for (alt in c("two.sided","greater","less")) {
  r <- t.test(chg[trt==1], chg[trt==0], var.equal=ve, alternative=alt)
  p(sprintf("t var.equal=%s alt=%s t,df,p:", ve, alt), c(r$statistic, r$parameter, r$p.value))
}
# unequal sizes and spreads
y1 <- c(3.1, 4.7, 2.2, 6.0, 5.5, 4.1, 3.3); y0 <- c(1.0, 2.5, 0.4, 3.9, 2.2, 8.8, -1.5, 0.7, 2.0, 4.4, 1.1)
for (ve in c(TRUE, FALSE)) { r <- t.test(y1, y0, var.equal=ve); p(sprintf("t2 var.equal=%s t,df,p:", ve), c(r$statistic, r$parameter, r$p.value)) }
# one patient in the treatment arm (pooled only)
r <- t.test(c(4.2), c(1.0, 2.5, 0.4, 3.9), var.equal=TRUE); p("t3 pooled n_T=1 t,df,p:", c(r$statistic, r$parameter, r$p.value))
g <- factor(trt)
m <- summary(lm(chg ~ trt + base))$coefficients
p("ancova est,se,t,p(two-sided) for trt; slope:", c(m["trt",], m["base","Estimate"]))
m2 <- summary(lm(I(chg + base) ~ trt + base))$coefficients
p("ancova on final score est,se,t,p:", m2["trt",])
# constant baseline -> aliased, lm drops it
bc <- rep(30, 24); m3 <- summary(lm(chg ~ trt + bc))$coefficients
p("ancova constant baseline est,se,t,p:", m3["trt",])
cat("df:", summary(lm(chg ~ trt + bc))$df, "\n")
# Fisher ties where commons-statistics 1.2 differs, and a large table
f <- function(xT,nT,xC,nC) fisher.test(matrix(c(xT,xC,nT-xT,nC-xC),2))$p.value
print(c(f(1,1,10,21), f(0,2,2,5), f(1,3,10,14), f(2,3,4,14), f(1,3,1,7)))
m <- matrix(c(230,190,270,310),2); print(fisher.test(m)$p.value); print(fisher.test(m,alternative="greater")$p.value)
library(survival)
options(digits=17)
set.seed(99)
n <- 30
tt <- round(rexp(n, 0.1), 3); ss <- rbinom(n, 1, 0.8); gg <- rep(c(1,0), 15)
stopifnot(!any(duplicated(tt)))
cat("time=", paste(format(tt, digits=17), collapse=","), "\n"); cat("status=", paste(ss, collapse=","), "\n")
f <- coxph(Surv(tt, ss) ~ gg, ties="breslow", iter.max=1)
print(exp(coef(f)))
s <- survdiff(Surv(tt, ss) ~ gg); print(c(s$obs[2], s$exp[2], s$var[2,2], s$chisq))
# one-sided ANCOVA p-values and a baseline determined by the arm (aliased in lm)
print(pt(m["trt","t value"], 21)); print(pt(m["trt","t value"], 21, lower.tail=FALSE))
b2 <- base; b2[trt==1] <- 30; b2[trt==0] <- 35; print(summary(lm(chg ~ trt + b2))$coefficients)
options(digits=17)
# Newcombe (1998) method 10 from Wilson limits (prop.test, correct = FALSE), Wald (method 1)
nw <- function(x1, n1, x2, n2, cl=0.95) {
  p1 <- x1/n1; p2 <- x2/n2
  w1 <- prop.test(x1, n1, correct=FALSE, conf.level=cl)$conf.int; w2 <- prop.test(x2, n2, correct=FALSE, conf.level=cl)$conf.int
  d <- p1 - p2; z <- qnorm(1 - (1-cl)/2)
  se <- sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
  c(d, d - z*se, d + z*se, d - sqrt((p1-w1[1])^2 + (w2[2]-p2)^2), d + sqrt((w1[2]-p1)^2 + (p2-w2[1])^2))
}
for (cs in list(c(56,70,48,80), c(9,10,3,10), c(6,7,2,7), c(5,56,0,29), c(0,10,0,20), c(10,10,0,20), c(10,10,0,10))) print(c(cs, nw(cs[1],cs[2],cs[3],cs[4])))
# Woolf logit interval, 0.5 added to all cells when a cell is 0
wo <- function(a, n1, c, n2, cl=0.95) { b <- n1-a; d <- n2-c; if (min(a,b,c,d)==0) { a<-a+.5; b<-b+.5; c<-c+.5; d<-d+.5 }
  lor <- log(a*d/(b*c)); se <- sqrt(1/a+1/b+1/c+1/d); z <- qnorm(1-(1-cl)/2); c(exp(lor), exp(lor - z*se), exp(lor + z*se), se) }
for (cs in list(c(15,30,8,30), c(0,10,3,12), c(40,60,25,55), c(10,10,0,10))) print(c(cs, wo(cs[1],cs[2],cs[3],cs[4])))
