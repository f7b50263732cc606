package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kenward and Roger's adjusted standard error and degrees of freedom ({@link KenwardRoger}, through
 * {@link MmrmTest.DegreesOfFreedom#KENWARD_ROGER}) against an independent implementation of the paper's
 * formulas in R on {@code nlme::gls}'s REML fit: {@code core/src/test/r/mmrm-kenward-roger-references.R}
 * (R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1, lme4 1.1-31, pbkrtest 0.5.2), which wrote
 * {@code kr-reference.csv} from the five data sets with monotone dropout of {@link MmrmTestAgainstRTest}
 * (3 to 6 visits, 40 to 150 patients), each fitted with the three covariance structures: the treatment
 * difference at every visit, its KR standard error and df. That R implementation was itself checked against
 * R's pbkrtest on lme4's random-intercept model (compound symmetry with a positive correlation) at lme4's
 * estimates: adjusted covariance to 1e-13, df, F scale and F to 10 digits, for one contrast and for all
 * visits' differences jointly ({@code kr-pbkrtest-check.csv}; the script stops if they differ by 1e-9).
 *
 * <p>Tolerances: estimates {@code 1e-6} absolute, SE and df {@code 1e-6} relative. Both fits stop at the
 * REML maximum to far better than that (this fit at a Newton decrement of {@code 1e-9}, the reference after two
 * Newton steps from gls's {@code 1e-12}-tolerance optimum), and the KR quantities are smooth in the
 * covariance estimate.
 */
class MmrmKenwardRogerTest {

    @ParameterizedTest
    @CsvSource({"1, UN", "2, UN", "3, UN", "4, UN", "5, UN", "1, AR1", "2, AR1", "3, AR1", "4, AR1", "5, AR1",
        "1, CS", "2, CS", "3, CS", "4, CS", "5, CS"})
    void agreesWithTheReferenceImplementation(int dataset, String structure) throws IOException {
        final MmrmTestAgainstRTest.Data d = MmrmTestAgainstRTest.read(dataset);
        final MmrmTest.Covariance covariance = switch (structure) {
            case "UN" -> MmrmTest.Covariance.UNSTRUCTURED;
            case "AR1" -> MmrmTest.Covariance.AR1;
            default -> MmrmTest.Covariance.COMPOUND_SYMMETRY;
        };
        final MmrmTest kr = MmrmTest.withDefaults().with(covariance).with(MmrmTest.DegreesOfFreedom.KENWARD_ROGER);
        final MmrmTest satterthwaite = MmrmTest.withDefaults().with(covariance);
        int rows = 0;
        try (BufferedReader in = reader("mmrm/kr-reference.csv")) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                final String[] f = line.split(",");
                if (Integer.parseInt(f[0]) != dataset || !f[1].equals(structure)) {
                    continue;
                }
                rows++;
                final int visit = Integer.parseInt(f[2]) - 1;
                final String what = "data set " + dataset + " " + structure + " " + f[3];
                final MmrmTest.Result r = kr.test(d.change(), d.baseline(), d.treatment(), d.observed(), d.size(),
                        d.visits(), visit);
                assertTrue(r.converged() && r.defined(), what + " defined");
                assertEquals(Double.parseDouble(f[4]), r.estimate(), 1e-6, what + " estimate");
                Close.assertRelative(Double.parseDouble(f[5]), r.coefficientStandardError(d.visits() + visit), 1e-6,
                        what + " unadjusted SE");
                Close.assertRelative(Double.parseDouble(f[6]), r.standardError(), 1e-6, what + " KR SE");
                Close.assertRelative(Double.parseDouble(f[7]), r.degreesOfFreedom(), 1e-6, what + " KR df");
                assertEquals(1, Double.parseDouble(f[8]), 1e-9, what + ": one contrast, the paper's scale is 1");
                Close.assertRelative(Double.parseDouble(f[9]), r.pValue(), 1e-5, what + " KR p-value");
                assertEquals(Double.parseDouble(f[10]), r.logLikelihood(), 1e-6, what + " REML log-likelihood");
                // the same fit under Satterthwaite: the same estimate, the unadjusted SE
                final MmrmTest.Result s = satterthwaite.test(d.change(), d.baseline(), d.treatment(), d.observed(),
                        d.size(), d.visits(), visit);
                assertEquals(r.estimate(), s.estimate(), 1e-12, what);
                assertEquals(r.coefficientStandardError(d.visits() + visit), s.standardError(), 1e-12, what);
            }
        }
        assertEquals(d.visits(), rows, "every visit has a reference");
    }

    private static BufferedReader reader(String name) {
        return new BufferedReader(new InputStreamReader(MmrmKenwardRogerTest.class.getResourceAsStream(name),
                StandardCharsets.UTF_8));
    }
}
