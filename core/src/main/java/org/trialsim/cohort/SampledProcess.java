package org.trialsim.cohort;

import java.util.List;
import org.trialsim.random.StreamId;

/**
 * A patient process as the sampler sees it: the stream it draws from, the columns it writes, and how it is
 * compiled for one scenario into a {@link ProcessSampler}. Implemented by the same object that defines the
 * process for the scenario ({@link org.trialsim.scenario.ProcessDefinition}), which {@link SamplingPlan} finds
 * in {@link org.trialsim.scenario.ProcessRegistry}; processes are drawn in registration order, each reading only
 * the trial's frame (arm, stratum, entry, dropout) and the columns of processes before it.
 *
 * <p>A process compiles into one or more {@link Part}s, each a sampler with a stream and columns of its own. A
 * process of fixed shape (relapse, rescue) is one part: {@link #stream()}, {@link #columns()} and
 * {@link #compile(ProcessCells)}. A process whose instances the planner names (the events {@code pfs} and
 * {@code os} of one scenario) overrides {@link #parts(ProcessCells)} and gives one part per instance, each on
 * the stream of its own id, so that adding, removing or renaming one instance moves no other's numbers.
 */
public interface SampledProcess {

    /** The random stream of the process: {@code StreamId.of(key())}, or an original stream. */
    StreamId stream();

    /** The columns the process writes, for listings (a process of named instances: none of fixed name). */
    List<Column> columns();

    /**
     * The process compiled for one scenario, as one part; a process of named instances compiles through
     * {@link #parts(ProcessCells)} instead and need not implement this.
     *
     * @param cells the process's model in each arm x stratum ({@code null} where the patient does not have it;
     *     at least one is not null)
     * @throws IllegalArgumentException if a parameter is outside its range (the last line of defence for
     *     scenarios built in code; the parser reports these with file and line first)
     */
    default ProcessSampler compile(ProcessCells cells) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " compiles through parts()");
    }

    /**
     * The process compiled for one scenario, as the parts the sampler draws one after the other, each from its
     * own stream: by default the one part of {@link #stream()}, {@link #columns()} and {@link #compile}.
     *
     * @throws IllegalArgumentException as {@link #compile(ProcessCells)}
     */
    default List<Part> parts(ProcessCells cells) {
        return List.of(new Part(stream(), columns(), compile(cells)));
    }

    /**
     * One independently drawn part of a process in one scenario.
     *
     * @param stream the stream it draws from (positioned at its start for each replicate)
     * @param columns the columns it writes, in listing order
     * @param sampler its compiled sampler
     */
    record Part(StreamId stream, List<Column> columns, ProcessSampler sampler) {
        public Part {
            columns = List.copyOf(columns);
        }
    }
}
