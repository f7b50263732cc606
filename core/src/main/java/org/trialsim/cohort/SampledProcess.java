package org.trialsim.cohort;

import java.util.List;
import org.trialsim.random.StreamId;

/**
 * A patient process as the sampler sees it: the stream it draws from, the columns it writes, and how it is
 * compiled for one scenario into a {@link ProcessSampler}. Implemented by the same object that defines the
 * process for the scenario ({@link org.trialsim.scenario.ProcessDefinition}), which {@link SamplingPlan} finds
 * in {@link org.trialsim.scenario.ProcessRegistry}; processes are drawn in registration order, each reading only
 * the trial's frame (arm, stratum, entry, dropout) and the columns of processes before it.
 */
public interface SampledProcess {

    /** The random stream of the process: {@code StreamId.of(key())}, or an original stream. */
    StreamId stream();

    /** The columns the process writes, for listings. */
    List<Column> columns();

    /**
     * The process compiled for one scenario.
     *
     * @param cells the process's model in each arm x stratum ({@code null} where the patient does not have it;
     *     at least one is not null)
     * @throws IllegalArgumentException if a parameter is outside its range (the last line of defence for
     *     scenarios built in code; the parser reports these with file and line first)
     */
    ProcessSampler compile(ProcessCells cells);
}
