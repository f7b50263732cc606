package org.trialsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.trialsim.power.StudyCounts;
import picocli.CommandLine.Option;

/**
 * {@code --spark [MASTER]} of {@code power} and {@code size}: count the replicates on Apache Spark through the
 * {@link ClusterRunner} the {@code spark} module registers (absent from the command line's own jar: the
 * launcher runs the spark module's jar when it is given).
 */
final class ClusterOptions {

    /** The value of a bare {@code --spark}: the master that spark-submit configured. */
    static final String SUBMITTED = "submitted";

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = SUBMITTED,
            description = "Count the replicates on Apache Spark: local[*] (this machine), spark://HOST:PORT (a"
                    + " standalone cluster), or no value under spark-submit (its --master). Needs the spark"
                    + " module (./trialsim builds it); the bytes are those of the run without --spark.")
    String master;

    /** Whether {@code --spark} was given. */
    boolean active() {
        return master != null;
    }

    /**
     * The counts of every study of {@code plan}, from the Spark runner; {@code out}, if not null, is checked
     * writable first, so that a long job never ends in an output that cannot be written.
     */
    List<StudyCounts> count(RunSpec spec, StudyPlan plan, Path out, boolean quiet, PrintWriter log) {
        ClusterRunner runner = ServiceLoader.load(ClusterRunner.class).stream().map(ServiceLoader.Provider::get)
                .filter(r -> r.name().equals("spark")).findFirst()
                .orElseThrow(() -> new UsageException("--spark needs the spark module, which this jar does not "
                        + "carry: build it with 'mvn -B -DskipTests -pl spark -am package' and run through the "
                        + "./trialsim launcher (or spark-submit its jar; see README)"));
        if (out != null) {
            Path folder = out.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw new UsageException("cannot write " + out + ": its folder " + folder + (folder != null
                        && Files.isDirectory(folder) ? " is not writable" : " does not exist")
                        + "; nothing was run");
            }
        }
        try {
            return runner.count(spec, plan, SUBMITTED.equals(master) ? null : master, quiet, log);
        } catch (ClusterRunner.Refused e) {
            throw new UsageException(e.getMessage());
        }
    }
}
