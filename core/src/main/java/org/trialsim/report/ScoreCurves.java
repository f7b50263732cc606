package org.trialsim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientColumns;
import org.trialsim.power.PatientListing;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Scenario;

/**
 * The mean score of each arm at baseline and at each visit of one score trajectory, across replicated trials:
 * per trial, the mean of the scores seen at the visit (before dropout and cutoff, as the MMRM takes them: the
 * listing's observed columns {@code NAME_w0}, {@code NAME_wW}); across trials, the mean of those means and the
 * band in which 95% of them lie (pointwise 2.5% and 97.5% quantiles, as for {@link ExpectedCurves}' Kaplan-Meier
 * curves), with the mean number of patients seen at each visit. Observed means, so with dropout that depends on
 * the score they differ from the model's mean trajectory: the chart shows what a trial's completers' table
 * would.
 *
 * @param outcome the trajectory's name
 * @param weeks week 0 (baseline) and each visit week
 * @param arms one per arm that has the trajectory
 */
public record ScoreCurves(String outcome, double[] weeks, List<ArmScores> arms) {

    public ScoreCurves {
        weeks = weeks.clone();
        arms = List.copyOf(arms);
    }

    /**
     * One arm's mean scores.
     *
     * @param arm the arm's name
     * @param mean the mean over trials of the arm's mean observed score at each week
     * @param lower the 2.5% quantile over trials
     * @param upper the 97.5% quantile over trials
     * @param seen the mean number of the arm's patients seen at each week per trial
     */
    public record ArmScores(String arm, double[] mean, double[] lower, double[] upper, double[] seen) {
    }

    /** The curves of every score trajectory the replays list, in listing order (empty if none). */
    public static List<ScoreCurves> of(List<TrialReplay> replays) {
        if (replays.isEmpty()) {
            return List.of();
        }
        List<ScoreCurves> out = new ArrayList<>();
        PatientListing first = replays.get(0).patients();
        for (PatientColumn c : first.columns(PatientColumn.View.OBSERVED)) {
            if (c instanceof PatientColumn.Numbers && c.name().endsWith("_w0")) {
                String outcome = c.name().substring(0, c.name().length() - "_w0".length());
                List<String> columns = new ArrayList<>();
                List<Double> weeks = new ArrayList<>();
                for (PatientColumn v : first.columns(PatientColumn.View.OBSERVED)) {
                    String stem = outcome + "_w";
                    if (v instanceof PatientColumn.Numbers && v.name().startsWith(stem)) {
                        try {
                            weeks.add(Double.parseDouble(v.name().substring(stem.length())));
                            columns.add(v.name());
                        } catch (NumberFormatException e) {
                            // another column that starts like it (a trajectory named madrs_wide); not a visit
                        }
                    }
                }
                out.add(curves(replays, outcome, columns, weeks.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return out;
    }

    private static ScoreCurves curves(List<TrialReplay> replays, String outcome, List<String> columns,
            double[] weeks) {
        Scenario scenario = replays.get(0).scenario();
        int arms = scenario.arms().size();
        int t = weeks.length;
        double[][][] means = new double[arms][t][replays.size()];
        double[][] seen = new double[arms][t];
        for (int j = 0; j < replays.size(); j++) {
            PatientListing p = replays.get(j).patients();
            PatientColumn.Labels arm = p.labels(PatientColumns.ARM);
            for (int w = 0; w < t; w++) {
                PatientColumn.Numbers scores = p.numbers(columns.get(w));
                double[] sum = new double[arms];
                int[] count = new int[arms];
                for (int i = 0; i < p.size(); i++) {
                    double y = scores.value(i);
                    if (!Double.isNaN(y)) {
                        sum[arm.code(i)] += y;
                        count[arm.code(i)]++;
                    }
                }
                for (int a = 0; a < arms; a++) {
                    means[a][w][j] = count[a] == 0 ? Double.NaN : sum[a] / count[a];
                    seen[a][w] += count[a];
                }
            }
        }
        List<ArmScores> out = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            double[] mean = new double[t];
            double[] lower = new double[t];
            double[] upper = new double[t];
            boolean any = false;
            for (int w = 0; w < t; w++) {
                double[] v = Arrays.stream(means[a][w]).filter(Double::isFinite).sorted().toArray();
                mean[w] = v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
                lower[w] = ExpectedCurves.quantile(v, 0.025);
                upper[w] = ExpectedCurves.quantile(v, 0.975);
                seen[a][w] /= replays.size();
                any |= v.length > 0;
            }
            if (any) {
                out.add(new ArmScores(scenario.arms().get(a).name(), mean, lower, upper, seen[a]));
            }
        }
        return new ScoreCurves(outcome, weeks, out);
    }
}
