package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import qar.job.CampaignId;
import qar.job.FluctuationAnalysis;
import qar.job.SampleJob;
import qar.job.SamplePlan;
import qar.job.ShardIndex;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.Reservoir;
import qar.report.Json;
import qar.report.PlanReport;
import qar.report.SampleOutputs;
import qar.report.SampleReport;
import qar.sample.Campaign;
import qar.sample.EngineChoice;
import qar.sample.RunControl;
import qar.sample.Watch;

@Parameters(commandNames = "sample", commandDescription =
        "Gillespie sampling of independent stationary replicas, compared with the exact solver")
final class SampleCommand implements Command {
    /** Exit code of a run stopped by SIGINT or SIGTERM that wrote what finished. */
    static final int EXIT_INTERRUPTED = 130;

    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @ParametersDelegate
    CampaignOptions campaign = new CampaignOptions();

    @Parameter(names = "--out", description = "directory for summary.json and replicas.csv", order = 24)
    String out;

    @ParametersDelegate
    FiniteTimeOptions finite = new FiniteTimeOptions();

    @Parameter(names = "--ft", description = "fluctuation checks in every --window: detailed, integral and exchange"
            + " fluctuation theorems, TUR, COP and the efficiency distribution", order = 25)
    boolean ft;

    @Parameter(names = "--analysis", description = "an optional analysis by name (jumps: P(k, t), the jumps per"
            + " reservoir in every --window, sampled and exact); repeat for several", order = 26,
            splitter = FiniteTimeOptions.Unsplit.class)
    List<String> analyses = new ArrayList<>();

    @Parameter(names = "--shard", description = "run part i of n of the campaign (i/n, n at most the error groups);"
            + " needs --out; qar merge joins the parts", order = 27)
    String shard;

    @Parameter(names = "--engine", description = "direct (every jump), aggregated (fast flip pairs in one exact"
            + " macro-step per sojourn) or auto (aggregated where a fast pair exists and no --wtd watches its flips)",
            order = 28)
    String engine = "auto";

    @Parameter(names = "--checkpoint", description = "save the campaign's state to FILE every --checkpoint-every"
            + " seconds and when interrupted (atomically; with --out the finished rows go to FILE.rows);"
            + " removed when the run completes", order = 29)
    String checkpoint;

    @Parameter(names = "--checkpoint-every", description = "seconds between checkpoints", order = 30)
    DecimalArg checkpointEvery = DecimalArg.of(5);

    @Parameter(names = "--resume", description = "continue the campaign saved in FILE (its options are used;"
            + " options given must agree); keeps checkpointing into FILE unless --checkpoint names another",
            order = 31)
    String resume;

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    /** The options given on the command line, by their first names (Qar sets them). */
    java.util.Set<String> given = java.util.Set.of();

    /** The campaign this command runs when rebuilt from a shard or checkpoint file; null from the command line. */
    CampaignId fixed;

    /** The checkpoint this command continues, once read; null for a fresh run. */
    Checkpoint resumed;

