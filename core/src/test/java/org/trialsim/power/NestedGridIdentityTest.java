package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Design;
import org.trialsim.scenario.Enrollment;
import org.trialsim.scenario.GroupSequential;
import org.trialsim.scenario.Multiplicity;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioLibrary;
import org.trialsim.scenario.SimonDesign;

/**
 * The incremental evaluation of the nested grid (extraction carried from one sample size to the next, one
 * sort of the time-to-event data per replicate) changes no result by a single bit: whole study results of
 * scenarios covering every path of the engine (binary, continuous, time-to-event under follow-up, calendar
 * and event-driven cutoffs, next-visit observation, group-sequential looks with futility, Simon two-stage,
 * multiplicity across endpoints, the built-in scenarios) hash to the values the engine gave before.
 *
 * <p>Provenance of the expected hashes: produced by this very test (its failure message prints the actual
 * hash) on commit 64838d1 of main ("Merge branch 'reliability'"), the last commit before the incremental
 * engine, with {@code mvn -B -o -pl core test -Dtest=NestedGridIdentityTest}. Each hash is SHA-256 over every
 * row of the {@link StudyResult} (cell, sample size, measure, and the raw IEEE 754 bits of estimate, MCSE and
 * interval, replicates) and its warnings, so any changed bit of any figure changes it.
 */
class NestedGridIdentityTest {

    private static final int REPLICATES = 300;

