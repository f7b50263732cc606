package org.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialsim.power.PowerStudy;
import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioParser;

/**
 * The patient listing and the curves of the trial charts of fixed replicates, byte for byte against files
 * written before the listing and the charts moved onto the replay API (so a change of bytes is seen and must
 * be explained as a fix). The provenance lines that name the version, the stream layout and the scenario hash
 * are left out: they change with releases, not with the listing. Regenerate with
 * {@code -Dtrialsim.golden.write=true} only for a change of bytes that is meant.
 */
class ReplayBytesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/org/trialsim/report/golden");

    record Case(String name, String file, String[] edits, int n, long seed, long replicate) {
        Scenario scenario() throws IOException {
            String text = Files.readString(Path.of("..", "examples", file));
            for (int k = 0; k < edits.length; k += 2) {
                if (!text.contains(edits[k])) {
                    throw new IllegalStateException(file + " has no '" + edits[k] + "'");
                }
                text = text.replace(edits[k], edits[k + 1]);
            }
            return ScenarioParser.parse(text, file);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("ketamine", "ketamine-vs-midazolam.yaml", new String[0], 120, 20240117, 3),
                new Case("ketamine-next-visit-calendar", "ketamine-vs-midazolam.yaml", new String[] {
                    "observation: exact", "observation: next_visit",
                    "cutoff: {follow_up_weeks: 52}", "cutoff: {calendar_week: 100}"}, 160, 7, 11),
                new Case("taper", "ketamine-taper-vs-taper.yaml", new String[0], 100, 5, 2),
                new Case("maintenance", "maintenance-withdrawal.yaml", new String[0], 90, 3, 4),
                new Case("benzo-single-arm", "benzo-discontinuation-single-arm.yaml", new String[0], 50, 9, 0),
                new Case("tte-events-even", "two-arm-tte-logrank.yaml", new String[] {
                    "uniform: {weeks: 52}", "even: {weeks: 52}",
                    "cutoff: {calendar_week: 104}", "cutoff: {events: 40, endpoint: time_to_relapse}"},
                    120, 13, 6),
                new Case("t-test", "two-arm-t-test.yaml", new String[0], 60, 21, 1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void listingBytesAreUnchanged(Case c) throws IOException {
        check(c.name() + ".csv", listing(c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void chartCurvesAreUnchanged(Case c) throws IOException {
        check(c.name() + "-curves.txt", curves(c));
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("trialsim.golden.write")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }

    private static String listing(Case c) throws IOException {
        StringWriter w = new StringWriter();
        PatientTable.write(PowerStudy.of(c.scenario()).seed(c.seed()).replay(c.replicate(), c.n()), w);
        return w.toString().lines()
                .filter(l -> !l.startsWith("# trialsim_version:") && !l.startsWith("# stream_layout:")
                        && !l.startsWith("# scenario_sha256:"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** What the trial charts of {@code run} draw: replicate 0 at the largest size, as RunCommand draws it. */
    private static String curves(Case c) throws IOException {
        Scenario s = c.scenario();
        TrialCurves t = TrialCurves.of(PowerStudy.of(s).seed(c.seed()).replay(0, s.maxSampleSize()));
        StringBuilder b = new StringBuilder();
        b.append("horizon ").append(t.horizon()).append('\n');
        b.append("fromRandomization ").append(t.relapseFromRandomization()).append('\n');
        if (t.hasRelapse()) {
            b.append("relapse\n");
            t.relapse().forEach(k -> curve(b, k));
        }
        if (t.hasBenzodiazepineUsers()) {
            b.append("benzodiazepine\n");
            t.benzodiazepineRelapse().forEach(k -> curve(b, k));
        }
        for (StateOccupancy o : t.occupancy()) {
            b.append("occupancy ").append(o.arm()).append(' ').append(o.patients()).append(' ')
                    .append(o.benzodiazepineUsers()).append('\n');
            b.append(" weeks ").append(java.util.Arrays.toString(o.weeks())).append('\n');
            b.append(" responding ").append(java.util.Arrays.toString(o.responding())).append('\n');
            b.append(" relapsed ").append(java.util.Arrays.toString(o.relapsed())).append('\n');
            b.append(" free ").append(java.util.Arrays.toString(o.benzodiazepineFree())).append('\n');
        }
        return b.toString();
    }

    private static void curve(StringBuilder b, SurvivalCurve k) {
        b.append(' ').append(k.label()).append(' ').append(k.subjects()).append('\n');
        b.append("  times ").append(java.util.Arrays.toString(k.times())).append('\n');
        b.append("  survival ").append(java.util.Arrays.toString(k.survival())).append('\n');
        b.append("  atRisk ").append(java.util.Arrays.toString(k.atRisk())).append('\n');
    }
}
