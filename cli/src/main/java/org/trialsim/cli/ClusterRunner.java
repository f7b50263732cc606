package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.List;
import org.trialsim.power.StudyCounts;

/**
 * A runner that counts a run's replicates on a cluster ({@code power --spark MASTER}, {@code size --spark
 * MASTER}): found with {@link java.util.ServiceLoader}, so the command line names no cluster engine and its
 * jar carries none; the {@code spark} module registers one. The runner counts replicate ranges of the plan's
 * studies where it likes, rebuilding the plan from {@code spec} on its workers ({@link RunSpec#plan()}), and
 * returns each study's counts; the command then reports them as a local run, to the same bytes.
 */
public interface ClusterRunner {

    /** The name the option uses, for example {@code spark}. */
    String name();

    /**
     * The counts of every study of {@code plan} ({@link StudyPlan#studies()}), in run order, each over the
     * replicates {@code [0, k)} at which the study stops ({@link org.trialsim.power.PowerStudy#stopsAt}).
     *
     * @param spec the run, to rebuild the plan on workers
     * @param plan the plan, as the driver built it from {@code spec}
     * @param master where to run (for Spark a master URL such as {@code local[4]} or {@code spark://host:7077});
     *     null for the one the launcher (spark-submit) configured
     * @param quiet whether to keep stderr quiet but for errors
     * @param log where to say what runs (stderr)
     * @throws Refused if the run cannot start as asked (a master that cannot be reached, none configured)
     */
    List<StudyCounts> count(RunSpec spec, StudyPlan plan, String master, boolean quiet, PrintWriter log);

    /** A run that cannot start as asked: reported as bad usage (exit 2) with its message, no stack trace. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A refusal with the message shown to the user. */
        public Refused(String message) {
            super(message);
        }
    }
}
