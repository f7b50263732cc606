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

    /** The measure in typed form: its kind, endpoint, look and hypothesis ({@link Measure#parse}). */
    public Measure toMeasure() {
        return Measure.parse(measure);
    }

    /**
     * The sweep cell's axes: each key path with its value as the label writes it, in axis order; empty outside
     * sweeps. The label is {@code key=value,key=value} ({@link Sweep#label}); key paths and numbers hold neither
     * {@code ,} nor {@code =}.
     */
    public java.util.Map<String, String> axes() {
        return Sweep.axes(cell);
    }
}
