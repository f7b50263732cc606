package org.trialsim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ANCOVA and the MMRM against a margin on the (adjusted) difference in means, {@code H0: delta = margin}, for
 * non-inferiority or superiority by a margin, against R: the ANCOVA as {@code lm(chg ~ trt + base + offset(m *
 * trt))}, the MMRM as {@code nlme::gls} of the response with the treatment arm's assessed visit shifted by the
 * margin (gls takes no offset; the shift lies in the span of the fixed effects), on three ANCOVA data sets written by
 * {@code core/src/test/r/margin-ancova-mmrm.R} and the five MMRM data sets of {@code mmrm-nlme-references.R}
 * (unstructured covariance on all five, AR(1) and compound symmetry on the first two), both alternatives. Reference
 * values in {@code margin/mean-margin-reference.csv} (R 4.2.2, nlme 3.1-162, numDeriv 2016.8-1.1).
 *
 * <p>Tolerances: the ANCOVA is a closed form, so 1e-9 (R prints 12 significant digits); the MMRM's estimate, t and
 * p-value to 1e-6 absolute, its SE to 1e-6 relative (the tolerances of {@link MmrmTestAgainstRTest}: nlme run to
 * 1e-12, this fit to a Newton decrement of 1e-9) and its Satterthwaite df to 1e-5 relative (numDeriv's accuracy).
 */
class MeanMarginAgainstRTest {

    private record Row(String model, int dataset, String structure, double margin, Alternative alternative,
            double estimate, double se, double t, double df, double p) {
    }

    private static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        try (BufferedReader in = reader("margin/mean-margin-reference.csv")) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                out.add(new Row(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]),
                        f[4].equals("less") ? Alternative.LESS : Alternative.GREATER, Double.parseDouble(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                        Double.parseDouble(f[9])));
            }
        }
        return out;
    }

    private static BufferedReader reader(String name) {
        return new BufferedReader(new InputStreamReader(MeanMarginAgainstRTest.class.getResourceAsStream(name),
                StandardCharsets.UTF_8));
    }

    @Test
    void ancovaAgainstAMarginIsLmWithAnOffset() throws IOException {
        int checked = 0;
        for (Row r : rows()) {
            if (!r.model().equals("ANCOVA")) {
                continue;
            }
            List<double[]> data = new ArrayList<>();
            try (BufferedReader in = reader("margin/ancova-" + r.dataset() + ".csv")) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",");
                    data.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
                }
            }
            int n = data.size();
            double[] y = new double[n];
            double[] x = new double[n];
            boolean[] g = new boolean[n];
            for (int i = 0; i < n; i++) {
                g[i] = data.get(i)[0] == 1;
                x[i] = data.get(i)[1];
                y[i] = data.get(i)[2];
            }
            AncovaTest.Result result = AncovaTest.withDefaults().with(r.alternative()).withNullDifference(r.margin())
                    .test(y, x, g, n);
            String what = "ANCOVA data set " + r.dataset() + " margin " + r.margin() + " " + r.alternative();
            assertEquals(r.estimate(), result.estimate(), 1e-9, what + " estimate");
            assertEquals(r.se(), result.standardError(), 1e-9, what + " se");
            assertEquals(r.t(), result.statistic(), 1e-9, what + " t");
            assertEquals(r.df(), result.degreesOfFreedom(), 0, what + " df");
            assertEquals(r.p(), result.pValue(), 1e-9, what + " p");
            checked++;
        }
        assertEquals(12, checked, "3 data sets x 2 margins x 2 alternatives");
    }

    @Test
    void mmrmAgainstAMarginIsGlsWithTheAssessedVisitShifted() throws IOException {
        int checked = 0;
        for (Row r : rows()) {
            if (!r.model().equals("MMRM")) {
                continue;
            }
            MmrmTestAgainstRTest.Data d = MmrmTestAgainstRTest.read(r.dataset());
            MmrmTest.Covariance covariance = switch (r.structure()) {
                case "UN" -> MmrmTest.Covariance.UNSTRUCTURED;
                case "AR1" -> MmrmTest.Covariance.AR1;
                default -> MmrmTest.Covariance.COMPOUND_SYMMETRY;
            };
            MmrmTest.Result result = MmrmTest.withDefaults().with(covariance).with(r.alternative())
                    .withNullDifference(r.margin()).test(d.change(), d.baseline(), d.treatment(), d.observed(),
                            d.size(), d.visits(), d.visits() - 1);
            assertTrue(result.converged());
            String what = "MMRM data set " + r.dataset() + " " + r.structure() + " margin " + r.margin() + " "
                    + r.alternative();
            assertEquals(r.estimate(), result.estimate(), 1e-6, what + " estimate");
            Close.assertRelative(r.se(), result.standardError(), 1e-6, what + " se");
            assertEquals(r.t(), result.statistic(), 1e-6, what + " t");
            Close.assertRelative(r.df(), result.degreesOfFreedom(), 1e-5, what + " df");
            assertEquals(r.p(), result.pValue(), 1e-6, what + " p");
            checked++;
        }
        assertEquals(18, checked, "(5 UN + 2 AR1 + 2 CS) x 2 alternatives");
    }

    @Test
    void aMarginOfZeroIsTheOrdinaryTest() throws IOException {
        MmrmTestAgainstRTest.Data d = MmrmTestAgainstRTest.read(2);
        MmrmTest.Result plain = MmrmTest.withDefaults().test(d.change(), d.baseline(), d.treatment(), d.observed(),
                d.size(), d.visits(), d.visits() - 1);
        MmrmTest.Result zero = MmrmTest.withDefaults().withNullDifference(0).test(d.change(), d.baseline(),
                d.treatment(), d.observed(), d.size(), d.visits(), d.visits() - 1);
        assertEquals(plain.statistic(), zero.statistic(), 0);
        assertEquals(plain.pValue(), zero.pValue(), 0);
    }
}
