package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.trialsim.scenario.Limits;
import org.trialsim.stats.design.SimonDesignSearch;
import org.trialsim.stats.design.SimonTwoStage;
import org.trialsim.stats.sequential.ExitProbabilities;
import org.trialsim.stats.sequential.GroupSequentialBoundaries;
import org.trialsim.stats.sequential.SpendingFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code trialsim design}: classic planning tables computed exactly, without simulation: Simon two-stage
 * designs (Simon R. Control Clin Trials 1989;10:1-10) and group-sequential boundaries from Lan-DeMets
 * spending functions (Jennison C, Turnbull BW. Group Sequential Methods. Chapman and Hall/CRC 2000).
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = "Exact planning tables: Simon two-stage designs and group-sequential boundaries.",
        subcommands = {DesignCommand.Simon.class, DesignCommand.Boundaries.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim design simon --p0 0.2 --p1 0.4 --alpha 0.05 --power 0.8",
            "  trialsim design boundaries --looks 3 --spending obf --alpha 0.025"})
public final class DesignCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code trialsim design simon}. */
    @Command(name = "simon", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Simon's optimal and minimax two-stage designs for a single-arm phase II trial "
                    + "(Simon R. Control Clin Trials 1989;10:1-10), with exact operating characteristics.",
                "Rule: stop after n1 patients if at most r1 respond; otherwise enrol n in total and reject "
                    + "H0: p <= p0 if more than r respond."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the designs are printed", "2:bad options",
                "3:no design meets the constraints with at most " + SimonDesignSearch.HARD_MAX_N + " patients"
                    + " (answered at once when even a single-stage test of that size falls short)"},
            footerHeading = "%nExamples:%n",
            footer = {
                "  trialsim design simon --p0 0.2 --p1 0.4",
                "  trialsim design simon --p0 0.05 --p1 0.25 --alpha 0.05 --power 0.9",
                "  trialsim design simon --p0 0.2 --p1 0.4 --format csv --out simon.csv"})
    static final class Simon implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--p0", required = true, description = "Uninteresting response rate (H0), in (0, 1).")
        double p0;

        @Option(names = "--p1", required = true, description = "Promising response rate (H1), in (p0, 1).")
        double p1;

        @Option(names = "--alpha", defaultValue = "0.05", description = "Maximal type I error (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--power", defaultValue = "0.8", description = "Minimal power at p1 (default ${DEFAULT-VALUE}).")
        double power;

        @Option(names = "--minimax", description = "Print only the minimax design.")
        boolean minimaxOnly;

        @Option(names = "--optimal", description = "Print only the optimal design.")
        boolean optimalOnly;

        @Option(names = "--nmax", description = "Largest total sample size searched for the optimal design "
                + "(default: max(100, 2 x minimax n), at most " + SimonDesignSearch.HARD_MAX_N + ").")
        Integer nMax;

        @CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws java.io.IOException {
            // each option's own range first, so that a bad --alpha is not reported as a bad --power
            if (!(alpha > 0 && alpha < 1)) {
                throw new ParameterException(spec.commandLine(), "--alpha must be in (0, 1), found " + alpha);
            }
            if (!(p0 > 0 && p0 < 1)) {
                throw new ParameterException(spec.commandLine(), "--p0 must be in (0, 1), found " + p0);
            }
            if (!(p1 > p0 && p1 < 1)) {
                throw new ParameterException(spec.commandLine(), "--p1 must be in (p0, 1) = (" + p0 + ", 1), found "
                        + p1);
            }
            if (!(power > alpha && power < 1)) {
                throw new ParameterException(spec.commandLine(), "--power must be in (alpha, 1) = (" + alpha
                        + ", 1), found " + power);
            }
            final SimonDesignSearch search;
            try {
                search = new SimonDesignSearch(p0, p1, alpha, 1 - power);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid design: " + e.getMessage());
            }
            if (minimaxOnly && optimalOnly) {
                throw new ParameterException(spec.commandLine(), "--minimax and --optimal exclude each other; "
                        + "give neither to print both designs");
            }
            if (nMax != null && (nMax < 2 || nMax > SimonDesignSearch.HARD_MAX_N)) { // before any search
                throw new ParameterException(spec.commandLine(), "--nmax must be in [2, "
                        + SimonDesignSearch.HARD_MAX_N + "], found " + nMax);
            }
            final org.trialsim.report.ResultFormat chosen = output.prepare();
            java.util.Map<String, Optional<SimonTwoStage>> designs = new java.util.LinkedHashMap<>();
            if (!optimalOnly) {
                designs.put("minimax", search.minimax());
            }
            if (!minimaxOnly) {
                designs.put("optimal", nMax == null ? search.optimal() : search.optimal(nMax));
            }
            output.emit(chosen, out -> print(out, designs), table(designs));
            if (designs.values().stream().allMatch(Optional::isEmpty)) {
                int feasible = search.smallestFeasibleN();
                spec.commandLine().getErr().println("trialsim: no design meets these constraints with at most "
                        + SimonDesignSearch.HARD_MAX_N + " patients" + (feasible > SimonDesignSearch.HARD_MAX_N
                        ? ": even a single-stage test of " + SimonDesignSearch.HARD_MAX_N + " patients falls short of"
                        + " the power; widen the gap between --p0 and --p1, or lower --power" : (nMax != null
                        ? " within --nmax " + nMax + " (at least " + feasible + " are needed)" : "")));
                return TrialsimCommand.EXIT_NO_ANSWER;
            }
            return 0;
        }

        private void print(PrintWriter out, java.util.Map<String, Optional<SimonTwoStage>> designs) {
            out.printf(Locale.ROOT, "Simon two-stage designs: p0 = %s, p1 = %s, alpha = %s, power = %s%n",
                    p0, p1, alpha, power);
            out.printf(Locale.ROOT, "%-8s %7s %7s %8s %8s %8s %8s %10s %10s%n", "design", "r1/n1", "r/n",
                    "EN(p0)", "PET(p0)", "EN(p1)", "PET(p1)", "P(rej|p0)", "P(rej|p1)");
            designs.forEach((label, design) -> row(out, label, design));
            out.println("Stop after n1 patients if at most r1 respond; otherwise enrol n in total and reject H0 "
                    + "if more than r respond.");
            out.println("EN = expected sample size, PET = probability of early termination (exact binomial sums).");
            out.flush();
        }

        /** The designs found as CSV/JSON rows: the exact figures unrounded; a design not found has no row. */
        private org.trialsim.report.FigureTable table(java.util.Map<String, Optional<SimonTwoStage>> designs) {
            org.trialsim.report.FigureTable t = new org.trialsim.report.FigureTable(java.util.List.of("design", "r1",
                    "n1", "r", "n", "expected_n_p0", "pet_p0", "expected_n_p1", "pet_p1", "reject_p0", "reject_p1"))
                    .with("design", "simon two-stage").with("p0", p0).with("p1", p1).with("alpha", alpha)
                    .with("power", power).with("rule", "stop after n1 patients if at most r1 respond; otherwise enrol "
                            + "n in total and reject H0 if more than r respond");
            designs.forEach((label, design) -> design.ifPresent(d -> {
                SimonTwoStage.OperatingCharacteristics h0 = d.operatingCharacteristics(p0);
                SimonTwoStage.OperatingCharacteristics h1 = d.operatingCharacteristics(p1);
                t.row(label, d.r1(), d.n1(), d.r(), d.n(), h0.expectedSampleSize(), h0.probabilityEarlyTermination(),
                        h1.expectedSampleSize(), h1.probabilityEarlyTermination(), h0.rejectionProbability(),
                        h1.rejectionProbability());
            }));
            return t;
        }

        private boolean row(PrintWriter out, String label, Optional<SimonTwoStage> design) {
            if (design.isEmpty()) {
                out.printf(Locale.ROOT, "%-8s none within the search limit%n", label);
                return false;
            }
            final SimonTwoStage d = design.get();
            final SimonTwoStage.OperatingCharacteristics h0 = d.operatingCharacteristics(p0);
            final SimonTwoStage.OperatingCharacteristics h1 = d.operatingCharacteristics(p1);
            out.printf(Locale.ROOT, "%-8s %7s %7s %8.2f %8.4f %8.2f %8.4f %10.6f %10.6f%n", label,
                    d.r1() + "/" + d.n1(), d.r() + "/" + d.n(), h0.expectedSampleSize(),
                    h0.probabilityEarlyTermination(), h1.expectedSampleSize(), h1.probabilityEarlyTermination(),
                    h0.rejectionProbability(), h1.rejectionProbability());
            return true;
        }
    }

    /** {@code trialsim design boundaries}. */
    @Command(name = "boundaries", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"One-sided group-sequential efficacy boundaries from a Lan-DeMets alpha spending "
                    + "function, with optional non-binding futility, by recursive numerical integration "
                    + "(Jennison & Turnbull 2000, ch. 19). Matches rpact getDesignGroupSequential(sided = 1)."},
            footerHeading = "%nExamples:%n",
            footer = {
                "  trialsim design boundaries --looks 2 --spending obf --alpha 0.025 --fractions 0.5,1",
                "  trialsim design boundaries --looks 3 --spending hsd --gamma -4 --futility beta",
                "  trialsim design boundaries --looks 3 --format json --out bounds.json"})
    static final class Boundaries implements Callable<Integer> {

        private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--looks", required = true, description = "Number of looks K, including the final analysis.")
        int looks;

        @Option(names = "--spending", defaultValue = "obf",
                description = "Alpha spending: obf (O'Brien-Fleming type), pocock, hsd (Hwang-Shih-DeCani; "
                        + "needs --gamma). Default ${DEFAULT-VALUE}.")
        String spending;

        @Option(names = "--gamma", description = "Hwang-Shih-DeCani gamma for --spending hsd (e.g. -4, -2, 1).")
        Double gamma;

        @Option(names = "--alpha", defaultValue = "0.025", description = "One-sided type I error (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--fractions", split = ",",
                description = "Information fractions of the looks, increasing, ending at 1 (default: equally spaced).")
        double[] fractions;

        @Option(names = "--futility", defaultValue = "none",
                description = "Non-binding futility: none, beta (beta spending at the design power) or cp "
                        + "(conditional power under the current trend below --cp-threshold). Default ${DEFAULT-VALUE}.")
        String futility;

        @Option(names = "--beta", defaultValue = "0.2",
                description = "Type II error for --futility beta (default ${DEFAULT-VALUE}).")
        double beta;

        @Option(names = "--beta-spending", defaultValue = "obf",
                description = "Beta spending for --futility beta: obf, pocock, hsd (default ${DEFAULT-VALUE}).")
        String betaSpending;

        @Option(names = "--beta-gamma", description = "Hwang-Shih-DeCani gamma of the beta spending.")
        Double betaGamma;

        @Option(names = "--cp-threshold", defaultValue = "0.2",
                description = "Conditional-power threshold for --futility cp (default ${DEFAULT-VALUE}).")
        double cpThreshold;

        @CommandLine.Mixin
        OutputOptions output;

        @Override
        public Integer call() throws java.io.IOException {
            if (looks < 1 || looks > 20) {
                throw new ParameterException(spec.commandLine(), "--looks must be in [1, 20], found " + looks);
            }
            final double[] t = fractions == null ? equalFractions(looks) : fractions;
            if (t.length != looks) {
                throw new ParameterException(spec.commandLine(), "--fractions must give one value per look: "
                        + looks + " looks but " + t.length + " fractions");
            }
            // the ranges of a scenario's interim block (Limits): beyond them the bounds are not finite
            if (!(alpha > 0 && alpha < Limits.MAX_SEQUENTIAL_ERROR)) {
                throw new ParameterException(spec.commandLine(), "--alpha must be in (0, "
                        + Limits.MAX_SEQUENTIAL_ERROR + "), found " + alpha);
            }
            if (futility.equalsIgnoreCase("beta") && !(beta > 0 && beta < Limits.MAX_SEQUENTIAL_ERROR)) {
                throw new ParameterException(spec.commandLine(), "--beta must be " + Limits.betaRange() + ", found "
                        + beta);
            }
            if (futility.equalsIgnoreCase("cp") && !(cpThreshold > 0 && cpThreshold < 1)) {
                throw new ParameterException(spec.commandLine(), "--cp-threshold must be in (0, 1), found "
                        + cpThreshold);
            }
            final SpendingFunction alphaFunction = spendingFunction("--spending", spending, gamma, "--gamma");
            final org.trialsim.report.ResultFormat chosen = output.prepare();
            final GroupSequentialBoundaries g;
            try {
                switch (futility.toLowerCase(Locale.ROOT)) {
                    case "none":
                        g = GroupSequentialBoundaries.efficacyOnly(t, alphaFunction, alpha);
                        break;
                    case "beta":
                        g = GroupSequentialBoundaries.withBetaSpending(t, alphaFunction, alpha,
                                spendingFunction("--beta-spending", betaSpending, betaGamma, "--beta-gamma"), beta);
                        break;
                    case "cp":
                        g = GroupSequentialBoundaries.withConditionalPowerFutility(t, alphaFunction, alpha, cpThreshold);
                        break;
                    default:
                        throw new ParameterException(spec.commandLine(), "--futility must be none, beta or cp, found '"
                                + futility + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid design: " + e.getMessage());
            }
            output.emit(chosen, out -> print(out, g), table(g));
            return 0;
        }

        /**
         * The boundaries as CSV/JSON rows, one per look, unrounded; the design's summary figures as context. A
         * futility bound an interim look does not have is empty.
         */
        private org.trialsim.report.FigureTable table(GroupSequentialBoundaries g) {
            boolean beta = g.futilityRule() == GroupSequentialBoundaries.FutilityRule.BETA_SPENDING;
            org.trialsim.report.FigureTable t = new org.trialsim.report.FigureTable(java.util.List.of("look",
                    "information_fraction", "efficacy_z", "nominal_p", "cumulative_alpha", "futility_z",
                    "futility_nominal_p", "cumulative_beta"))
                    .with("design", "group-sequential boundaries").with("looks", g.looks()).with("alpha", alpha)
                    .with("alpha_spending", g.alphaSpending().label())
                    .with("futility", g.futilityRule().name().toLowerCase(Locale.ROOT));
            if (beta) {
                t.with("beta_spending", g.betaSpending().label()).with("beta", g.beta());
            }
            if (g.futilityRule() == GroupSequentialBoundaries.FutilityRule.CONDITIONAL_POWER) {
                t.with("conditional_power_threshold", g.conditionalPowerThreshold());
            }
            t.with("type1_error", g.exitProbabilities(0, false).rejectionProbability())
                    .with("expected_information_h0", g.exitProbabilities(0, true).expectedInformationFraction());
            if (beta) {
                double fixed = N01.inverseSurvivalProbability(alpha) + N01.inverseSurvivalProbability(g.beta());
                ExitProbabilities h1 = g.exitProbabilities(g.designDrift(), true);
                t.with("design_drift", g.designDrift()).with("fixed_design_drift", fixed)
                        .with("inflation_factor", Math.pow(g.designDrift() / fixed, 2))
                        .with("power_h1", h1.rejectionProbability())
                        .with("expected_information_h1", h1.expectedInformationFraction());
            }
            for (int k = 0; k < g.looks(); k++) {
                double a = g.futilityBound(k);
                boolean none = g.futilityRule() == GroupSequentialBoundaries.FutilityRule.NONE
                        || a == Double.NEGATIVE_INFINITY;
                t.row(k + 1, g.fractions()[k], g.efficacyBound(k), g.nominalAlpha(k), g.cumulativeAlphaSpent(k),
                        none ? null : (Object) a, none ? null : (Object) N01.survivalProbability(a),
                        beta ? (Object) g.cumulativeBetaSpent(k) : null);
            }
            return t;
        }

        private void print(PrintWriter out, GroupSequentialBoundaries g) {
            final boolean withFutility = g.futilityRule() != GroupSequentialBoundaries.FutilityRule.NONE;
            out.printf(Locale.ROOT, "Group-sequential boundaries: K = %d, one-sided alpha = %s, alpha spending %s%n",
                    g.looks(), alpha, g.alphaSpending().label());
            switch (g.futilityRule()) {
                case BETA_SPENDING:
                    out.printf(Locale.ROOT, "Futility: non-binding, beta spending %s, beta = %s (power %s)%n",
                            g.betaSpending().label(), g.beta(), 1 - g.beta());
                    break;
                case CONDITIONAL_POWER:
                    out.printf(Locale.ROOT, "Futility: non-binding, stop if conditional power under the current "
                            + "trend < %s%n", g.conditionalPowerThreshold());
                    break;
                default:
                    out.println("Futility: none");
            }
            out.printf(Locale.ROOT, "%4s %8s %10s %11s %11s", "look", "info", "efficacy z", "nominal p", "cum. alpha");
            if (withFutility) {
                out.printf(Locale.ROOT, " %10s %11s", "futility z", "nominal p");
                if (g.futilityRule() == GroupSequentialBoundaries.FutilityRule.BETA_SPENDING) {
                    out.printf(Locale.ROOT, " %10s", "cum. beta");
                }
            }
            out.println();
            for (int k = 0; k < g.looks(); k++) {
                out.printf(Locale.ROOT, "%4d %8.4f %10.4f %11.6f %11.6f", k + 1, g.fractions()[k], g.efficacyBound(k),
                        g.nominalAlpha(k), g.cumulativeAlphaSpent(k));
                if (withFutility) {
                    final double a = g.futilityBound(k);
                    if (a == Double.NEGATIVE_INFINITY) {
                        out.printf(Locale.ROOT, " %10s %11s", "-", "-");
                    } else {
                        out.printf(Locale.ROOT, " %10.4f %11.6f", a, N01.survivalProbability(a));
                    }
                    if (g.futilityRule() == GroupSequentialBoundaries.FutilityRule.BETA_SPENDING) {
                        out.printf(Locale.ROOT, " %10.6f", g.cumulativeBetaSpent(k));
                    }
                }
                out.println();
            }
            out.println("Reject H0 at look k if z >= efficacy z (one-sided p <= its nominal p)"
                    + (withFutility ? "; stop for futility at an interim look if z <= futility z." : "."));
            final ExitProbabilities h0 = g.exitProbabilities(0, false);
            out.printf(Locale.ROOT, "Type I error (futility ignored, non-binding): %.6f; expected information "
                    + "under H0 %.4f of the maximum%n", h0.rejectionProbability(),
                    g.exitProbabilities(0, true).expectedInformationFraction());
            if (g.futilityRule() == GroupSequentialBoundaries.FutilityRule.BETA_SPENDING) {
                final double fixed = N01.inverseSurvivalProbability(alpha) + N01.inverseSurvivalProbability(g.beta());
                final ExitProbabilities h1 = g.exitProbabilities(g.designDrift(), true);
                out.printf(Locale.ROOT, "Design drift %.6f (fixed design %.6f): maximum sample size inflation "
                        + "factor %.6f%n", g.designDrift(), fixed, Math.pow(g.designDrift() / fixed, 2));
                out.printf(Locale.ROOT, "Under H1: power %.6f, expected information %.4f of the maximum "
                        + "(%.4f of the fixed design)%n", h1.rejectionProbability(), h1.expectedInformationFraction(),
                        h1.expectedInformationFraction() * Math.pow(g.designDrift() / fixed, 2));
            }
            out.flush();
        }

        private SpendingFunction spendingFunction(String option, String name, Double shape, String shapeOption) {
            switch (name.toLowerCase(Locale.ROOT)) {
                // the scenario file's names (interim.spending) are accepted beside the short ones
                case "obf", "obrien_fleming":
                    return SpendingFunction.obrienFleming();
                case "pocock":
                    return SpendingFunction.pocock();
                case "hsd", "hwang_shih_decani":
                    if (shape == null || !Limits.gammaAllowed(shape)) {
                        throw new ParameterException(spec.commandLine(), option + " hsd needs " + shapeOption + ", "
                                + Limits.gammaRange() + " (e.g. -4 for O'Brien-Fleming-like, 1 for Pocock-like)"
                                + (shape == null ? "" : ", found " + shape));
                    }
                    return SpendingFunction.hwangShihDeCani(shape);
                default:
                    throw new ParameterException(spec.commandLine(), option + " must be obf (or obrien_fleming), "
                            + "pocock or hsd (or hwang_shih_decani), found '" + name + "'");
            }
        }

        private static double[] equalFractions(int k) {
            final double[] t = new double[k];
            for (int i = 0; i < k; i++) {
                t[i] = (i + 1.0) / k;
            }
            t[k - 1] = 1;
            return t;
        }
    }
}
