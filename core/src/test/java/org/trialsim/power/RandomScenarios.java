package org.trialsim.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random VALID scenario files, written as YAML so that every generated scenario also goes through the parser
 * (a generated file the parser refuses is a bug of this generator or of the parser, and fails the property).
 *
 * <p>Covers: 1-3 arms (allocation 1 or 2, block or simple randomization, stratified or not), 1-3 strata (one
 * may have prevalence 0; each may be a benzodiazepine-user stratum), response as probabilities or a MADRS
 * score (or absent), depressive relapse from response or from randomization with exponential (rate or
 * median), Weibull and piecewise-exponential hazards (rates 0 included), the benzodiazepine process,
 * dropout, the three data cutoffs, every endpoint kind with a test that fits it (single-arm binomial and
 * Simon designs included), every multiplicity procedure and interim looks with every spending family and
 * futility rule. Sample sizes are kept small (at most 3 x 24 patients) so that a study of a few hundred
 * replicates takes milliseconds.
 */
final class RandomScenarios {

    private RandomScenarios() {
    }

    /** Scenario YAML text; no shrinking (a failing scenario is printed whole by jqwik). */
    static Arbitrary<String> yaml() {
        return Arbitraries.randomValue(RandomScenarios::generate);
    }

    private static final double[][] PREVALENCES_2 = {{0.5, 0.5}, {0.25, 0.75}, {0.44, 0.56}, {0, 1}};
    private static final double[][] PREVALENCES_3 = {{0.2, 0.3, 0.5}, {0.25, 0.25, 0.5}, {0, 0.5, 0.5}};

    private enum ResponseKind { NONE, PROBABILITY, MADRS }

    private record EndpointChoice(String kind, String test, boolean benzo, boolean timeToEvent) {
    }

