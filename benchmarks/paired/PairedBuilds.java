import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times a workload (W2 unless {@code --workload=NAME} names another method of
 * {@code org.trialsim.power.Workloads}: w1, w2, w3 or ketamine, which is W4) in two or more builds of
 * benchmarks.jar inside one JVM, interleaved study by study, so that the builds share the machine's load: on a
 * shared machine a before/after pair taken minutes apart measures the neighbours as much as the code. Each jar
 * gets its own class loader; after 4 warm-up rounds, each round runs one study per jar (alternative only, as
 * the peers; 10,000 replicates, or {@code --replicates=R}). Prints per jar the process CPU time (all threads,
 * JIT included) and the wall time per study: minimum, first quartile and median over the rounds.
 *
 * <p>Run both orders: with the default scenario (ketamine) the jar loaded first ran faster whichever it was
 * (measured 2026-11-22: 26 against 31-35 ms per 500 replicates; the same jar twice, 22 and 22), while W2 showed
 * no such bias.
 *
 * <pre>
 *   java benchmarks/paired/PairedBuilds.java [--workload=w2] [--replicates=10000] THREADS ROUNDS before.jar after.jar [more.jar ...]
 * </pre>
 */
public class PairedBuilds {
    public static void main(String[] args) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String workload = "w2";
        int replicates = 10_000;
        int first = 0;
        for (; first < args.length && args[first].startsWith("--"); first++) {
            String[] kv = args[first].substring(2).split("=", 2);
            switch (kv[0]) {
                case "workload" -> workload = kv[1];
                case "replicates" -> replicates = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
        }
        args = Arrays.copyOfRange(args, first, args.length);
        int threads = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int m = args.length - 2;
        Object[] scenario = new Object[m];
        Method[] run = new Method[m];
        Method[] of = new Method[m];
        for (int j = 0; j < m; j++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[j + 2]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> workloads = loader.loadClass("org.trialsim.power.Workloads");
            Class<?> study = loader.loadClass("org.trialsim.power.PowerStudy");
            scenario[j] = workloads.getMethod(workload).invoke(null);
            of[j] = study.getMethod("of", loader.loadClass("org.trialsim.scenario.Scenario"));
            run[j] = workloads.getMethod("alternativeOnly", study, int.class, long.class, int.class);
        }
        double[][] cpu = new double[m][rounds];
        double[][] wall = new double[m][rounds];
        long seed = 1;
        for (int r = -4; r < rounds; r++) {
            for (int j = 0; j < m; j++) {
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                run[j].invoke(null, of[j].invoke(null, scenario[j]), replicates, ++seed, threads);
                long c1 = os.getProcessCpuTime();
                long w1 = System.nanoTime();
                if (r >= 0) {
                    cpu[j][r] = (c1 - c0) / 1e6;
                    wall[j][r] = (w1 - w0) / 1e6;
                }
            }
        }
        System.out.printf("%s, %d replicates, %d thread(s), %d rounds, load %s%n", workload, replicates, threads, rounds,
                String.format("%.2f", os.getSystemLoadAverage()));
        for (int j = 0; j < m; j++) {
            Arrays.sort(cpu[j]);
            Arrays.sort(wall[j]);
            System.out.printf("%-40s cpu ms min %5.0f q1 %5.0f median %5.0f | wall ms min %5.0f q1 %5.0f median %5.0f"
                    + " | replicates/s at min wall %6.0f, at median %6.0f%n", args[j + 2], cpu[j][0], cpu[j][rounds / 4],
                    cpu[j][rounds / 2], wall[j][0], wall[j][rounds / 4], wall[j][rounds / 2],
                    replicates * 1e3 / wall[j][0], replicates * 1e3 / wall[j][rounds / 2]);
        }
    }
}
