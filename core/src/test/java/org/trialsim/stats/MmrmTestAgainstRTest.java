package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MMRM fit against R's {@code nlme::gls} (REML) on five data sets with monotone dropout (3 to 6 visits,
 * 40 to 150 patients), and Satterthwaite's degrees of freedom against a by-hand computation in R (numerical
 * Hessian of the REML criterion and gradient of the contrast's variance, {@code numDeriv}) and, for
 * compound symmetry, against {@code lmerTest} (whose random-intercept model is the same model when the
 * correlation is positive). The data and the reference values were written by
 * {@code core/src/test/r/mmrm-nlme-references.R} (R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1,
 * lmerTest 3.1-3) into {@code core/src/test/resources/org/trialsim/stats/mmrm/}.
 *
 * <p>Tolerances: estimates and the log-likelihood agree to {@code 1e-6} absolute, standard errors to
 * {@code 1e-6} relative (nlme was run with tolerances of {@code 1e-12}, this fit converges to a Newton
 * decrement of {@code 1e-9}); degrees of freedom to {@code 1e-5} relative, the accuracy of numDeriv's
 * Richardson extrapolation (its values and lmerTest's differ by up to {@code 2e-7} relative).
 */
class MmrmTestAgainstRTest {

    /** One data set in the fit's layout. */
    record Data(double[] change, double[] baseline, boolean[] treatment, int[] observed, int size, int visits) {
    }

    static Data read(int dataset) throws IOException {
        final Map<Integer, List<String[]>> patients = new LinkedHashMap<>();
        int visits = 0;
        try (BufferedReader in = reader("mmrm/dataset-" + dataset + ".csv")) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] f = line.split(",");
                patients.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(f);
                visits = Math.max(visits, Integer.parseInt(f[3]));
            }
        }
        final int n = patients.size();
        final double[] change = new double[n * visits];
        final double[] baseline = new double[n];
        final boolean[] treatment = new boolean[n];
        final int[] observed = new int[n];
        int i = 0;
        for (List<String[]> rows : patients.values()) {
            treatment[i] = rows.get(0)[1].equals("1");
            baseline[i] = Double.parseDouble(rows.get(0)[2]);
            for (String[] r : rows) {
                final int v = Integer.parseInt(r[3]) - 1;
                assertEquals(observed[i], v, "visits in order, monotone");
                change[i * visits + v] = Double.parseDouble(r[4]);
                observed[i]++;
            }
            i++;
        }
        return new Data(change, baseline, treatment, observed, n, visits);
    }

    private static BufferedReader reader(String name) {
        return new BufferedReader(new InputStreamReader(MmrmTestAgainstRTest.class.getResourceAsStream(name),
                StandardCharsets.UTF_8));
    }

    /** R's coefficient name ({@code fv2}, {@code fv2:arm}, {@code base}) as an index of {@link MmrmTest.Result#coefficient}. */
    private static int index(String name, int visits) {
        if (name.equals("base")) {
            return 2 * visits;
        }
        final int v = Integer.parseInt(name.replace("fv", "").replace(":arm", "")) - 1;
        return name.endsWith(":arm") ? visits + v : v;
    }

    @ParameterizedTest
    @CsvSource({"1, UN", "2, UN", "3, UN", "4, UN", "5, UN", "1, AR1", "2, AR1", "1, CS", "2, CS"})
    void agreesWithNlme(int dataset, String structure) throws IOException {
        final Data d = read(dataset);
        final MmrmTest.Covariance covariance = switch (structure) {
            case "UN" -> MmrmTest.Covariance.UNSTRUCTURED;
            case "AR1" -> MmrmTest.Covariance.AR1;
            default -> MmrmTest.Covariance.COMPOUND_SYMMETRY;
        };
        final MmrmTest test = MmrmTest.withDefaults().with(covariance);
        final MmrmTest.Result result = test.test(d.change(), d.baseline(), d.treatment(), d.observed(), d.size(),
                d.visits(), d.visits() - 1);
        assertTrue(result.converged(), "converged");
        int rows = 0;
        try (BufferedReader in = reader("mmrm/nlme-reference.csv")) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] f = line.split(",");
                if (Integer.parseInt(f[0]) != dataset || !f[1].equals(structure)) {
                    continue;
                }
                rows++;
                final int j = index(f[3], d.visits());
                final String what = "data set " + dataset + " " + structure + " " + f[3];
                assertEquals(Double.parseDouble(f[4]), result.coefficient(j), 1e-6, what + " estimate");
                Close.assertRelative(Double.parseDouble(f[5]), result.coefficientStandardError(j), 1e-6, what + " SE");
                Close.assertRelative(Double.parseDouble(f[6]), result.satterthwaite(j), 1e-5, what + " df");
                if (!f[7].equals("NA")) {
                    Close.assertRelative(Double.parseDouble(f[7]), result.satterthwaite(j), 1e-5, what + " df lmerTest");
                }
                assertEquals(Double.parseDouble(f[8]), result.logLikelihood(), 1e-6, what + " REML log-likelihood");
            }
        }
        assertEquals(2 * d.visits() + 1, rows, "every coefficient has a reference");
        final int last = 2 * d.visits() - 1;
        assertEquals(result.coefficient(last), result.estimate(), 0, "the estimate is the last visit's difference");
        assertEquals(result.satterthwaite(last), result.degreesOfFreedom(), 0);
        assertEquals(result.estimate() / result.standardError(), result.statistic(), 1e-12);
    }
}
