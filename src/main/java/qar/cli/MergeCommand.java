package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import qar.sample.GroupTally;

@Parameters(commandNames = "merge", commandDescription =
        "joins the outputs of qar sample --shard i/n into those of the one-process run, bit for bit")
final class MergeCommand implements Command {
    @Parameter(description = "DIR... (the --out folders of every shard)")
    List<String> dirs = new ArrayList<>();

    @Parameter(names = "--out", description = "directory for the merged summary.json, replicas.csv and CSVs",
            order = 24)
    String out;

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException {
        if (out != null && out.isBlank()) {
            throw UsageException.of("--out", UsageException.shown(out), "must name a directory");
        }
        if (dirs.isEmpty()) {
            throw new UsageException("give the output folders of the shards: qar merge DIR...");
        }
        List<Shards.Shard> read = new ArrayList<>();
        for (String d : dirs) {
            read.add(Shards.read(Path.of(d)));
        }
        List<Shards.Shard> shards = Shards.check(read);
        List<GroupTally> groups = new ArrayList<>();
        List<Path> rows = new ArrayList<>();
        long jumps = 0;
        long steps = 0;
        double threadSeconds = 0;
        for (Shards.Shard s : shards) {
            groups.addAll(s.groups());
            rows.add(s.dir().resolve(OutputSet.REPLICAS));
            jumps += s.jumps();
            // a shard written before the engine steps were recorded leaves them unknown
            steps = steps < 0 || s.steps() < 0 ? -1 : steps + s.steps();
            threadSeconds += s.threadSeconds();
        }
        List<String> args = new ArrayList<>(Shards.arguments(shards.get(0).identity()));
        // the throughput line: the shards' thread-seconds, as if on one thread
        args.addAll(List.of("--threads", "1"));
        if (output.json) {
            args.add("--json");
        }
        SampleCommand sample = Qar.parseSample(args);
        Path outDir = out == null ? null : Path.of(out);
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            return sample.merged(groups, jumps, steps, threadSeconds, rows, set, stdout);
        }
    }
}
