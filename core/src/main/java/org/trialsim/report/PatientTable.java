package org.trialsim.report;

import java.io.IOException;
import java.io.Writer;
import org.trialsim.TrialsimVersion;
import org.trialsim.cohort.BenzodiazepineCourse;
import org.trialsim.cohort.Cohort;
import org.trialsim.cohort.CohortSampler;
import org.trialsim.cohort.InductionResponse;
import org.trialsim.cohort.RelapseTime;
import org.trialsim.cohort.SamplingPlan;
import org.trialsim.endpoint.DataCutoff;
import org.trialsim.endpoint.ObservationRule;
import org.trialsim.power.PowerStudy;
import org.trialsim.random.ReplicateStreams;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.PatientModel;
import org.trialsim.scenario.ResponseModel;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioHash;

/**
 * One simulated trial as a patient listing (CSV, one row per patient), for inspection and for checking the
 * simulator against other tools. The trial is replicate K of the study with master seed S, regenerated from
 * (S, K) alone, so the same K gives the same rows whatever else was run. Provenance comes first as
 * {@code # key: value} comment lines with the keys of the {@link CsvReport} header ({@code scenario},
 * {@code trialsim_version}, {@code generator}, {@code stream_layout}, {@code model} (always
 * {@code patient-level}: the listing is drawn by the patient-level sampler), {@code commons_rng_version},
 * {@code seed}, {@code scenario_sha256} of the scenario as given), then the listing's own {@code replicate},
 * {@code patients} and {@code data_cutoff}; R ({@code comment.char = "#"}) and pandas ({@code comment="#"})
 * skip them.
 *
 * <p>Columns (weeks from randomization unless named otherwise; empty where not observed or not applicable):
 * {@code patient} (0-based index), {@code arm}, {@code stratum}, {@code enrolled} (calendar week),
 * {@code dropout} (if before the end of follow-up), {@code responded} and {@code remitted} (0/1, empty if not
 * assessed at the end of induction because of dropout or the cutoff; binary analyses count dropouts as
 * non-responders), {@code relapse} (as observed: exact or at the next visit, before dropout and cutoff),
 * {@code benzo_user}, {@code benzo_discontinued} (users assessed at the end of induction),
 * {@code benzo_relapse} (as observed), {@code censored_at} (end of follow-up: the earlier of dropout and the
 * administrative limit of the final data cutoff; 0 for a patient entering after a calendar cutoff), then
 * {@code madrs_baseline} and {@code madrs_end_induction} when a MADRS model is used.
 */
public final class PatientTable {

    private static final String NEWLINE = "\n";

    private PatientTable() {
    }

