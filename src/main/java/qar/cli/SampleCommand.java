package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import qar.estimate.ExactComparison;
import qar.estimate.Estimate;
import qar.estimate.BatchCumulants;
import qar.estimate.ReplicaMoments;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.report.Json;
import qar.report.SampleReport;
import qar.sample.Campaign;
import qar.sample.ReplicaResult;

@Parameters(commandNames = "sample", commandDescription =
        "Gillespie sampling of independent stationary replicas, compared with the exact solver")
final class SampleCommand implements Command {
    private static final int ORDER = BatchCumulants.ORDER;

    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @Parameter(names = "--time", description = "trajectory length of each replica", order = 20)
    double time = 1000;

    @Parameter(names = "--replicas", description = "number of independent replicas (>= 16)", order = 21)
    long replicas = 2560;

    @Parameter(names = "--seed", description = "master seed (default: a fresh one, always printed)", order = 22)
    Long seed;

    @Parameter(names = "--threads", description = "worker threads (default: all cores)", order = 23)
    int threads = Runtime.getRuntime().availableProcessors();

    @Parameter(names = "--out", description = "directory for summary.json and replicas.csv", order = 24)
    String out;

    @Parameter(names = "--quiet", description = "no progress bar", order = 26)
    boolean quiet;

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        ModelParameters p = model.toParameters();
        if (!(time > 0) || Double.isInfinite(time)) {
            throw UsageException.of("--time", time, "must be finite and > 0");
        }
        if (replicas < Campaign.MIN_REPLICAS) {
            throw UsageException.of("--replicas", replicas, "must be an integer >= " + Campaign.MIN_REPLICAS);
        }
        if (threads < 1 || threads > 1024) {
            throw UsageException.of("--threads", threads, "must be an integer from 1 to 1024");
        }
        Path outDir = out == null ? null : Path.of(out);
        if (outDir != null) {
            AtomicOutput.checkWritable("--out", outDir);
        }
        long masterSeed = seed != null ? seed : RandomSource.createLong();

        JumpProcess process = Refrigerator.process(p);
        ExactSolution exact = ExactSolver.solve(process, ORDER);
        double[][] offsets = ExactSolver.finiteTimeOffsets(process, ORDER);
        Campaign campaign = Campaign.of(process, exact.populations(), time, replicas);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        if (!output.json && !quiet) {
            err.printf("qar sample: seed %d, %d replicas x time %s on %d threads%n", masterSeed, replicas,
                    time, threads);
        }
        AtomicLong done = new AtomicLong();
        Campaign.Result result;
        try (ProgressBar bar = ProgressBar.startIf(!output.json && !quiet && System.console() != null, err, done,
                replicas)) {
            result = campaign.run(master, threads, outDir != null, done);
        }

        Estimate[][] est = BatchCumulants.estimate(result.moments(), time, process.energyUnit(),
                process.largestQuanta());
        ExactComparison cmp = ExactComparison.of(est, exact.reservoirs(), offsets, time);
        List<String> names = Refrigerator.NAMES;
        ReplicaMoments all = ReplicaMoments.create(names.size());
        result.moments().forEach(all::combine);
        SampleReport.Summary summary = new SampleReport.Summary(p, masterSeed, time, replicas, campaign.groups(),
                threads, names, cmp.comparisons(), all.jumps(), result.jumps(), result.wallSeconds(),
                cmp.correlationTime());

        String summaryJson = Json.write(SampleReport.json(summary));
        if (outDir != null) {
            AtomicOutput.write(outDir.resolve("replicas.csv"), w -> {
                w.write(SampleReport.csvHeader(names));
                w.newLine();
                for (Campaign.GroupResult g : result.groups()) {
                    for (ReplicaResult row : g.replicas()) {
                        w.write(SampleReport.csvRow(row));
                        w.newLine();
                    }
                }
            });
            AtomicOutput.write(outDir.resolve("summary.json"), w -> {
                w.write(summaryJson);
                w.newLine();
            });
        }
        if (output.json) {
            stdout.println(summaryJson);
        } else {
            stdout.print(SampleReport.table(summary));
        }
        return 0;
    }
}
