package org.trialsim.example;

import java.io.PrintStream;
import org.trialsim.power.Estimate;
import org.trialsim.power.Measure;
import org.trialsim.power.MeasureKind;
import org.trialsim.power.PowerStudy;
import org.trialsim.power.StudyResult;
import org.trialsim.report.ResultTable;
import org.trialsim.scenario.Endpoint;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import tech.tablesaw.api.Table;

/**
 * trialsim used as a library, the program the README's "Use from Java" section shows: a built-in scenario's
 * power at two sample sizes, read through the typed accessors and analysed as a tablesaw {@link Table}.
 * Run it with {@code mvn -pl example -am test} (its test runs it) or from an IDE.
 */
public final class UseFromJava {

    private UseFromJava() {
    }

    /** The figures the example reads, returned for its test. */
    record Figures(StudyResult result, Estimate primaryPower, Estimate typeOneError, Table primaryRows) {
    }

    /**
     * Runs the study and reads it.
     *
     * @param replicates the simulated trials per sample size
     * @param out where the example prints
     * @return what it read
     */
    static Figures run(int replicates, PrintStream out) {
        Scenario scenario = ScenarioLibrary.load("ketamine-vs-midazolam");
        StudyResult result = PowerStudy.of(scenario).replicates(replicates).seed(7).sampleSizes(80, 120).run();

        // typed accessors: a measure kind and an endpoint, no "power:response" strings
        Endpoint primary = scenario.primaryEndpoint();
        Estimate power = result.estimate(MeasureKind.POWER, primary, 120).orElseThrow();
        Estimate alpha = result.estimate(Measure.type1(primary.name()), 120).orElseThrow();
        out.printf("power of %s at 120: %.3f (MCSE %.3f); type I error %.4f%n", primary.name(),
                power.estimate(), power.mcSe(), alpha.estimate());

        // the whole result as a tablesaw table, one row per measure and size, with tidy columns
        Table table = ResultTable.of(result);
        Table rows = table.where(table.stringColumn("statistic").isEqualTo("power")
                .and(table.stringColumn("endpoint").isEqualTo(primary.name())));
        out.println(rows.selectColumns("n_total", "estimate", "mc_se", "ci_lower", "ci_upper").print());
        return new Figures(result, power, alpha, rows);
    }

    /**
     * Prints the example's figures.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run(2000, System.out);
    }
}
