package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        for (String d : dirs) {
            if (d.startsWith("-") && !Files.isDirectory(Path.of(d))) {
                // JCommander hands an unknown option to the folder list: say what it is
                throw new UsageException(UsageException.shown(d) + " is not an option of qar merge (it takes --out DIR,"
                        + " --json and the shards' folders)");
            }
        }
        List<Shards.Shard> read = new ArrayList<>();
        for (String d : dirs) {
            read.add(Shards.read(Path.of(d)));
        }
        List<Shards.Shard> shards = Shards.check(read);
        Shards.verifyRows(shards);
        Path outDir = out == null ? null : Path.of(out);
        if (outDir != null) {
            for (Shards.Shard s : shards) {
                if (Files.exists(outDir) && Files.isSameFile(outDir, s.dir())) {
                    // publishing there would replace the shard's replicas.csv and remove its shard.json
                    throw UsageException.of("--out", out, "is the folder of shard " + s.shard() + "/" + s.shards()
                            + "; the merge would replace its files: give another folder");
                }
                // a shard read through DIR/.qar (its current set) would be deleted as an old set
                if (Files.isDirectory(outDir) && s.dir().toRealPath().startsWith(
                        outDir.toRealPath().resolve(OutputSet.HIDDEN))) {
                    throw UsageException.of("--out", out, "holds shard " + s.shard() + "/" + s.shards() + " ("
                            + s.dir() + ") in its " + OutputSet.HIDDEN + " folder; the merge would delete it: give"
                            + " another folder");
                }
            }
        }
        // the campaign is rebuilt from the identity the shards carry, never from command-line words
        SampleCommand sample = Resumption.rebuild(shards.get(0).identity());
        // the throughput line: the shards' thread-seconds, as if on one thread
        sample.campaign.threads = IntegerArg.of(1);
        sample.output.json = output.json;
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            return sample.merged(shards, set, stdout);
        }
    }
}