    /** Expected SHA-256 per scenario, captured on main 64838d1 before the incremental engine. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("binary-chi-square-grid",
                    "1e02ad3c1d75334b7e90c17f044a0e4d32233a0b74868acca3a960f6d35ebed4"),
            Map.entry("binary-fisher-unequal",
                    "5294d2b8d3576ac9423536207f30cbc4cbe4fb457093ce92242ad298d6f1eab0"),
            Map.entry("continuous-ancova",
                    "28f9e85b2e979613743707d5478542decd8022fc0528e35162d2c8ae8d5621ba"),
            Map.entry("continuous-welch",
                    "d5353e3112a49156b54fe2e29fecd92b0f8dc73d960c5b130bbff006ce8f13a7"),
            Map.entry("survival-follow-up",
                    "46cf5167e7e0d6c8fdb02e52296ae029799e4764f009699bf66f74c4354aa51e"),
            Map.entry("survival-calendar",
                    "bf4695497f30710658bcc1ae823bf6c1ccf1ca01a99e4ca22db2614abe8a0b38"),
            Map.entry("survival-events-even",
                    "2acb09ac3a20dcc4475b0770aaec9f6fcce8938e1324693f9d10b1f85bb7cf11"),
            Map.entry("survival-events-uniform",
                    "0884715a771bcffbb34389086eb82314a936f4147ec4728f5d134b2127d00030"),
            Map.entry("sequential-binary-futility",
                    "449e99b7090a3b2a279e35533a292f28c024841d14dc777facf5464d1323f8f8"),
            Map.entry("sequential-survival-events",
                    "c633716e506a2832fa10a86293950590470acc4a450bce3a96203523d554aa8d"),
            Map.entry("sequential-continuous",
                    "1b8a3e41f6271d1ad7bca4b2df4f1929c7cec1e2804c7d4c1c47242051323299"),
            Map.entry("holm-two-endpoints",
                    "46da769e9c06aaded989080dc2d85b0ea7044a5f37e68e2e9bd613c92b7689ed"),
            Map.entry("fixed-sequence-two-endpoints",
                    "806368981adea90c8481bad51228e1e229145faed3161e87cdda4f4390c497df"),
            Map.entry("simon",
                    "23ad5c328df6a3a988e0ec9eda83d2530e70e850038f507ad9d80d829df0ed66"),
            Map.entry("binomial-exact",
                    "5d61c240357ce7786c663b1010b5110b85dce2fdddc1f7560ed0aa1f936f99a4"),
            Map.entry("library:benzo-discontinuation-single-arm",
                    "186cc5bd290f17c6f7faf999cd02ff7028416b8f28ab400e00e96b72b4cb51c9"),
            Map.entry("library:ketamine-taper-vs-taper",
                    "9c1e521ea4fd110fca3cfc70adac83d69c86e602842fbb8ae6dcfe07ea7e6b5f"),
            Map.entry("library:ketamine-vs-midazolam",
                    "307b309873a768f6a40be2567efcb8dff7ce0c0e6433fa664e4843368899db84"),
            Map.entry("library:maintenance-withdrawal",
                    "f16afe3d84604ced77451e2f2858d0e0d46111044ddeffa46b6add4965e7dd63"));

    static Map<String, Scenario> scenarios() {
        Map<String, Scenario> m = new LinkedHashMap<>();
        List<Integer> grid = List.of(20, 40, 60, 80, 100, 120, 140, 160, 180, 200);
        m.put("binary-chi-square-grid", TestScenarios.twoArmBinary(0.45, 0.25, grid, 0.05,
                Design.Sidedness.TWO_SIDED, Analysis.Test.CHI_SQUARE));
        m.put("binary-fisher-unequal", TestScenarios.twoArmBinary(0.5, 0.3, 2, 1, List.of(30, 60, 90), 0.025,
                Design.Sidedness.ONE_SIDED, Analysis.Test.FISHER));
        m.put("continuous-ancova", TestScenarios.twoArmContinuous(-12, -8, 10, List.of(20, 50, 80, 110), 0.025,
                Design.Sidedness.ONE_SIDED, Analysis.Test.ANCOVA));
        m.put("continuous-welch", TestScenarios.twoArmContinuous(-12, -9, 10, List.of(40, 60, 100), 0.05,
                Design.Sidedness.TWO_SIDED, Analysis.Test.WELCH));
        m.put("survival-follow-up", TestScenarios.twoArmSurvival(0.07, 0.115, List.of(60, 120, 180), 0.025,
                new Enrollment.Uniform(20), new Cutoff.FollowUp(10), Analysis.Test.LOG_RANK));
        m.put("survival-calendar", TestScenarios.twoArmSurvival(0.07, 0.115, List.of(100, 200), 0.025,
                new Enrollment.Uniform(12), new Cutoff.Calendar(24), Analysis.Test.LOG_RANK));
        m.put("survival-events-even", TestScenarios.twoArmSurvival(0.05, 0.09, List.of(80, 120, 160), 0.025,
                new Enrollment.Even(30), new Cutoff.Events(40, "relapse"), Analysis.Test.LOG_RANK));
        m.put("survival-events-uniform", TestScenarios.twoArmSurvival(0.05, 0.09, List.of(80, 120, 160), 0.025,
                new Enrollment.Uniform(30), new Cutoff.Events(50, "relapse"), Analysis.Test.STRATIFIED_LOG_RANK));
        GroupSequential binaryLooks = new GroupSequential("response", List.of(0.5, 1.0),
                GroupSequential.Spending.OBRIEN_FLEMING, Double.NaN, new GroupSequential.Futility(
                        GroupSequential.Futility.Rule.BETA_SPENDING, GroupSequential.Spending.OBRIEN_FLEMING,
                        Double.NaN, 0.2, Double.NaN));
        m.put("sequential-binary-futility", TestScenarios.withGroupSequential(TestScenarios.twoArmBinary(0.5, 0.3,
                List.of(60, 120, 180), 0.025, Design.Sidedness.ONE_SIDED, Analysis.Test.CHI_SQUARE), binaryLooks,
                new Enrollment.Even(240)));
        GroupSequential survivalLooks = new GroupSequential("relapse", List.of(0.4, 0.7, 1.0),
                GroupSequential.Spending.POCOCK, Double.NaN, GroupSequential.Futility.NONE);
        m.put("sequential-survival-events", TestScenarios.withGroupSequential(TestScenarios.twoArmSurvival(0.05,
                0.09, List.of(100, 150), 0.025, new Enrollment.Uniform(30), new Cutoff.Events(60, "relapse"),
                Analysis.Test.LOG_RANK), survivalLooks, new Enrollment.Uniform(30)));
        GroupSequential continuousLooks = new GroupSequential("madrs", List.of(0.5, 1.0),
                GroupSequential.Spending.HWANG_SHIH_DECANI, -4, GroupSequential.Futility.NONE);
        m.put("sequential-continuous", TestScenarios.withGroupSequential(TestScenarios.twoArmContinuous(-12, -9, 10,
                List.of(60, 100), 0.025, Design.Sidedness.ONE_SIDED, Analysis.Test.T_TEST), continuousLooks,
                new Enrollment.Uniform(40)));
        m.put("holm-two-endpoints", TestScenarios.twoEndpoints(0.4, 0.2, 0.55, 0.35, List.of(60, 120), 0.025,
                new Multiplicity(Multiplicity.Procedure.HOLM, List.of(), List.of())));
        m.put("fixed-sequence-two-endpoints", TestScenarios.twoEndpoints(0.4, 0.25, 0.5, 0.35, List.of(50, 100, 150),
                0.025, new Multiplicity(Multiplicity.Procedure.FIXED_SEQUENCE, List.of(), List.of())));
        m.put("simon", TestScenarios.singleArm(0.4, List.of(43, 50), 0.05,
                new Analysis(Analysis.Test.SIMON, 0.2, new SimonDesign(13, 3, 43, 12))));
        m.put("binomial-exact", TestScenarios.singleArm(0.35, List.of(20, 30, 40), 0.05,
                new Analysis(Analysis.Test.BINOMIAL_EXACT, 0.2, null)));
        for (String name : ScenarioLibrary.names()) {
            m.put("library:" + name, ScenarioLibrary.load(name));
        }
        return m;
    }

    @Test
    void studyResultsAreThoseOfTheEngineBeforeTheIncrementalGrid() {
        Map<String, String> actual = new LinkedHashMap<>();
        scenarios().forEach((name, s) -> actual.put(name,
                hash(PowerStudy.of(s).replicates(REPLICATES).seed(20261122L).threads(1).run())));
        StringBuilder report = new StringBuilder();
        actual.forEach((name, h) -> report.append("            Map.entry(\"").append(name).append("\", \"")
                .append(h).append("\"),\n"));
        for (Map.Entry<String, String> e : actual.entrySet()) {
            assertEquals(EXPECTED.get(e.getKey()), e.getValue(), e.getKey() + "; all actual hashes:\n" + report);
        }
        assertEquals(EXPECTED.keySet(), actual.keySet());
    }

    /**
     * SHA-256 over every row (raw bits of every double) and warning of a result, except the measures under the
     * null added after the hashes were captured ({@code expected_n:null}, {@code pet:null}): they are new rows,
     * not changed figures, and are checked against exact values in ReferenceCasesTest.
     */
    static String hash(StudyResult r) {
        StringBuilder b = new StringBuilder();
        for (MeasureRow row : r.rows()) {
            if (row.measure().endsWith(OperatingCharacteristics.UNDER_NULL)) {
                continue;
            }
            Estimate e = row.estimate();
            b.append(row.cell()).append('|').append(row.nTotal()).append('|').append(row.measure()).append('|')
                    .append(Double.doubleToRawLongBits(e.estimate())).append('|')
                    .append(Double.doubleToRawLongBits(e.mcSe())).append('|')
                    .append(Double.doubleToRawLongBits(e.ciLower())).append('|')
                    .append(Double.doubleToRawLongBits(e.ciUpper())).append('|').append(e.replicates()).append('\n');
        }
        r.warnings().forEach(w -> b.append(w).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
