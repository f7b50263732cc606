package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.Analysis;
import org.trialsim.scenario.Arm;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.Randomization;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;

/**
 * Figures that are 0 by construction carry the same warnings on both trial models (issue #20, point 6):
 * response 0 against 0 and 1 against 1 (no table has a defined statistic), Yates' chi-square with 0/0, one
 * patient per arm. The count level used to print 0.0 silently; now it records, as the patient level does,
 * the replicates whose test statistic is undefined.
 */
class CountLevelWarningsTest {

    private static Scenario design(double pT, double pC, List<Integer> sizes, Analysis.Test test) {
        Scenario base = CountLevelTrialsTest.binary(sizes, test, org.trialsim.scenario.Design.Sidedness.TWO_SIDED,
                0.05);
        Arm c = new Arm("control", 1, true, Map.of("all", new PatientModel(new ResponseModel.Probability(pC, 0),
                null, null)));
        Arm t = new Arm("treatment", 1, false, Map.of("all", new PatientModel(new ResponseModel.Probability(pT, 0),
                null, null)));
        return base.toBuilder().arms(c, t).randomization(new Randomization(Randomization.Method.BLOCKS, 2, false))
                .build();
    }

    private static void assertSameWarnings(Scenario s, String expected) {
        PowerStudy study = PowerStudy.of(s).replicates(400).fixedReplicates().threads(1);
        assertTrue(CountLevelTrials.applies(s), "the count level applies to " + s.name());
        StudyResult patients = study.run();
        StudyResult counts = study.model(new CountLevelTrials()).run();
        assertTrue(patients.warnings().stream().anyMatch(w -> w.contains(expected)), patients.warnings().toString());
        assertEquals(patients.warnings(), counts.warnings());
    }

    @Test
    void noRespondersInEitherArm() {
        assertSameWarnings(design(0, 0, List.of(20, 40), Analysis.Test.CHI_SQUARE), "endpoint response at n=40: no"
                + " patients in an arm, or no or only successes in any replicate: the chi_square test never rejects");
    }

    @Test
    void everyPatientResponds() {
        assertSameWarnings(design(1, 1, List.of(20), Analysis.Test.FISHER), "endpoint response at n=20: no patients in"
                + " an arm, or no or only successes in any replicate");
    }

    /**
     * One patient per arm at p = 0.5: the table has a defined statistic only when the two patients differ, so
     * half of the replicates are uninformative, exactly; each model's share is an estimate of it from other
     * random streams, so the warnings agree in what they say and their shares lie within 4 Monte Carlo
     * standard errors of 50% (sqrt(0.25 / 400) = 2.5 points, so 10 points).
     */
    @Test
    void onePatientPerArmWithYates() {
        Scenario s = design(0.5, 0.5, List.of(2, 40), Analysis.Test.CHI_SQUARE_CORRECTED);
        PowerStudy study = PowerStudy.of(s).replicates(400).fixedReplicates().threads(1);
        List<String> patients = study.run().warnings();
        List<String> counts = study.model(new CountLevelTrials()).run().warnings();
        java.util.regex.Pattern share = java.util.regex.Pattern.compile("(\\d+\\.\\d)% of replicates");
        for (List<String> warnings : List.of(patients, counts)) {
            assertEquals(2, warnings.size(), warnings.toString());
            for (String w : warnings) {
                assertTrue(w.contains("endpoint response at n=2: no patients in an arm, or no or only successes in "),
                        w);
                java.util.regex.Matcher m = share.matcher(w);
                assertTrue(m.find(), w);
                assertTrue(Math.abs(Double.parseDouble(m.group(1)) - 50) <= 10, w);
            }
        }
        assertEquals(patients.stream().map(w -> share.matcher(w).replaceAll("X%")).toList(),
                counts.stream().map(w -> share.matcher(w).replaceAll("X%")).toList());
    }
}