    /** Samples replicate {@code replicate} of {@code n} patients and writes its listing. */
    public static void write(Scenario scenario, int n, long seed, long replicate, Writer out) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("the number of patients must be at least 1: " + n);
        }
        if (replicate < 0) {
            throw new IllegalArgumentException("the replicate index must be >= 0: " + replicate);
        }
        SamplingPlan plan = SamplingPlan.compile(scenario);
        CohortSampler sampler = plan.newSampler();
        Cohort c = new Cohort(n);
        sampler.sample(c, n, seed, replicate);
        write(scenario, c, n, seed, replicate, out);
    }

    /** Writes the listing of the first {@code n} patients of an already sampled cohort. */
    public static void write(Scenario scenario, Cohort c, int n, long seed, long replicate, Writer out)
            throws IOException {
        ObservationRule rule = ObservationRule.of(scenario);
        double cutoff = DataCutoff.compile(scenario).calendarTime(c, n);
        boolean madrs = usesMadrs(scenario);
        double induction = scenario.schedule().inductionWeeks();
        // The keys, their order and the "# key: value" form are those of CsvReport's header, so one reader
        // serves both files; the listing's own entries follow.
        entry(out, "scenario", scenario.name());
        entry(out, "trialsim_version", TrialsimVersion.version());
        entry(out, "generator", ReplicateStreams.GENERATOR.name());
        entry(out, "stream_layout", ReplicateStreams.LAYOUT);
        // the standard model is the one that draws cohorts with SamplingPlan, as this listing does
        entry(out, "model", PowerStudy.of(scenario).modelName());
        entry(out, "commons_rng_version", TrialsimVersion.commonsRngVersion());
        entry(out, "seed", Long.toString(seed));
        entry(out, "scenario_sha256", ScenarioHash.sha256(scenario));
        entry(out, "replicate", Long.toString(replicate));
        entry(out, "patients", Integer.toString(n));
        entry(out, "data_cutoff", describe(scenario.schedule().cutoff(), cutoff));
        out.write("patient,arm,stratum,enrolled,dropout,responded,remitted,relapse,benzo_user,benzo_discontinued,"
                + "benzo_relapse,censored_at" + (madrs ? ",madrs_baseline,madrs_end_induction" : "") + NEWLINE);
        StringBuilder row = new StringBuilder(256);
        final boolean[] responded = c.booleans(InductionResponse.RESPONDED);
        final boolean[] remitted = c.booleans(InductionResponse.REMITTED);
        final double[] relapse = c.doubles(RelapseTime.TIME);
        final boolean[] discontinued = c.booleans(BenzodiazepineCourse.DISCONTINUED);
        final double[] benzodiazepineRelapse = c.doubles(BenzodiazepineCourse.RELAPSE);
        final double[] madrsBaseline = c.doubles(InductionResponse.MADRS_BASELINE);
        final double[] madrsEnd = c.doubles(InductionResponse.MADRS_END);
        for (int i = 0; i < n; i++) {
            row.setLength(0);
            double entry = rule.entry(c, i, n);
            double limit = rule.administrativeLimit(c, i, n, cutoff);
            double end = Math.max(0, Math.min(c.dropout[i], limit));
            boolean assessed = c.dropout[i] >= induction && induction <= rule.followUp()
                    && entry + induction <= cutoff;
            boolean user = scenario.strata().get(c.stratum[i]).benzodiazepineUser();
            row.append(i).append(',')
                    .append(scenario.arms().get(c.arm[i]).name()).append(',')
                    .append(scenario.strata().get(c.stratum[i]).name()).append(',')
                    .append(number(entry)).append(',')
                    .append(c.dropout[i] <= limit ? number(c.dropout[i]) : "").append(',')
                    .append(assessed ? flag(responded[i]) : "").append(',')
                    .append(assessed ? flag(remitted[i]) : "").append(',')
                    .append(observed(rule, relapse[i], c.dropout[i], entry, cutoff)).append(',')
                    .append(flag(user)).append(',')
                    .append(user && assessed ? flag(discontinued[i]) : "").append(',')
                    .append(user ? observed(rule, benzodiazepineRelapse[i], c.dropout[i], entry, cutoff) : "")
                    .append(',')
                    .append(number(end));
            if (madrs) {
                row.append(',').append(number(madrsBaseline[i])).append(',')
                        .append(assessed ? number(madrsEnd[i]) : "");
            }
            out.write(row.append(NEWLINE).toString());
        }
        out.flush();
    }

    /** A provenance line as {@link CsvReport} writes it: a line break in a value would end the comment. */
    private static void entry(Writer out, String key, String value) throws IOException {
        out.write("# " + key + ": " + value.replace('\n', ' ') + NEWLINE);
    }

    /** The observed time of an event, as the endpoint extractor sees it, or empty. */
    private static String observed(ObservationRule rule, double time, double dropout, double entry,
            double cutoff) {
        double seen = rule.observed(time);
        return seen <= Math.min(dropout, rule.followUp()) && entry + seen <= cutoff ? number(seen) : "";
    }

    private static String describe(Cutoff cutoff, double calendarWeek) {
        if (cutoff instanceof Cutoff.FollowUp f) {
            return number(f.weeks()) + " weeks of follow-up per patient";
        }
        if (cutoff instanceof Cutoff.Events e) {
            return "calendar week " + number(calendarWeek) + " (" + e.events() + " events of " + e.endpoint() + ")";
        }
        return "calendar week " + number(calendarWeek);
    }

    private static boolean usesMadrs(Scenario scenario) {
        return scenario.arms().stream().flatMap(a -> a.modelByStratum().values().stream())
                .map(PatientModel::response).anyMatch(r -> r instanceof ResponseModel.Madrs);
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    /** Shortest decimal that reads back to the same double; empty for NaN and infinity. */
    private static String number(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "" : Double.toString(x);
    }
}
