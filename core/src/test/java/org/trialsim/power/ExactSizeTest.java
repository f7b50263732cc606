package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.ScenarioParser;

/**
 * The exact size of a two-arm binary design ({@code type1_exact:<endpoint>}, issue #19 point 2), and the null
 * replicates that estimate it ({@link PowerStudy#nullReplicates(int)}).
 *
 * <p>References: enumeration of every pair of responder counts with SciPy 1.17's {@code binom.pmf}, {@code chi2.sf}
 * and {@code fisher_exact}, summing the probabilities of the tables with p &lt;= 0.05 (the script is
 * {@code src/test/resources/exact-size/exact_size.py}; run this session). Pearson's chi-square, no correction,
 * 8 per arm at p = 0.5: 0.076812744140625 (also in {@link TypeOneErrorWarningTest}); 20 per arm at 0.2:
 * 0.05021685308003471; 100 per arm at 0.2: 0.051320638797696654. Fisher's test (R's two-sided p), 20 per arm at 0.2:
 * 0.02258525603600906. Yates-corrected chi-square, 30 per arm at 0.3: 0.026127677046949703. The engine sums the same
 * terms in another order with commons-statistics' binomial pmf, so agreement is to rounding: 1e-12.
 */
class ExactSizeTest {

    private static final double ROUNDING = 1e-12;

    /** A two-arm design whose null puts both arms at the control's probability {@code p0}. */
    private static String scenario(String test, int perArm, double p0, int replicates) {
        return """
                name: exact-size
                design: {sample_sizes: [%d], alpha: 0.05, sides: 2, randomization: {method: blocks, block_size: 2}}
                simulation: {replicates: %d, seed: 19}
                arms:
                  treatment: {response: {probability: 0.6}}
                  control: {control: true, response: {probability: %s}}
                endpoints:
                  response: {kind: response, test: %s}
                """.formatted(2 * perArm, replicates, p0, test);
    }

    private static PowerStudy study(String test, int perArm, double p0, int replicates) {
        return PowerStudy.of(ScenarioParser.parse(scenario(test, perArm, p0, replicates), "t.yaml"),
                new CountLevelTrials());
    }

    private static Estimate measure(StudyResult r, String measure) {
        return r.rows().stream().filter(row -> row.measure().equals(measure)).findFirst()
                .map(MeasureRow::estimate).orElse(null);
    }

    private static double exactSize(String test, int perArm, double p0) {
        return measure(study(test, perArm, p0, 100).nullReplicates(0).run(), "type1_exact:response").estimate();
    }

    @Test
    void chiSquareSizesAgreeWithEnumerationBySciPy() {
        assertEquals(0.076812744140625, exactSize("chi_square", 8, 0.5), ROUNDING);
        assertEquals(0.05021685308003471, exactSize("chi_square", 20, 0.2), ROUNDING);
        assertEquals(0.051320638797696654, exactSize("chi_square", 100, 0.2), ROUNDING);
    }

    @Test
    void fisherAndYatesSizesAgreeWithEnumerationBySciPy() {
        assertEquals(0.02258525603600906, exactSize("fisher", 20, 0.2), ROUNDING);
        assertEquals(0.026127677046949703, exactSize("chi_square_corrected", 30, 0.3), ROUNDING);
    }

    @Test
    void theExactSizeHasNoMonteCarloErrorAndRestsOnNoReplicates() {
        Estimate e = measure(study("chi_square", 20, 0.2, 100).run(), "type1_exact:response");
        assertEquals(0, e.mcSe());
        assertEquals(0, e.replicates());
        assertEquals(e.estimate(), e.ciLower());
        assertEquals(e.estimate(), e.ciUpper());
    }

    /**
     * The simulated type I error estimates the exact size: at 12,000 null replicates (the default) its MCSE is
     * sqrt(0.0502 x 0.9498 / 12000) = 0.0020, so a bug-free engine lies within 4 MCSE (0.008) but for a
     * 1-in-15,000 chance at this fixed seed.
     */
    @Test
    void theSimulatedSizeAgreesWithTheExactWithinMonteCarloError() {
        StudyResult r = study("chi_square", 20, 0.2, 20_000).run();
        Estimate simulated = measure(r, "type1:response");
        assertEquals(PowerStudy.DEFAULT_NULL_REPLICATES, simulated.replicates());
        assertEquals(0.05021685308003471, simulated.estimate(), 4 * simulated.mcSe());
    }

    /** The patient-level model does not enumerate (its outcome space is every patient's): no exact row. */
    @Test
    void thePatientLevelModelGivesNoExactRow() {
        StudyResult r = PowerStudy.of(ScenarioParser.parse(scenario("chi_square", 20, 0.2, 200), "t.yaml")).run();
        assertNull(measure(r, "type1_exact:response"));
    }

    /**
     * Null replicates limited to the first k give, to the bit, the type I errors of a run of k replicates, and
     * leave the power rows of the run untouched; none gives no type1 rows; the provenance says which.
     */
    @Test
    void limitedNullReplicatesAreAPrefixOfTheFullNullRun() {
        PowerStudy s = study("chi_square", 20, 0.2, 3_000).model(ScenarioTrials.MODEL);
        StudyResult all = s.nullReplicates(Integer.MAX_VALUE).run();
        StudyResult first1000 = s.nullReplicates(1_000).run();
        StudyResult prefix = s.replicates(1_000).nullReplicates(Integer.MAX_VALUE).run();
        StudyResult none = s.nullReplicates(0).run();
        assertEquals(measure(prefix, "type1:response"), measure(first1000, "type1:response"));
        assertEquals(measure(all, "power:response"), measure(first1000, "power:response"));
        assertEquals(3_000, all.provenance().nullReplicates());
        assertEquals(1_000, first1000.provenance().nullReplicates());
        assertEquals(0, none.provenance().nullReplicates());
        assertNull(measure(none, "type1:response"));
        assertEquals(measure(all, "power:response"), measure(none, "power:response"));
        List<MeasureRow> nullRows = first1000.rows().stream().filter(row -> row.measure().startsWith("type1:"))
                .toList();
        assertEquals(2, nullRows.size(), nullRows.toString());
        assertTrue(nullRows.stream().allMatch(row -> row.estimate().replicates() == 1_000), nullRows.toString());
    }

    /** Shards cut anywhere, across the null limit too, merge to the counts of one run. */
    @Test
    void shardsAcrossTheNullLimitMergeToOneRun() {
        PowerStudy s = study("chi_square", 20, 0.2, 3_000).model(ScenarioTrials.MODEL).nullReplicates(1_000)
                .threads(2);
        StudyCounts merged = s.counts(0, 700).merge(s.counts(700, 1_300)).merge(s.counts(1_300, 3_000));
        StudyResult sharded = s.result(merged);
        StudyResult one = s.run();
        assertEquals(one.rows(), sharded.rows());
        assertEquals(one.provenance(), sharded.provenance());
    }
}
