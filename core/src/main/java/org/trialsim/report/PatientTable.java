package org.trialsim.report;

import java.io.IOException;
import java.io.Writer;
import java.util.EnumSet;
import java.util.Set;
import org.trialsim.TrialsimVersion;
import org.trialsim.power.PatientColumn;
import org.trialsim.power.PatientListing;
import org.trialsim.power.TrialReplay;
import org.trialsim.scenario.Cutoff;
import org.trialsim.scenario.Scenario;

/**
 * One simulated trial as a patient listing (CSV, one row per patient), for inspection and for checking the
 * simulator against other tools: the patients of a {@link TrialReplay} (replicate K of the study with master
 * seed S, replayed by the power engine from (S, K) alone, so the same K gives the same rows whatever else was
 * run). Provenance comes first as {@code # key: value} comment lines with the keys of the {@link CsvReport}
 * header ({@code scenario}, {@code trialsim_version}, {@code generator}, {@code stream_layout}, {@code model}
 * (always {@code patient-level}: the listing is drawn by the patient-level engine), {@code commons_rng_version},
 * {@code seed}, {@code scenario_sha256} of the scenario as given), then the listing's own {@code replicate},
 * {@code patients} and {@code data_cutoff}; R ({@code comment.char = "#"}) and pandas ({@code comment="#"})
 * skip them.
 *
 * <p>Columns: {@code patient} (0-based index), then the listing's columns of the chosen views in listing order
 * ({@link org.trialsim.power.PatientColumns} names them; by default the observed view: {@code arm},
 * {@code stratum}, {@code enrolled} (calendar week), {@code dropout}, {@code responded}, {@code remitted},
 * {@code relapse}, {@code benzo_user}, {@code benzo_discontinued}, {@code benzo_relapse}, {@code censored_at},
 * and {@code madrs_baseline}, {@code madrs_end_induction} when a MADRS model is used). Numbers are the
 * shortest decimal that reads back to the same double, empty where there is no value (and for a time at which
 * nothing happens); yes/no values are 1 and 0, empty where not observed.
 */
public final class PatientTable {

    private static final String NEWLINE = "\n";

    private PatientTable() {
    }

    /** Writes the listing of a replayed trial with its observed columns. */
    public static void write(TrialReplay replay, Writer out) throws IOException {
        write(replay, EnumSet.of(PatientColumn.View.OBSERVED), out);
    }

    /** Writes the listing of a replayed trial with the columns of {@code views}, in listing order. */
    public static void write(TrialReplay replay, Set<PatientColumn.View> views, Writer out) throws IOException {
        Scenario scenario = replay.scenario();
        PatientListing patients = replay.patients();
        // The keys, their order and the "# key: value" form are those of CsvReport's header, so one reader
        // serves both files; the listing's own entries follow.
        entry(out, "scenario", scenario.name());
        entry(out, "trialsim_version", TrialsimVersion.version());
        entry(out, "generator", replay.generator());
        entry(out, "stream_layout", replay.streamLayout());
        entry(out, "model", replay.model());
        entry(out, "commons_rng_version", TrialsimVersion.commonsRngVersion());
        entry(out, "seed", Long.toString(replay.seed()));
        entry(out, "scenario_sha256", replay.scenarioHash());
        entry(out, "replicate", Long.toString(replay.replicate()));
        entry(out, "patients", Integer.toString(replay.size()));
        entry(out, "data_cutoff", describe(scenario.schedule().cutoff(), replay.dataCutoff()));
        var columns = patients.columns().stream().filter(c -> views.contains(c.view())).toList();
        StringBuilder row = new StringBuilder(256).append("patient");
        for (PatientColumn c : columns) {
            row.append(',').append(c.name());
        }
        out.write(row.append(NEWLINE).toString());
        for (int i = 0; i < patients.size(); i++) {
            row.setLength(0);
            row.append(i);
            for (PatientColumn c : columns) {
                row.append(',').append(cell(c, i));
            }
            out.write(row.append(NEWLINE).toString());
        }
        out.flush();
    }

    private static String cell(PatientColumn c, int i) {
        if (!c.present(i)) {
            return "";
        }
        if (c instanceof PatientColumn.Numbers x) {
            return number(x.value(i));
        }
        if (c instanceof PatientColumn.Flags x) {
            return x.value(i) ? "1" : "0";
        }
        return ((PatientColumn.Labels) c).label(i);
    }

    /** A provenance line as {@link CsvReport} writes it: a line break in a value would end the comment. */
    private static void entry(Writer out, String key, String value) throws IOException {
        out.write("# " + key + ": " + org.trialsim.scenario.Printable.escape(value.replace('\n', ' ')) + NEWLINE);
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

    /** Shortest decimal that reads back to the same double; empty for NaN and infinity. */
    private static String number(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "" : Double.toString(x);
    }
}
