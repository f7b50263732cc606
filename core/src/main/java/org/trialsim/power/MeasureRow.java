package org.trialsim.power;

/**
 * One row of a study's result in long format: one operating characteristic at one total sample size (and,
 * in a sweep, one cell of the parameter grid).
 *
 * @param cell the sweep cell label, for example {@code arms.ketamine.response.probability=0.45}; empty
 *     outside sweeps
 * @param nTotal the total sample size
 * @param measure what is estimated, for example {@code power:response}, {@code power:any},
 *     {@code power:all}, {@code type1:response}, {@code expected_n}, {@code stop:look2}, {@code pet}, {@code expected_n:null}, {@code pet:null}
 * @param estimate the estimate with its Monte Carlo error
 */
public record MeasureRow(String cell, int nTotal, String measure, Estimate estimate) {
}
