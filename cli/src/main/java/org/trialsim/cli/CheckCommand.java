package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.trialsim.scenario.Scenario;
import org.trialsim.scenario.ScenarioException;
import org.trialsim.scenario.ScenarioParser;
import org.trialsim.scenario.ScenarioSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim check FILE|NAME}: reads and validates a scenario file (or a built-in scenario by name) and
 * prints a summary of what it assumes with derived figures to sanity-check; on problems, prints every one of
 * them (file, line, column, key, what was found and what is allowed) to standard error and exits with 2.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a scenario and summarize what it assumes.",
            "Prints derived figures (marginal response per arm, median time to relapse, benzodiazepine-free at",
            "52 weeks, dropout) to sanity-check. Exit code 0 if valid, 2 with every problem listed if not."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the scenario is valid", "2:the scenario is invalid or cannot be read"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim check my-trial.yaml",
            "  trialsim check ketamine-vs-midazolam --set arms.ketamine.response.probability=0.45"})
public final class CheckCommand implements Callable<Integer> {

    /** Exit code for invalid input. */
    static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|NAME",
            description = "A scenario file (.yaml, .yml or .json) or the name of a built-in scenario (see "
                    + "'trialsim scenarios list'): ketamine-vs-midazolam, benzo-discontinuation-single-arm, "
                    + "ketamine-taper-vs-taper, maintenance-withdrawal, benzo-phase2-predictive.")
    String scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a number at a key path before validating, as a sweep would, for example "
                    + "--set arms.ketamine.response.probability=0.45 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            // A file that does not exist and is no built-in name is bad usage (UsageException, exit 2).
            ScenarioSource source = ScenarioSource.resolve(scenario);
            Scenario s = source.with(ScenarioParser.overrides(overrides));
            out.print(ScenarioSummary.of(s));
            if (s.groupSequential() != null) {
                // the boundaries the engine will decide with, beside the design they belong to
                org.trialsim.power.PowerStudy.of(s).boundaries()
                        .ifPresent(b -> out.print(org.trialsim.report.BoundaryTable.text(b)));
            }
            out.flush();
            return 0;
        } catch (ScenarioException e) {
            err.println("trialsim check: " + scenario + " is not a valid scenario ("
                    + (e.problems().size() == 1 ? "1 problem" : e.problems().size() + " problems") + "):");
            for (String line : ScenarioException.lines(e.problems())) { // the first 50, then a count
                err.println("  " + line);
            }
            err.flush();
            return INVALID;
        }
    }
}
