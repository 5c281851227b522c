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
import qar.job.FluctuationAnalysis;
import qar.report.SampledFluctuationReport;
import qar.report.DistributionCsv;
import qar.report.FiniteTimeReport;
import qar.sample.Watch;
import qar.job.SampleJob;
import qar.estimate.ReplicaMoments;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.Reservoir;
import qar.report.Json;
import qar.report.SampleReport;
import qar.sample.Campaign;
import qar.sample.EngineChoice;
import qar.sample.FlipPairs;

@Parameters(commandNames = "sample", commandDescription =
        "Gillespie sampling of independent stationary replicas, compared with the exact solver")
final class SampleCommand implements Command {
    /** Shortest replica: rates are quanta / T, so 1 / T must be a finite double. */
    static final double MIN_TIME = 1e-300;
    /** Most jumps a campaign may simulate: about 3 hours on 16 cores at today's speed. */
    static final double MAX_JUMPS = 1e13;

    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @Parameter(names = "--time", description = "trajectory length of each replica", order = 20)
    DecimalArg time = DecimalArg.of(1000);

    @Parameter(names = "--replicas", description = "number of independent replicas (>= 16)", order = 21)
    IntegerArg replicas = IntegerArg.of(2560);

    @Parameter(names = "--seed", description = "master seed (default: a fresh one, always printed)", order = 22)
    IntegerArg seed;

    @Parameter(names = "--threads", description = "worker threads (default: all cores)", order = 23)
    IntegerArg threads = IntegerArg.of(Runtime.getRuntime().availableProcessors());

    @Parameter(names = "--out", description = "directory for summary.json and replicas.csv", order = 24)
    String out;

    @ParametersDelegate
    FiniteTimeOptions finite = new FiniteTimeOptions();

    @Parameter(names = "--ft", description = "fluctuation checks in every --window: detailed, integral and exchange"
            + " fluctuation theorems, TUR, COP and the efficiency distribution", order = 25)
    boolean ft;

    @Parameter(names = "--quiet", description = "no progress bar", order = 26)
    boolean quiet;

    @Parameter(names = "--shard", description = "run part i of n of the campaign (i/n, n at most the error groups);"
            + " needs --out; qar merge joins the parts", order = 27)
    String shard;

