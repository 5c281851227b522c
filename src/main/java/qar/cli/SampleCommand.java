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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import qar.job.ExactJob;
import qar.report.DistributionCsv;
import qar.report.FiniteTimeReport;
import qar.sample.Watch;
import qar.job.SampleJob;
import qar.estimate.ReplicaMoments;
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
    private static final String REPLICAS_CSV = "replicas.csv";
    /** Shortest replica: rates are quanta / T, so 1 / T must be a finite double. */
    static final double MIN_TIME = 1e-300;

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

    @ParametersDelegate
    FiniteTimeOptions finite = new FiniteTimeOptions();

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
        SizeCheck.sample(p);
        if (!(time >= MIN_TIME) || Double.isInfinite(time)) {
            // below the normal doubles 1 / T overflows and every rate would be 0 * infinity
            throw UsageException.of("--time", time, "must be finite and >= " + MIN_TIME);
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
        List<Watch> watches = finite.watches(process);
        double[] windows = finite.windows(time);
        SampleJob job = SampleJob.of(process, time, replicas, watches, finite.wtdPoints, windows);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        if (!output.json && !quiet) {
            err.printf("qar sample: seed %d, %d replicas x time %s on %d threads%n", masterSeed, replicas,
                    time, threads);
        }
        AtomicLong done = new AtomicLong();
        SampleJob.Result result;
        try (ProgressBar bar = ProgressBar.startIf(!output.json && !quiet && System.console() != null, err, done,
                replicas)) {
            result = job.run(master, threads, outDir != null, done);
        }
        Campaign.Result run = result.campaign();
        List<String> names = Refrigerator.NAMES;
        ReplicaMoments all = ReplicaMoments.create(names.size());
        run.moments().forEach(all::combine);
        SampleReport.Summary summary = new SampleReport.Summary(p, masterSeed, time, replicas, job.groups(),
                threads, names, result.comparison().comparisons(), all.jumps(), run.jumps(), run.wallSeconds());

        ExactJob.Result exact = job.exact();
        Map<String, String> files = new LinkedHashMap<>();
        if (outDir != null) {
            if (!result.waitingTimes().isEmpty()) {
                files.put(DistributionCsv.WAITING_TIMES, DistributionCsv.waitingTimes(exact, result.waitingTimes()));
            }
            if (!result.windows().isEmpty()) {
                files.put(DistributionCsv.COUNTING, DistributionCsv.counting(exact, names, result.windows()));
                files.put(DistributionCsv.LARGE_DEVIATIONS,
                        DistributionCsv.largeDeviations(exact, names, process.energyUnit(), result.windows()));
                files.put(DistributionCsv.RATE_FUNCTION, DistributionCsv.rateFunctions(exact.rateFunctions()));
            }
        }
        ObjectNode json = SampleReport.json(summary);
        FiniteTimeReport.sampleJson(json, exact, result.waitingTimes(), result.windows(), names,
                process.energyUnit());
        if (outDir != null) {
            List<String> listed = new ArrayList<>(List.of(REPLICAS_CSV));
            listed.addAll(files.keySet());
            json.set("files", Json.MAPPER.valueToTree(listed));
        }
        String summaryJson = Json.write(json);
        // the results reach stdout first, so a failed write below loses nothing
        if (output.json) {
            stdout.println(summaryJson);
        } else {
            stdout.print(SampleReport.table(summary));
            stdout.print(FiniteTimeReport.sampleTable(exact, result.waitingTimes(), result.windows(), names,
                    process.energyUnit()));
        }
        stdout.flush();
        if (outDir != null) {
            AtomicOutput.write(outDir.resolve(REPLICAS_CSV), w -> {
                w.write(SampleReport.csvHeader(names));
                w.newLine();
                for (ReplicaResult row : run.replicas()) {
                    w.write(SampleReport.csvRow(row));
                    w.newLine();
                }
            });
            for (Map.Entry<String, String> f : files.entrySet()) {
                AtomicOutput.write(outDir.resolve(f.getKey()), w -> w.write(f.getValue()));
            }
            AtomicOutput.write(outDir.resolve("summary.json"), w -> {
                w.write(summaryJson);
                w.newLine();
            });
        }
        return 0;
    }
}
