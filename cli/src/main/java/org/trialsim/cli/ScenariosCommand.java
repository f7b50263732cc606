package org.trialsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.trialsim.scenario.ScenarioLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim scenarios}: the built-in scenario library, listed with titles, and {@code scenarios show
 * NAME} printing one as YAML (with its source comments) to copy and edit.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the built-in scenarios.",
        subcommands = {ScenariosCommand.Show.class, ScenariosCommand.ListNames.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim scenarios",
            "  trialsim scenarios show ketamine-vs-midazolam > my-trial.yaml"})
final class ScenariosCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return list(spec.commandLine().getOut());
    }

    static int list(PrintWriter out) {
        List<ScenarioLibrary.Entry> entries = ScenarioLibrary.list();
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (ScenarioLibrary.Entry e : entries) {
            String mark = e.name().equals(ScenarioLibrary.DEFAULT) ? "  (default)" : "";
            out.println(e.name() + " ".repeat(width - e.name().length()) + "   " + e.title() + mark);
        }
        out.flush();
        return 0;
    }

    /** {@code trialsim scenarios list}: the same as {@code trialsim scenarios}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.",
            footerHeading = "%nExample:%n", footer = "  trialsim scenarios list")
    static final class ListNames implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return list(spec.commandLine().getOut());
        }
    }

    /** {@code trialsim scenarios show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a built-in scenario as YAML, to copy and edit.",
            footerHeading = "%nExample:%n",
            footer = "  trialsim scenarios show maintenance-withdrawal > mw.yaml && trialsim run mw.yaml")
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "A built-in scenario name.")
        String name;

        @Override
        public Integer call() {
            if (!ScenarioLibrary.names().contains(name)) {
                throw new UsageException("'" + name + "' is not a built-in scenario; built-in scenarios: "
                        + String.join(", ", ScenarioLibrary.names()));
            }
            PrintWriter out = spec.commandLine().getOut();
            String text = ScenarioLibrary.text(name);
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.flush();
            return 0;
        }
    }
}