    @Parameter(names = "--engine", description = "direct (every jump), aggregated (fast flip pairs in one exact"
            + " macro-step per sojourn) or auto (aggregated where a fast pair exists and no --wtd watches its flips)",
            order = 28)
    String engine = "auto";

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    /** The arguments of this command as given (Qar sets them); a shard records them. */
    List<String> arguments = List.of();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        ModelSpec p = model.spec();
        if (p instanceof ModelParameters mp) {
            SizeCheck.sample(mp);
        }
        double time = this.time.value();
        if (!(time >= MIN_TIME) || Double.isInfinite(time)) {
            // below the normal doubles 1 / T overflows and every rate would be 0 * infinity
            throw UsageException.of("--time", this.time, "must be finite and >= " + MIN_TIME);
        }
        long replicas = this.replicas.value();
        if (replicas < Campaign.MIN_REPLICAS) {
            throw UsageException.of("--replicas", this.replicas, "must be an integer >= " + Campaign.MIN_REPLICAS);
        }
        if (this.threads.value() < 1 || this.threads.value() > 1024) {
            throw UsageException.of("--threads", this.threads, "must be an integer from 1 to 1024");
        }
        int threads = (int) this.threads.value();
        engineChoice();
        if (shard != null && out == null) {
            throw new UsageException("--shard needs --out: the shard's tallies go to its output folder");
        }
        if (shard != null) {
            Shards.parse(shard);
        }
        Path outDir = out == null ? null : Path.of(out);
        // the output folder is prepared (and checked) before any work
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            return run(p, set, stdout, err, time, replicas, threads);
        }
    }

    private int run(ModelSpec p, OutputSet set, PrintStream stdout, PrintStream err, double time, long replicas,
            int threads) throws IOException, InterruptedException {
        long masterSeed = seed != null ? seed.value() : RandomSource.createLong();
        JumpProcess process = model.process(p);
        SampleJob job = job(p, process, set != null);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        if (!output.json && !quiet) {
            err.printf("qar sample: seed %d, %d replicas x time %s on %d threads%n", masterSeed, replicas,
                    time, threads);
        }
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        AtomicLong done = new AtomicLong();
        if (shard != null) {
            int[] in = Shards.parse(shard);
            if (in[1] > job.groups()) {
                throw UsageException.of("--shard", shard, "n must be at most the campaign's " + job.groups()
                        + " error groups");
            }
            try (ReplicaCsv rows = ReplicaCsv.open(set, names)) {
                Campaign.Result part = job.runShard(master, threads, rows, done, in[0], in[1]);
                rows.finish();
                String file = Shards.write(Shards.identity(arguments, masterSeed, in[1]), in[0], in[1], part);
                set.write(OutputSet.SHARD, w -> w.write(file));
                set.publish(List.of(OutputSet.REPLICAS, OutputSet.SHARD));
                stdout.printf("qar sample: shard %d/%d: %d groups, %d jumps; join the shards with qar merge%n",
                        in[0], in[1], part.groups().size(), part.jumps());
                return 0;
            }
        }
        SampleJob.Result result;
        // rows go to the set's replicas.csv as the campaign makes them: none is kept in memory
        try (ReplicaCsv rows = set == null ? null : ReplicaCsv.open(set, names)) {
            try (ProgressBar bar = ProgressBar.startIf(!output.json && !quiet && System.console() != null, err,
                    done, replicas)) {
                result = job.run(master, threads, rows, done);
            }
            return report(p, masterSeed, process, job, result, set, rows, stdout);
        }
    }

    /**
     * The one-process outputs from the shards' tallies, in group order, and their replicas.csv files
     * (with {@code set}); the options are those the shards recorded.
     */
    int merged(List<qar.sample.GroupTally> groups, long jumps, long steps, double threadSeconds, List<Path> rowFiles,
            OutputSet set, PrintStream stdout) throws IOException {
        ModelSpec p = model.spec();
        JumpProcess process = model.process(p);
        SampleJob job = job(p, process, true);
        if (groups.size() != job.groups()) {
            throw new UsageException("the shards hold " + groups.size() + " groups, the campaign has " + job.groups());
        }
        SampleJob.Result result = job.result(new Campaign.Result(groups, jumps, steps, threadSeconds, 1));
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        try (ReplicaCsv rows = set == null ? null : ReplicaCsv.open(set, names)) {
            if (rows != null) {
                for (Path f : rowFiles) {
                    rows.copyRows(f);
                }
            }
            return report(p, seed.value(), process, job, result, set, rows, stdout);
        }
    }

    /** The job of these options; {@code files}: with an output folder (the efficiency rate is computed). */
    private SampleJob job(ModelSpec p, JumpProcess process, boolean files) {
        double time = this.time.value();
        long replicas = this.replicas.value();
        List<Watch> watches = finite.watches(p, process);
        double[] windows = finite.windows(this.time, process);
        if (ft && windows.length == 0) {
            throw new UsageException("--ft needs at least one --window t: the checks are made on windows");
        }
        for (qar.model.Reservoir r : process.reservoirs()) {
            if (ft && !r.thermal()) {
                throw new UsageException("--ft needs thermal reservoirs (the entropy production is -sum beta Q);"
                        + " reservoir " + r.name() + " has no temperature");
            }
        }
        FluctuationAnalysis.Mode mode = !ft ? FluctuationAnalysis.Mode.OFF
                : !files ? FluctuationAnalysis.Mode.CHECKS : FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE;
        EngineChoice choice = engineChoice();
        if (choice == EngineChoice.AGGREGATED) {
            FlipPairs pairs = FlipPairs.of(process);
            for (Watch w : watches) {
                if (pairs.flipsAny(w.channels())) {
                    throw UsageException.of("--engine", engine, "--wtd " + w.label() + " watches the fast flips,"
                            + " which the aggregated engine does not time one by one: use --engine direct or auto");
                }
            }
        }
        SampleJob job = SampleJob.of(process, time, replicas, watches, finite.wtdPoints(), windows, mode, choice);
        if (!(job.expectedJumps() <= MAX_JUMPS)) {
            // a run of years is a typo or a rate scale beyond sampling, not a campaign
            throw UsageException.of("--time", this.time, String.format(java.util.Locale.ROOT,
                    "with --replicas %d the campaign would simulate %.2g jumps (about %.2g hours at 1e8 jumps/s); "
                            + "at most %.0e: lower --time or --replicas", replicas, job.expectedJumps(),
                    job.expectedJumps() / 1e8 / 3600, MAX_JUMPS));
        }
        return job;
    }

    private EngineChoice engineChoice() {
        for (EngineChoice c : EngineChoice.values()) {
            if (c.label().equals(engine)) {
                return c;
            }
        }
        throw UsageException.of("--engine", UsageException.shown(engine), "must be direct, aggregated or auto");
    }

    private int report(ModelSpec p, long masterSeed, JumpProcess process, SampleJob job,
            SampleJob.Result result, OutputSet set, ReplicaCsv rows, PrintStream stdout) throws IOException {
        Campaign.Result run = result.campaign();
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        ReplicaMoments all = ReplicaMoments.create(names.size());
        run.moments().forEach(all::combine);
        SampleReport.Summary summary = new SampleReport.Summary(p, masterSeed, time.value(), replicas.value(),
                job.groups(), (int) threads.value(), names, result.comparison().comparisons(), all.jumps(), run.jumps(), run.wallSeconds(),
                job.engine().name(), run.steps());

        ExactJob.Result exact = job.exact();
        Map<String, String> files = new LinkedHashMap<>();
        if (set != null) {
            if (!result.waitingTimes().isEmpty()) {
                files.put(DistributionCsv.WAITING_TIMES, DistributionCsv.waitingTimes(exact, result.waitingTimes()));
            }
            if (!result.windows().isEmpty()) {
                files.put(DistributionCsv.COUNTING, DistributionCsv.counting(exact, names, result.windows()));
                files.put(DistributionCsv.LARGE_DEVIATIONS,
                        DistributionCsv.largeDeviations(exact, names, process.energyUnit(), result.windows()));
                files.put(DistributionCsv.RATE_FUNCTION, DistributionCsv.rateFunctions(exact.rateFunctions()));
            }
            if (result.fluctuations() != null) {
                files.put(SampledFluctuationReport.FLUCTUATION_THEOREM, SampledFluctuationReport.theoremCsv(result.fluctuations()));
                String eff = SampledFluctuationReport.efficiencyCsv(result.fluctuations());
                if (eff != null) {
                    files.put(SampledFluctuationReport.EFFICIENCY, eff);
                }
            }
        }
        ObjectNode json = SampleReport.json(summary);
        FiniteTimeReport.sampleJson(json, exact, result.waitingTimes(), result.windows(), names,
                process.energyUnit());
        if (result.fluctuations() != null) {
            SampledFluctuationReport.json(json, result.fluctuations());
        }
        List<String> listed = new ArrayList<>(List.of(OutputSet.REPLICAS));
        listed.addAll(files.keySet());
        if (set != null) {
            json.set("files", Json.MAPPER.valueToTree(listed));
            json.put("outputSet", set.id());
        }
        String summaryJson = Json.write(json);
        // the results reach stdout first, so a failed write below loses nothing
        if (output.json) {
            stdout.println(summaryJson);
        } else {
            stdout.print(SampleReport.table(summary));
            stdout.print(FiniteTimeReport.sampleTable(exact, result.waitingTimes(), result.windows(), names,
                    process.energyUnit()));
            if (result.fluctuations() != null) {
                stdout.print(SampledFluctuationReport.table(result.fluctuations()));
            }
        }
        stdout.flush();
        if (set != null) {
            rows.finish();
            for (Map.Entry<String, String> f : files.entrySet()) {
                set.write(f.getKey(), w -> w.write(f.getValue()));
            }
            set.write(OutputSet.SUMMARY, w -> {
                w.write(summaryJson);
                w.newLine();
            });
            listed.add(OutputSet.SUMMARY);
            set.publish(listed);
        }
        return 0;
    }
}
