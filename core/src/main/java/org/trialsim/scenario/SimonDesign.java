package org.trialsim.scenario;

/**
 * A Simon two-stage single-arm design: enrol n1 patients and stop for futility if at most r1 respond;
 * otherwise enrol to n and reject the null if more than r respond in total. Simon R. Optimal two-stage
 * designs for phase II clinical trials. Control Clin Trials 1989;10:1-10.
 *
 * @param n1 stage-1 sample size
 * @param r1 stage-1 futility bound (stop if responses &lt;= r1)
 * @param n total sample size
 * @param r final bound (reject H0 if responses > r)
 */
public record SimonDesign(int n1, int r1, int n, int r) {
}
