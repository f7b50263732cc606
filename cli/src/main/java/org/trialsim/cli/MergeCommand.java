package org.trialsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.trialsim.power.MonteCarloStudy;
import org.trialsim.power.ReplicateRanges;
import org.trialsim.power.StudyCounts;
import org.trialsim.report.ResultFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trialsim merge}: joins the counts files of the shards of one run ({@code power} or {@code size} with
 * {@code --shard I/K}) and writes what the run itself writes, byte for byte: the merge rebuilds the run's
 * studies from the files ({@link RunSpec}), sums their integer counts ({@link StudyCounts#merge}) and hands
 * them to the command's own result and reporters. It refuses, with exit 2 and a message naming the files,
 * shards of different runs (scenario, seed, options, grid or versions), a shard given twice, shards missing
 * (unless {@code --partial}), and truncated or damaged files.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Join the counts files of a run's shards (--shard I/K) into the run's result.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trialsim power my-trial.yaml --reps 100000 --shard 3/10 --out part-3.counts   # one per I",
            "  trialsim merge part-*.counts --out power.csv",
            "  trialsim merge part-1.counts part-2.counts --partial --format json",
            "",
            "The result is byte for byte that of the run without --shard (the same --out or",
            "--format), a size run's as 'trialsim size' prints or writes it."})
