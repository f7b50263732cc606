package org.trialsim.multiarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trialsim.power.MeasureRow;
import org.trialsim.power.StudyResult;
import org.trialsim.scenario.ScenarioParser;

/**
 * The scenario key {@code multi_arm.selection.ties} end to end: two exchangeable arms (the same response
 * probability) whose responder counts tie often at the interim. With {@code random} (the default) each is kept
 * about as often as the other (rpact's rule); with {@code first_listed} the arm listed first wins every tie, so it
 * is kept more often than the second. A file without the key gives the same rows, bit for bit, as one with
 * {@code ties: random}.
 */
class MultiArmTiesTest {

    private static final int REPLICATES = 20_000;

    private static Map<String, Double> run(String ties) {
        String yaml = """
                design: {sample_sizes: [90], alpha: 0.025, sides: 1}
                arms:
                  first: {binary_outcomes: {cure: {probability: 0.4}}}
                  second: {binary_outcomes: {cure: {probability: 0.4}}}
                  placebo: {control: true, binary_outcomes: {cure: {probability: 0.25}}}
                endpoints:
                  cure: {kind: binary}
                multi_arm:
                  information_fractions: [0.5, 1]
                  intersection_test: simes
                  selection: {rule: best%s}
                """.formatted(ties);
        StudyResult r = MultiArmStudy.run(ScenarioParser.parse(yaml, "ties.yaml"), new int[] {90}, REPLICATES, 5L, 2);
        return r.rows().stream().collect(Collectors.toMap(MeasureRow::measure, x -> x.estimate().estimate()));
    }

    @Test
    void randomTiesKeepExchangeableArmsEquallyOftenAndAreTheDefault() {
        Map<String, Double> random = run(", ties: random");
        assertEquals(run(""), random);
        double a = random.get("selected:first");
        double b = random.get("selected:second");
        double reached = a + b; // one arm is kept whenever the trial goes on (no threshold)
        // among trials that go on, the first arm's share within 4 SEs of 1/2
        assertEquals(0.5, a / reached, 4 * Math.sqrt(0.25 / (REPLICATES * reached)), "random ties: share " + a / reached);
    }

    @Test
    void firstListedTiesFavourTheFirstArm() {
        Map<String, Double> first = run(", ties: first_listed");
        double a = first.get("selected:first");
        double reached = a + first.get("selected:second");
        // with 15 per arm at the interim equal counts happen in about 15% of trials (sum over x of
        // Binomial(15, 0.4)(x)^2 = 0.1475, SciPy): the first arm is kept in about 0.5 + 0.1475 / 2 = 0.574 of them
        assertTrue(a / reached > 0.5 + 8 * Math.sqrt(0.25 / (REPLICATES * reached)), "first_listed: share "
                + a / reached);
    }
}