    /** Shortest interval between checkpoints: a save costs a few milliseconds. */
    static final double MIN_CHECKPOINT_SECONDS = 0.1;

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        if (resume != null && resumed == null) {
            return Resumption.resume(this, stdout, err);
        }
        ModelSpec p = spec();
        if (p instanceof ModelParameters mp) {
            SizeCheck.sample(mp);
        }
        double time = campaign.time();
        long replicas = campaign.replicas();
        int threads = campaign.threads();
        engineChoice();
        if (shard != null && out == null) {
            throw new UsageException("--shard needs --out: the shard's tallies go to its output folder");
        }
        if (shard != null) {
            Shards.parse(shard);
        }
        double every = checkpointEvery.value();
        if (!(every >= MIN_CHECKPOINT_SECONDS) || Double.isInfinite(every)) {
            throw UsageException.of("--checkpoint-every", checkpointEvery, "must be a finite number of seconds >= "
                    + MIN_CHECKPOINT_SECONDS);
        }
        if (checkpoint != null) {
            Checkpoint.probe("--checkpoint", Path.of(checkpoint));
        }
        Path outDir = out == null ? null : Path.of(out);
        // a checkpoint other than the one resumed (which is held already) is taken before any work
        boolean other = checkpoint != null && (resume == null || !samePath(checkpoint, resume));
        // the output folder is prepared (and checked) before any work
        try (Checkpoint.Lock lock = other ? Checkpoint.lock("--checkpoint", Path.of(checkpoint)) : null;
                OutputSet set = openUnlessTaken(lock, outDir)) {
            return run(p, set, stdout, err, time, replicas, threads);
        }
    }

    /**
     * The output set, once a new --checkpoint FILE is known not to exist: writing over it would
     * lose an unfinished campaign's state and rows (or a file that is not qar's).
     */
    private OutputSet openUnlessTaken(Checkpoint.Lock lock, Path outDir) {
        if (lock != null && java.nio.file.Files.exists(Path.of(checkpoint))) {
            throw UsageException.of("--checkpoint", checkpoint, "exists" + (java.nio.file.Files.exists(
                    Checkpoint.rows(Path.of(checkpoint))) ? " with its rows" : "") + ": continue that campaign with"
                    + " --resume " + checkpoint + ", or remove it; a new checkpoint is not written over it");
        }
        return outDir == null ? null : OutputSet.open("--out", outDir);
    }

    /** The model: the command line's, or the one of the campaign rebuilt from a file. */
    private ModelSpec spec() {
        return fixed != null ? CampaignFile.spec(fixed) : model.spec();
    }

    /** The campaign these options run, as typed values (after they were checked). */
    private CampaignId identity(ModelSpec p, long masterSeed, int shards) {
        CampaignId.Model m;
        if (fixed != null) {
            m = fixed.model();
        } else if (p instanceof ModelParameters mp) {
            m = new CampaignId.Refrigerator(mp);
        } else {
            m = new CampaignId.ProcessFile(((qar.model.NamedProcess) p).source(), model.processContent());
        }
        return new CampaignId(m, masterSeed, shards, campaign.time.value(), campaign.replicas.value(), engine,
                finite.windows.stream().map(DecimalArg::value).toList(), finite.wtd, finite.wtdPoints(), ft, analyses);
    }

    private int run(ModelSpec p, OutputSet set, PrintStream stdout, PrintStream err, double time, long replicas,
            int threads) throws IOException, InterruptedException {
        long masterSeed = resumed != null ? resumed.identity().seed() : campaign.seedOrFresh();
        JumpProcess process = model.process(p);
        SampleJob job = job(p, process, set != null);
        ShardIndex in = shard == null ? ShardIndex.WHOLE : Shards.parse(shard);
        if (in.count() > job.groups()) {
            throw UsageException.of("--shard", shard, "n must be at most the campaign's " + job.groups()
                    + " error groups");
        }
        CampaignId identity = identity(p, masterSeed, in.count());
        if (resumed != null) {
            Resumption.check(resumed, resume, job, identity, in, set != null);
        }
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        AtomicLong done = new AtomicLong();
        Path ckFile = checkpoint != null ? Path.of(checkpoint) : resume != null ? Path.of(resume) : null;
        // rows go to the set's replicas.csv as the campaign makes them (none is kept in memory); with a
        // checkpoint, to FILE.rows first, which outlives an interruption
        ReplicaCsv kept = set == null || ckFile == null ? null : Resumption.keptRows(ckFile, names, resumed, resume);
        CheckpointSaver saver = ckFile == null ? null : new CheckpointSaver(ckFile, identity, in, err, kept);
        RunControl control = RunControl.of(resumed == null ? null : resumed.state(), checkpointEvery.value(), saver);
        Campaign.Result run;
        if (!campaign.quiet) {
            double doneFraction = resumed == null ? 0
                    : (double) resumed.state().replicas() / job.shardReplicas(in.index(), in.count());
            err.println(PlanReport.line(job.plan().left(doneFraction, in.count()), masterSeed, time, threads, in.index(), in.count(),
                    doneFraction));
        }
        try (ReplicaCsv rows = set == null ? null : ReplicaCsv.open(set, names);
                Interrupts signals = Interrupts.install(control::requestStop)) {
            try (kept; ProgressBar bar = ProgressBar.startIf(!output.json && !campaign.quiet && System.console() != null,
                    err, done, replicas / in.count())) {
                run = job.run(master, threads, kept != null ? kept : rows, done, in.index(), in.count(), control);
            }
            if (kept != null) {
                try {
                    kept.finish();
                    rows.copyRows(kept.file());
                } catch (IOException e) {
                    // reported once the results are on standard output, like a failed replicas.csv
                    rows.fail(e);
                }
            }
            if (saver != null) {
                saver.warnIfFailed();
            }
            if (run.partial()) {
                return interrupted(p, masterSeed, job, run, set, rows, stdout, err, signals.received(),
                        ckFile, in);
            }
            if (shard != null) {
                rows.finish();
                String file = Shards.write(identity, in.index(), job.firstReplica(job.shardGroups(in.index(), in.count()).first()), run,
                        rows.sum());
                set.write(OutputSet.SHARD, w -> w.write(file));
                set.publish(List.of(OutputSet.REPLICAS, OutputSet.SHARD));
                stdout.printf("qar sample: shard %d/%d: %d groups, %d jumps; join the shards with qar merge%n",
                        in.index(), in.count(), run.groups().size(), run.jumps());
            } else {
                report(p, masterSeed, job, job.result(run), set, rows, stdout);
            }
        }
        // the outputs are written: the checkpoint has served, and so has the one resumed, if another
        for (Path f : new Path[] {ckFile, resume == null ? null : Path.of(resume)}) {
            if (f != null) {
                java.nio.file.Files.deleteIfExists(f);
                java.nio.file.Files.deleteIfExists(Checkpoint.rows(f));
            }
        }
        return 0;
    }

    /** The same file named two ways (./run.ck and run.ck): one checkpoint, one lock. */
    static boolean samePath(String a, String b) {
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }

    /**
     * A run stopped by a signal: the summary of the error groups that finished, marked partial (none
     * for a shard, which qar merge needs whole), and exit 130.
     */
    private int interrupted(ModelSpec p, long masterSeed, SampleJob job, Campaign.Result run,
            OutputSet set, ReplicaCsv rows, PrintStream stdout, PrintStream err, String signal, Path ckFile, ShardIndex in)
            throws IOException {
        String resumeHint = ckFile == null ? "" : "; continue with --resume " + ckFile;
        String what = (signal == null ? "stopped" : signal) + ": " + run.replicas() + " of "
                + job.shardReplicas(in.index(), in.count())
                + (shard != null ? " replicas of the shard" : " replicas") + " in finished error groups";
        if (shard != null || run.groups().size() < 2) {
            err.println("qar sample: " + what + (shard != null ? "; a shard writes its output only when whole"
                    : "; too few for a summary (it needs 2 error groups)") + resumeHint);
            return EXIT_INTERRUPTED;
        }
        err.println("qar sample: " + what + "; the summary below covers them" + resumeHint);
        report(p, masterSeed, job, job.result(run), set, rows, stdout);
        return EXIT_INTERRUPTED;
    }

    /**
     * The one-process outputs from the shards' tallies, in group order, and their replicas.csv files
     * (with {@code set}); the options are those the shards recorded.
     */
    int merged(List<Shards.Shard> shards, OutputSet set, PrintStream stdout) throws IOException {
        ModelSpec p = spec();
        JumpProcess process = model.process(p);
        SampleJob job = job(p, process, true);
        // every shard was checked, its replicas.csv included (MergeCommand), before anything is written or printed
        Shards.verifyRanges(shards, job);
        SampleJob.Result result = job.result(Shards.combined(shards, job.groups()));
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        try (ReplicaCsv rows = set == null ? null : ReplicaCsv.open(set, names)) {
            if (rows != null) {
                for (Shards.Shard s : shards) {
                    rows.copyRows(s.dir().resolve(OutputSet.REPLICAS));
                }
            }
            return report(p, campaign.seed.value(), job, result, set, rows, stdout);
        }
    }

    /** The job of these options; {@code files}: with an output folder (the efficiency rate is computed). */
    private SampleJob job(ModelSpec p, JumpProcess process, boolean files) {
        double time = campaign.time.value();
        long replicas = campaign.replicas.value();
        // the exact side: finite-time cumulants at --time always, waiting times, rate functions of every reservoir
        SizeCheck.features(SizeCheck.shown(p, model), process.dimension(),
                finite.wtd.isEmpty() ? null : "--wtd", "qar sample", finite.windows.isEmpty() ? null : "qar sample", null);
        List<Watch> watches = finite.watches(p, process);
        double[] windows = finite.windows(campaign.time, process);
        if (ft && windows.length == 0) {
            throw new UsageException("--ft needs at least one --window t: the checks are made on windows");
        }
        for (qar.model.Reservoir r : process.reservoirs()) {
            if (ft && !r.thermal()) {
                throw new UsageException("--ft needs thermal reservoirs (the entropy production is -sum beta Q);"
                        + " reservoir " + r.name() + " has no temperature");
            }
        }
        for (String a : analyses) {
            if (!qar.job.Analyses.names().contains(a)) {
                throw UsageException.of("--analysis", UsageException.shown(a), "must be one of "
                        + String.join(", ", qar.job.Analyses.names()));
            }
            if (analyses.indexOf(a) != analyses.lastIndexOf(a)) {
                throw UsageException.of("--analysis", UsageException.shown(a), "is given twice");
            }
            if (windows.length == 0) {
                throw new UsageException("--analysis " + a + " needs at least one --window t");
            }
        }
        FluctuationAnalysis.Mode mode = !ft ? FluctuationAnalysis.Mode.OFF
                : !files ? FluctuationAnalysis.Mode.CHECKS : FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE;
        SampleJob job;
        try {
            job = SampleJob.of(process, time, replicas, watches, finite.wtdPoints(), windows, mode, engineChoice(),
                    analyses);
        } catch (EngineChoice.FlipsWatched e) {
            throw UsageException.of("--engine", engine, "--wtd " + e.watch().label() + " watches the fast flips,"
                    + " which the aggregated engine does not time one by one: use --engine direct or auto");
        }
        SamplePlan plan = job.plan();
        if (plan.tooLarge()) {
            throw new UsageException("--replicas " + replicas + " with --time " + campaign.time.text() + ": "
                    + PlanReport.tooLarge(plan) + "; lower --replicas or --time");
        }
        return job;
    }

    /** Why --engine auto chose as it did, where it did not aggregate; null otherwise. */
    private static String engineNote(EngineChoice.Reason reason) {
        return switch (reason) {
            case NO_FAST_PAIR -> "auto: no fast flip pair in this process";
            case FLIPS_WATCHED -> "auto: a --wtd set watches the fast flips, which the aggregated engine does not"
                    + " time one by one";
            case ASKED, FAST_PAIR -> null;
        };
    }

    private EngineChoice engineChoice() {
        for (EngineChoice c : EngineChoice.values()) {
            if (c.label().equals(engine)) {
                return c;
            }
        }
        throw UsageException.of("--engine", UsageException.shown(engine), "must be direct, aggregated or auto");
    }

    private int report(ModelSpec p, long masterSeed, SampleJob job, SampleJob.Result result, OutputSet set,
            ReplicaCsv rows, PrintStream stdout) throws IOException {
        SampleReport.Summary summary = SampleOutputs.summary(p, masterSeed, job, result,
                (int) campaign.threads.value(), campaign.replicas.value(), engineNote(job.chosen().reason()));
        SampleOutputs out = SampleOutputs.of(summary, job, result, set != null);
        List<String> listed = new ArrayList<>(List.of(OutputSet.REPLICAS));
        listed.addAll(out.files().keySet());
        if (set != null) {
            out.json().set("files", Json.MAPPER.valueToTree(listed));
            out.json().put("outputSet", set.id());
        }
        String summaryJson = Json.write(out.json());
        // the results reach stdout first, so a failed write below loses nothing
        stdout.print(output.json ? summaryJson + System.lineSeparator() : out.table());
        stdout.flush();
        if (set != null) {
            rows.finish();
            for (Map.Entry<String, String> f : out.files().entrySet()) {
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