    static String generate(Random rnd) {
        StringBuilder y = new StringBuilder();
        int strata = 1 + rnd.nextInt(3);
        double[] prevalence = strata == 1 ? new double[] {1}
                : strata == 2 ? PREVALENCES_2[rnd.nextInt(PREVALENCES_2.length)]
                : PREVALENCES_3[rnd.nextInt(PREVALENCES_3.length)];
        boolean[] users = new boolean[strata];
        List<String> userStrata = new ArrayList<>();
        for (int s = 0; s < strata; s++) {
            users[s] = rnd.nextInt(3) == 0;
            if (users[s]) {
                userStrata.add("s" + s);
            }
        }
        int arms = 1 + rnd.nextInt(3);
        int[] allocation = new int[arms];
        int allocationSum = 0;
        for (int a = 0; a < arms; a++) {
            allocation[a] = rnd.nextInt(4) == 0 ? 2 : 1;
            allocationSum += allocation[a];
        }
        ResponseKind response = ResponseKind.values()[rnd.nextInt(3)];
        if (arms == 1 && response == ResponseKind.NONE) {
            response = ResponseKind.PROBABILITY; // every single-arm test needs a binary endpoint
        }
        boolean relapse = rnd.nextBoolean() || response == ResponseKind.NONE && userStrata.isEmpty();
        String relapseFrom = response == ResponseKind.NONE || rnd.nextInt(3) == 0 ? "randomization" : "response";
        boolean benzo = !userStrata.isEmpty();

        // endpoints that fit the arms and the processes modelled
        List<EndpointChoice> choices = new ArrayList<>();
        if (arms == 1) {
            if (response != ResponseKind.NONE) {
                choices.add(new EndpointChoice("response", "binomial_exact", false, false));
                choices.add(new EndpointChoice("remission", "binomial_exact", false, false));
                if (relapse) {
                    choices.add(new EndpointChoice("sustained_response", "binomial_exact", false, false));
                }
            }
            if (benzo) {
                choices.add(new EndpointChoice("benzodiazepine_free", "binomial_exact", true, false));
            }
        } else {
            String[] binary = {"chi_square", "chi_square_corrected", "fisher", "cmh"};
            if (response != ResponseKind.NONE) {
                choices.add(new EndpointChoice("response", pick(rnd, binary), false, false));
                choices.add(new EndpointChoice("remission", pick(rnd, binary), false, false));
                if (relapse) {
                    choices.add(new EndpointChoice("sustained_response", pick(rnd, binary), false, false));
                }
            }
            if (response == ResponseKind.MADRS) {
                choices.add(new EndpointChoice("madrs_change", pick(rnd, "t_test", "welch", "ancova"), false, false));
            }
            if (relapse) {
                choices.add(new EndpointChoice("time_to_relapse", pick(rnd, "log_rank", "stratified_log_rank"), false,
                        true));
            }
            if (benzo) {
                choices.add(new EndpointChoice("benzodiazepine_free", pick(rnd, binary), true, false));
                choices.add(new EndpointChoice("time_to_benzodiazepine_relapse", pick(rnd, "log_rank",
                        "stratified_log_rank"), true, true));
            }
        }
        int endpointCount = 1 + rnd.nextInt(Math.min(3, choices.size()));
        List<EndpointChoice> endpoints = new ArrayList<>();
        for (int e = 0; e < endpointCount; e++) {
            endpoints.add(choices.get(rnd.nextInt(choices.size())));
        }
        boolean simon = arms == 1 && endpointCount == 1 && !endpoints.get(0).benzo() && rnd.nextInt(3) == 0;

        int sides = simon || rnd.nextBoolean() ? 1 : 2;
        double alpha = sides == 1 ? 0.025 : 0.05;
        int perBlock = Math.max(1, 24 / (allocationSum * 2));
        int k1 = 2 + rnd.nextInt(perBlock * 2 - 1);
        int k2 = k1 + 1 + rnd.nextInt(perBlock + 1);
        List<Integer> sizes = rnd.nextBoolean() || simon ? List.of(allocationSum * k2)
                : List.of(allocationSum * k1, allocationSum * k2);

        y.append("name: random\n");
        y.append("design:\n");
        y.append("  sample_sizes: ").append(sizes).append('\n');
        y.append("  alpha: ").append(alpha).append('\n');
        y.append("  sides: ").append(sides).append('\n');
        y.append("  randomization: {method: ").append(rnd.nextBoolean() ? "blocks" : "simple")
                .append(", stratified: ").append(rnd.nextBoolean()).append("}\n");
        y.append("simulation: {replicates: 200, seed: ").append(rnd.nextInt(1_000_000)).append("}\n");
        y.append("strata:\n");
        for (int s = 0; s < strata; s++) {
            y.append("  s").append(s).append(": {prevalence: ").append(prevalence[s]).append(", benzodiazepine_user: ")
                    .append(users[s]).append("}\n");
        }
        y.append("arms:\n");
        for (int a = 0; a < arms; a++) {
            y.append("  a").append(a).append(":\n");
            y.append("    allocation: ").append(allocation[a]).append('\n');
            if (arms > 1 && a == arms - 1) {
                y.append("    control: true\n");
            }
            if (response == ResponseKind.PROBABILITY) {
                double p = probability(rnd);
                double remission = p * rnd.nextDouble();
                y.append("    response: {probability: ").append(p).append(", remission: ").append(remission)
                        .append("}\n");
            } else if (response == ResponseKind.MADRS) {
                y.append(String.format(Locale.ROOT, "    response: {madrs: {baseline_mean: %.1f, baseline_sd: %.1f, "
                        + "change_mean: %.1f, change_sd: %.1f}}%n", 28 + 8 * rnd.nextDouble(), 2 + 6 * rnd.nextDouble(),
                        -25 * rnd.nextDouble(), 0.5 + 10 * rnd.nextDouble()));
            }
            if (relapse) {
                y.append("    relapse: {from: ").append(relapseFrom).append(", hazard: ").append(hazard(rnd))
                        .append(", durable_fraction: ").append(rnd.nextBoolean() ? 0 : 0.9 * rnd.nextDouble())
                        .append(", hazard_ratio: ").append(rnd.nextBoolean() ? 1 : 0.2 + 2 * rnd.nextDouble())
                        .append("}\n");
            }
            if (benzo) {
                String discontinuation = response != ResponseKind.NONE && rnd.nextBoolean()
                        ? "{responders: " + probability(rnd) + ", non_responders: " + probability(rnd) + "}"
                        : Double.toString(probability(rnd));
                y.append("    benzodiazepine: {discontinuation: ").append(discontinuation).append(", relapse_hazard: ")
                        .append(hazard(rnd)).append(", hazard_ratio_after_depressive_relapse: ")
                        .append(rnd.nextBoolean() ? 1 : 0.5 + 3 * rnd.nextDouble()).append("}\n");
            }
        }
        y.append(String.format(Locale.ROOT, "enrollment: {uniform: {weeks: %.2f}}%n", rnd.nextBoolean() ? 0
                : 60 * rnd.nextDouble()));
        y.append(String.format(Locale.ROOT, "dropout: {induction: %.3f, per_week: %.4f}%n",
                rnd.nextBoolean() ? 0 : 0.3 * rnd.nextDouble(), rnd.nextBoolean() ? 0 : 0.05 * rnd.nextDouble()));
        double followUp = 8 + 96 * rnd.nextDouble();
        boolean visits = rnd.nextBoolean();
        y.append("schedule:\n  induction_weeks: 4\n");
        if (visits) {
            y.append("  visits: [1, 2, 4, 8, 12, 26, 52]\n");
        }
        y.append("  observation: ").append(visits && rnd.nextBoolean() ? "next_visit" : "exact").append('\n');
        int tte = -1;
        for (int e = 0; e < endpoints.size(); e++) {
            if (endpoints.get(e).timeToEvent()) {
                tte = e;
            }
        }
        int cutoff = rnd.nextInt(tte >= 0 ? 3 : 2);
        double milestoneLimit = 54; // a milestone may not lie after the data cutoff
        if (cutoff == 0) {
            y.append(String.format(Locale.ROOT, "  cutoff: {follow_up_weeks: %.2f}%n", followUp));
            milestoneLimit = Math.floor(followUp);
        } else if (cutoff == 1) {
            double calendar = followUp + 30 * rnd.nextDouble();
            y.append(String.format(Locale.ROOT, "  cutoff: {calendar_week: %.2f}%n", calendar));
            milestoneLimit = Math.floor(calendar);
        } else {
            y.append("  cutoff: {events: ").append(1 + rnd.nextInt(sizes.get(sizes.size() - 1)))
                    .append(", endpoint: e").append(tte).append("}\n");
        }
        y.append("endpoints:\n");
        for (int e = 0; e < endpoints.size(); e++) {
            EndpointChoice c = endpoints.get(e);
            y.append("  e").append(e).append(":\n");
            y.append("    kind: ").append(c.kind()).append('\n');
            y.append("    test: ").append(simon ? "simon" : c.test()).append('\n');
            if (arms > 1) {
                y.append("    treatment: a").append(rnd.nextInt(arms - 1)).append('\n');
            }
            if (c.test().equals("binomial_exact")) {
                y.append("    p0: ").append(0.05 + 0.5 * rnd.nextDouble()).append('\n');
            }
            if (simon) {
                int n = sizes.get(0);
                int n1 = 1 + rnd.nextInt(n - 1);
                int r1 = rnd.nextInt(n1);
                int r = r1 + rnd.nextInt(n - r1);
                y.append("    simon: {n1: ").append(n1).append(", r1: ").append(r1).append(", n: ").append(n)
                        .append(", r: ").append(r).append("}\n");
            }
            if (c.kind().equals("sustained_response") || c.kind().equals("benzodiazepine_free")) {
                y.append(String.format(Locale.ROOT, "    at_week: %.1f%n", 4 + (milestoneLimit - 4.1) * rnd.nextDouble()));
            }
            if (c.benzo()) {
                y.append("    strata: [").append(String.join(", ", userStrata)).append("]\n");
            }
        }
        String[] procedures = endpoints.size() == 1 ? new String[] {"none", "bonferroni"}
                : new String[] {"none", "bonferroni", "holm", "hochberg", "fixed_sequence", "fallback", "graph"};
        String procedure = pick(rnd, procedures);
        y.append("multiplicity:\n  procedure: ").append(procedure).append('\n');
        if (procedure.equals("graph")) {
            int k = endpoints.size();
            y.append("  weights: ").append(k == 2 ? "[0.5, 0.5]" : "[0.5, 0.25, 0.25]").append('\n');
            y.append("  transitions: ").append(k == 2 ? "[[0, 1], [1, 0]]"
                    : "[[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]").append('\n');
        }
        boolean controlled = !procedure.equals("none") && (endpoints.size() > 1 || procedure.equals("graph"));
        if (!simon && !controlled && rnd.nextInt(3) == 0) {
            y.append("interim:\n  endpoint: e0\n");
            y.append("  information_fractions: ").append(rnd.nextBoolean() ? "[0.5, 1]" : "[0.3, 0.7, 1]").append('\n');
            String spending = pick(rnd, "obrien_fleming", "pocock", "hwang_shih_decani");
            y.append("  spending: ").append(spending).append('\n');
            if (spending.equals("hwang_shih_decani")) {
                y.append("  gamma: ").append(-4 + 5 * rnd.nextInt(2)).append('\n');
            }
            int futility = rnd.nextInt(3);
            y.append("  futility: ").append(futility == 0 ? "{rule: none}" : futility == 1
                    ? "{rule: beta_spending, beta: 0.2, spending: " + pick(rnd, "obrien_fleming", "pocock") + "}"
                    : "{rule: conditional_power, conditional_power: 0.1}").append('\n');
        }
        return y.toString();
    }

    /** A probability, with the edges 0 and 1 drawn often. */
    private static double probability(Random rnd) {
        int r = rnd.nextInt(8);
        return r == 0 ? 0 : r == 1 ? 1 : rnd.nextDouble();
    }

    private static String hazard(Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0:
                return "{exponential: {rate: " + (rnd.nextInt(4) == 0 ? 0 : 0.5 * rnd.nextDouble()) + "}}";
            case 1:
                return "{exponential: {median: " + (0.5 + 50 * rnd.nextDouble()) + "}}";
            case 2:
                return "{weibull: {shape: " + (0.3 + 3 * rnd.nextDouble()) + ", scale: " + (1 + 40 * rnd.nextDouble())
                        + "}}";
            case 3:
                return "{piecewise: {starts: [0, " + (1 + 20 * rnd.nextDouble()) + "], rates: ["
                        + 0.3 * rnd.nextDouble() + ", " + (rnd.nextBoolean() ? 0 : 0.3 * rnd.nextDouble()) + "]}}";
            default:
                return "{exponential: {rate: " + (5 + 100 * rnd.nextDouble()) + "}}";
        }
    }

    private static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }
}
