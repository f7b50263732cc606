package org.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialsim.scenario.ScenarioParser;

/**
 * Every output warns when an estimated type I error exceeds alpha by more than 3 Monte Carlo standard errors
 * (issue #15, point 5). Reference: the exact size of Pearson's chi-square test without correction, two-sided at
 * 0.05, with 8 patients per arm and a common response probability of 0.5 is 0.076813, and with 20 per arm 0.042526
 * (enumeration of the 9 x 9 and 21 x 21 outcome tables with SciPy's binom.pmf and chi2.ppf, this session);
 * Fisher's exact test never exceeds alpha. At 20,000 replicates the warning needs about 1,093 rejections or more
 * (a binomial tail below P(Z > 3) under a size of 0.05: about 0.0547); the estimate at 16 patients has an MCSE
 * of about 0.0019, so it lies above that unless it is 11 MCSE off, and the one at 40 patients lies below it
 * unless it is 6 MCSE off. The familywise row of a one-endpoint design repeats the endpoint's and is not warned
 * twice.
 */
class TypeOneErrorWarningTest {

    private static String scenario(String test) {
        return """
                name: small-chi-square
                design: {sample_sizes: [16, 40], alpha: 0.05, sides: 2, randomization: {method: blocks, block_size: 2}}
                simulation: {replicates: 20000, seed: 15}
                arms:
                  treatment: {response: {probability: 0.5}}
                  control: {control: true, response: {probability: 0.5}}
                endpoints:
                  response: {kind: response, test: %s}
                """.formatted(test);
    }

    private static List<String> warnings(String test) {
        return PowerStudy.of(ScenarioParser.parse(scenario(test), "t.yaml")).run().warnings().stream()
                .filter(w -> w.contains("above alpha")).toList();
    }

    @Test
    void anAntiConservativeDesignIsFlaggedAtTheSizeWhereItExceedsAlpha() {
        List<String> w = warnings("chi_square");
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("type1:response at N = 16 is 0.07"), w.get(0));
    }

    @Test
    void aConservativeDesignIsNot() {
        assertEquals(List.of(), warnings("fisher"));
    }
}