final class MergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARDS", description = "The counts files written by --shard.")
    List<Path> shards;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: table, or what the --out file name ends in).")
    ResultFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH",
            description = "Write the result to this file instead of standard output.")
    Path out;

    @Option(names = "--partial",
            description = "Merge shards 1..j of K (the replicates from the first on) into a result marked partial.")
    boolean partial;

    @Override
    public Integer call() throws IOException {
        TrialsimCommand root = (TrialsimCommand) spec.root().userObject();
        List<ShardFile> files = new ArrayList<>();
        for (Path p : shards) {
            files.add(ShardFile.read(p));
        }
        ShardFile first = files.get(0);
        sameRun(files);
        Map<Integer, ShardFile> parts = parts(files);
        StudyPlan plan;
        try {
            plan = first.spec().plan();
        } catch (CommandLine.ParameterException e) {
            throw ShardFile.damaged(first.path(), "its options do not parse: " + e.getMessage());
        }
        Map<String, String> here = ShardFile.run(first.spec(), plan);
        List<String> differences = new ArrayList<>();
        here.forEach((k, v) -> {
            if (!v.equals(first.run().get(k)) && !k.equals("fingerprint")) {
                differences.add(k + " is " + first.run().get(k) + " in the shards but " + v + " here");
            }
        });
        if (!differences.isEmpty()) {
            throw new UsageException("the shards cannot be merged by this trialsim: " + String.join("; ", differences)
                    + ". Merge with the trialsim that ran them (the figures depend on its version)");
        }
        List<MonteCarloStudy> studies = plan.studies();
        List<StudyCounts> counts = merged(plan, studies, parts, first.shard().count());
        if (out != null) {
            refuseShardAsOutput();
            ResultFolder.refuseOverwrite(List.of(out), root.force);
            Outputs.reading(first.spec().source(), spec.commandLine().getErr()).file("--out", out).refuseClashes().lock(out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ResultFormat chosen = FormatOption.chosen(format, out);
        if (plan.isSearch()) {
            var size = plan.size(counts.get(0));
            SizeCommand.emit(plan.sizeScenario(), size, chosen, out, root.quiet, stdout, stderr);
            return 0;
        }
        PowerCommand.report(plan.result(counts), chosen, out, root.quiet, stdout, stderr, first.spec().source(), plan);
        return 0;
    }

    /** Refuses files of different runs, naming the keys that differ between the first file and another. */
    private static void sameRun(List<ShardFile> files) {
        ShardFile first = files.get(0);
        for (ShardFile f : files.subList(1, files.size())) {
            if (f.run().get("fingerprint").equals(first.run().get("fingerprint"))
                    && f.shard().count() == first.shard().count()) {
                continue;
            }
            List<String> d = new ArrayList<>();
            first.run().forEach((k, v) -> {
                if (!k.equals("fingerprint") && !Objects.equals(v, f.run().get(k))) {
                    d.add(k + " is " + v + " in " + first.path() + " but " + f.run().get(k) + " in " + f.path());
                }
            });
            if (f.shard().count() != first.shard().count()) {
                d.add("the run is split into " + first.shard().count() + " shards in " + first.path() + " but "
                        + f.shard().count() + " in " + f.path());
            }
            if (d.isEmpty()) {
                d.add("their fingerprints differ");
            }
            throw new UsageException("the shards are of different runs: " + String.join("; ", d));
        }
    }

    /** The files by shard index; a shard given twice is refused. */
    private static Map<Integer, ShardFile> parts(List<ShardFile> files) {
        Map<Integer, ShardFile> parts = new TreeMap<>();
        for (ShardFile f : files) {
            ShardFile twice = parts.put(f.shard().index(), f);
            if (twice != null) {
                throw new UsageException("shard " + f.shard() + " is given twice (" + twice.path() + " and " + f.path()
                        + "): its replicates would be counted twice");
            }
        }
        return parts;
    }

    /**
     * The counts of every cell, merged from the shards, in run order: all cells, or with {@code --partial} the
     * cells of the replicates from the first on that the shards hold.
     */
    private List<StudyCounts> merged(StudyPlan plan, List<MonteCarloStudy> studies, Map<Integer, ShardFile> parts,
            int count) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!parts.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty() && !partial) {
            throw new UsageException("shards missing: " + names(missing, count) + " of " + count + "; give every "
                    + "shard, or --partial to merge shards 1 to j into a result marked partial");
        }
        if (!missing.isEmpty() && missing.get(0) <= parts.size()) {
            throw new UsageException("--partial merges shards 1 to j, the replicates from the first on, but shard "
                    + missing.get(0) + "/" + count + " is missing while later ones are given: a result is reproduced"
                    + " from its seed and first replicates");
        }
        Map<Integer, StudyCounts> byCell = new LinkedHashMap<>();
        for (ShardFile f : parts.values()) {
            List<Shard.Piece> expected = f.shard().pieces(studies.size(), plan.replicates());
            List<Integer> cells = expected.stream().map(Shard.Piece::cell).toList();
            if (!new ArrayList<>(f.ranges().keySet()).equals(cells)) {
                throw ShardFile.damaged(f.path(), "it holds cells " + f.ranges().keySet() + ", not the cells "
                        + cells + " of shard " + f.shard());
            }
            for (Shard.Piece p : expected) {
                if (!f.ranges().get(p.cell()).equals(ReplicateRanges.of(p.from(), p.to()))) {
                    throw ShardFile.damaged(f.path(), "cell " + p.cell() + " holds replicates " + f.ranges().get(p.cell())
                            + ", not [" + p.from() + ", " + p.to() + ") of shard " + f.shard());
                }
                byCell.merge(p.cell(), f.counts(p.cell(), studies.get(p.cell())), StudyCounts::merge);
            }
        }
        List<StudyCounts> counts = new ArrayList<>();
        for (int c = 0; c < studies.size() && byCell.containsKey(c); c++) {
            counts.add(byCell.get(c));
        }
        return counts;
    }

    private static String names(List<Integer> indices, int count) {
        List<String> n = new ArrayList<>();
        for (int i : indices.subList(0, Math.min(10, indices.size()))) {
            n.add(i + "/" + count);
        }
        return String.join(", ", n) + (indices.size() > 10 ? " and " + (indices.size() - 10) + " more" : "");
    }

    /**
     * An {@code --out} that is one of the shard files being merged would replace a shard with the result (even
     * with {@code --force}, the shards are the only copy of the counts): refused before anything is written.
     */
    private void refuseShardAsOutput() throws IOException {
        for (Path shard : shards) {
            if (java.nio.file.Files.exists(out) && java.nio.file.Files.isSameFile(out, shard)
                    || out.toAbsolutePath().normalize().equals(shard.toAbsolutePath().normalize())) {
                throw new UsageException("--out " + out + " is the shard file " + shard + " being merged; writing it "
                        + "would destroy that shard's counts: choose another name");
            }
        }
    }
}
