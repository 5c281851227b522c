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
import qar.sample.RunControl;
import qar.job.CampaignId;

@Parameters(commandNames = "sample", commandDescription =
        "Gillespie sampling of independent stationary replicas, compared with the exact solver")
final class SampleCommand implements Command {
    /** Shortest replica: rates are quanta / T, so 1 / T must be a finite double. */
    static final double MIN_TIME = 1e-300;
    /** The largest campaign: the time of this many direct jumps (about 22 thread-hours, 1.4 h on 16 cores). */
    static final double MAX_JUMPS = 1e13;
    /** Exit code of a run stopped by SIGINT or SIGTERM that wrote what finished. */
    static final int EXIT_INTERRUPTED = 130;

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
    /** Measured cost of one direct jump on one thread: 6.0 ... 8.3 ns (README, performance). */
    static final double NS_PER_JUMP = 8;
    /**
     * Measured cost of one replica besides its steps, on one thread: 0.9 ... 1.8 us (4e6 and 1e6
     * replicas of time 1e-3), 2.1 us with the rows of --out; the larger one, as a bound.
     */
    static final double NS_PER_REPLICA = 2000;
    /** Measured cost of one macro-step of the aggregated engine on one thread: 42 ... 57 ns. */
    static final double NS_PER_MACRO_STEP = 50;

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        if (resume != null && resumed == null) {
            return resumeCampaign(stdout, err);
        }
        ModelSpec p = spec();
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
        return new CampaignId(m, masterSeed, shards, time.value(), replicas.value(), engine,
                finite.windows.stream().map(DecimalArg::value).toList(), finite.wtd, finite.wtdPoints(), ft);
    }

    private int run(ModelSpec p, OutputSet set, PrintStream stdout, PrintStream err, double time, long replicas,
            int threads) throws IOException, InterruptedException {
        long masterSeed = resumed != null ? resumed.identity().seed()
                : seed != null ? seed.value() : RandomSource.createLong();
        JumpProcess process = model.process(p);
        SampleJob job = job(p, process, set != null);
        int[] in = shard == null ? new int[] {1, 1} : Shards.parse(shard);
        if (in[1] > job.groups()) {
            throw UsageException.of("--shard", shard, "n must be at most the campaign's " + job.groups()
                    + " error groups");
        }
        CampaignId identity = identity(p, masterSeed, in[1]);
        if (resumed != null) {
            String problem = job.stateProblem(resumed.state(), in[0], in[1]);
            if (problem != null || !identity.equals(resumed.identity())) {
                throw UsageException.of("--resume", resume, "holds a state that is not one of its campaign's ("
                        + (problem != null ? problem : "another campaign") + ")");
            }
            if (set != null && resumed.state().rowsPosition() < 0) {
                throw UsageException.of("--resume", resume, "was saved without --out, so the finished replicas'"
                        + " rows are not kept: resume without --out");
            }
            if (set == null && resumed.state().rowsPosition() >= 0) {
                // without --out the run would end with the rows nowhere, and remove them with the checkpoint
                throw UsageException.of("--resume", resume, "was saved with --out: its finished replicas' rows are"
                        + " in " + Checkpoint.rows(Path.of(resume)) + "; resume with --out DIR to make replicas.csv");
            }
        }
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        AtomicLong done = new AtomicLong();
        Path ckFile = checkpoint != null ? Path.of(checkpoint) : resume != null ? Path.of(resume) : null;
        // rows go to the set's replicas.csv as the campaign makes them (none is kept in memory); with a
        // checkpoint, to FILE.rows first, which outlives an interruption
        ReplicaCsv kept = set == null || ckFile == null ? null : keptRows(ckFile, names);
        Saver saver = ckFile == null ? null : new Saver(ckFile, identity, in, err, kept);
        RunControl control = RunControl.of(resumed == null ? null : resumed.state(), checkpointEvery.value(), saver);
        Campaign.Result run;
        if (!quiet) {
            err.println(plan(job, masterSeed, replicas, time, threads, in, resumed == null ? 0
                    : (double) resumed.state().replicas() / job.shardReplicas(in[0], in[1])));
        }
        try (ReplicaCsv rows = set == null ? null : ReplicaCsv.open(set, names);
                Interrupts signals = Interrupts.install(control::requestStop)) {
            try (kept; ProgressBar bar = ProgressBar.startIf(!output.json && !quiet && System.console() != null,
                    err, done, replicas / in[1])) {
                run = job.run(master, threads, kept != null ? kept : rows, done, in[0], in[1], control);
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
                return interrupted(p, masterSeed, process, job, run, set, rows, stdout, err, signals.received(),
                        ckFile, in);
            }
            if (shard != null) {
                rows.finish();
                String file = Shards.write(identity, in[0], job.firstReplica(job.shardGroups(in[0], in[1])[0]), run,
                        rows.sum());
                set.write(OutputSet.SHARD, w -> w.write(file));
                set.publish(List.of(OutputSet.REPLICAS, OutputSet.SHARD));
                stdout.printf("qar sample: shard %d/%d: %d groups, %d jumps; join the shards with qar merge%n",
                        in[0], in[1], run.groups().size(), run.jumps());
            } else {
                report(p, masterSeed, process, job, job.result(run), set, rows, stdout);
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
     * FILE.rows of a checkpointed run with --out: fresh, or cut back to what the resumed checkpoint
     * counted; resumed from A into --checkpoint B, A's rows are copied to B's (A stays whole until
     * the run completes).
     */
    private ReplicaCsv keptRows(Path ckFile, List<String> names) throws IOException {
        try {
            if (resumed != null && !samePath(ckFile.toString(), resume)) {
                Path from = Checkpoint.rows(Path.of(resume));
                if (!java.nio.file.Files.isRegularFile(from)) {
                    throw new IOException(from + " is missing");
                }
                java.nio.file.Files.copy(from, Checkpoint.rows(ckFile), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ReplicaCsv.durable(Checkpoint.rows(ckFile), names, resumed != null ? resumed.state().rowsPosition()
                    : -1, resumed != null ? resumed.rows() : null);
        } catch (IOException e) {
            if (resumed == null) {
                throw e;
            }
            throw UsageException.of("--resume", resume, "cannot be continued with --out: " + e.getMessage());
        }
    }

    /** The line said before the work: the campaign and what it will take, from the exact jump rate. */
    private static String plan(SampleJob job, long seed, long replicas, double time, int threads, int[] shard,
            double doneFraction) {
        double left = (1 - Math.min(1, doneFraction)) / shard[1];
        double jumps = job.expectedJumps() * left;
        double seconds = cost(job, replicas) * left / threads;
        return String.format(java.util.Locale.ROOT, "qar sample: seed %d, %d replicas x time %s%s on %d threads;"
                + "%s expected %.3g jumps, about %s", seed, replicas, time,
                shard[1] > 1 ? " (shard " + shard[0] + "/" + shard[1] + ")" : "", threads,
                doneFraction > 0 ? String.format(java.util.Locale.ROOT, " resuming with %.0f %% done;",
                        100 * doneFraction) : "", jumps, duration(seconds));
    }

    /** Thread-seconds a campaign takes at the measured per-step and per-replica costs of its engine. */
    static double cost(SampleJob job, double replicas) {
        double perStep = job.engine() instanceof qar.sample.AggregatedEngine ? NS_PER_MACRO_STEP : NS_PER_JUMP;
        return (job.expectedSteps() * perStep + replicas * NS_PER_REPLICA) * 1e-9;
    }

    static String duration(double seconds) {
        if (seconds < 1) {
            return "under a second";
        }
        if (seconds < 120) {
            return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(java.util.Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 48 * 3600) {
            return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(java.util.Locale.ROOT, "%.2g days", seconds / 86400);
    }

    /**
     * A run stopped by a signal: the summary of the error groups that finished, marked partial (none
     * for a shard, which qar merge needs whole), and exit 130.
     */
    private int interrupted(ModelSpec p, long masterSeed, JumpProcess process, SampleJob job, Campaign.Result run,
            OutputSet set, ReplicaCsv rows, PrintStream stdout, PrintStream err, String signal, Path ckFile, int[] in)
            throws IOException {
        String resumeHint = ckFile == null ? "" : "; continue with --resume " + ckFile;
        String what = (signal == null ? "stopped" : signal) + ": " + run.replicas() + " of "
                + job.shardReplicas(in[0], in[1])
                + (shard != null ? " replicas of the shard" : " replicas") + " in finished error groups";
        if (shard != null || run.groups().size() < 2) {
            err.println("qar sample: " + what + (shard != null ? "; a shard writes its output only when whole"
                    : "; too few for a summary (it needs 2 error groups)") + resumeHint);
            return EXIT_INTERRUPTED;
        }
        err.println("qar sample: " + what + "; the summary below covers them" + resumeHint);
        report(p, masterSeed, process, job, job.result(run), set, rows, stdout);
        return EXIT_INTERRUPTED;
    }

    /** Writes checkpoints; a failed write is said once on stderr and does not stop the campaign. */
    private static final class Saver implements RunControl.Saver {
        private final Path file;
        private final CampaignId identity;
        private final int[] shard;
        private final PrintStream err;
        private final ReplicaCsv rows;
        private IOException failure;
        private boolean warned;

        Saver(Path file, CampaignId identity, int[] shard, PrintStream err, ReplicaCsv rows) {
            this.file = file;
            this.identity = identity;
            this.shard = shard;
            this.err = err;
            this.rows = rows;
        }

        @Override
        public void save(qar.sample.CampaignState state) {
            try {
                ReplicaCsv.Sum sum = null;
                if (state.rowsPosition() >= 0) {
                    sum = rows == null ? null : rows.flushedSum(state.rowsPosition());
                    if (sum == null) {
                        throw new IOException("the sum of the rows at byte " + state.rowsPosition() + " is not known");
                    }
                }
                new Checkpoint(file, identity, shard[0], state, sum).write();
                failure = null;
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                if (!warned) {
                    warned = true;
                    err.println("qar sample: warning: checkpoint " + file + " could not be written ("
                            + e.getMessage() + "); the campaign goes on");
                }
            }
        }

        void warnIfFailed() {
            if (failure != null) {
                err.println("qar sample: warning: the last checkpoint write failed (" + failure.getMessage() + ")");
            }
        }
    }

    /**
     * --resume FILE: the campaign saved in FILE, continued with this invocation's run options.
     * Campaign options given here must agree with the saved ones by value, each naming itself if
     * not. FILE is locked first, so that one process at a time continues it.
     */
    private int resumeCampaign(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        Checkpoint.requireFile("--resume", Path.of(resume));
        try (Checkpoint.Lock lock = Checkpoint.lock("--resume", Path.of(resume))) {
            Checkpoint ck = Checkpoint.read("--resume", Path.of(resume));
            String differs = Resumption.disagreement(this, ck.identity());
            if (differs != null) {
                throw UsageException.of("--resume", resume, "is a checkpoint of another campaign: " + differs);
            }
            String savedShard = ck.shards() > 1 ? ck.shard() + "/" + ck.shards() : null;
            if (shard != null && !shard.equals(savedShard) && !(savedShard == null && shard.equals("1/1"))) {
                throw UsageException.of("--resume", resume, "is a checkpoint of " + (savedShard == null
                        ? "a whole campaign" : "shard " + savedShard) + ", not of --shard " + shard);
            }
            SampleCommand continued = Resumption.rebuild(ck.identity());
            continued.shard = savedShard;
            continued.threads = threads;
            continued.checkpointEvery = checkpointEvery;
            continued.resume = resume;
            continued.out = out;
            continued.checkpoint = checkpoint;
            continued.quiet = quiet;
            continued.output.json = output.json;
            continued.resumed = ck;
            return continued.run(stdout, err);
        }
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
        List<qar.sample.GroupTally> groups = new ArrayList<>();
        List<Path> rowFiles = new ArrayList<>();
        long jumps = 0;
        long steps = 0;
        double threadSeconds = 0;
        for (Shards.Shard s : shards) {
            groups.addAll(s.groups());
            rowFiles.add(s.dir().resolve(OutputSet.REPLICAS));
            jumps += s.jumps();
            // a shard whose engine steps are unknown leaves them unknown
            steps = steps < 0 || s.steps() < 0 ? -1 : steps + s.steps();
            threadSeconds += s.threadSeconds();
        }
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
        // the exact side: finite-time cumulants at --time always, waiting times, rate functions of every reservoir
        SizeCheck.features(SizeCheck.shown(p, model), process.dimension(),
                finite.wtd.isEmpty() ? null : "--wtd", "qar sample", finite.windows.isEmpty() ? null : "qar sample", null);
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
        // a run of years is a typo or a rate scale beyond sampling, not a campaign; the bound also keeps
        // every count (replicas times groups, jumps) far from overflowing a long
        double work = cost(job, replicas) / (NS_PER_JUMP * 1e-9);
        if (!(work <= MAX_JUMPS) || !(job.expectedJumps() < 0x1p62)) {
            String size = String.format(java.util.Locale.ROOT, "the campaign would take about %s of one thread"
                    + " (%.2g jumps in %.2g engine steps and %d replicas); at most the time of %.0e direct jumps"
                    + " (%s)", duration(cost(job, replicas)), job.expectedJumps(), job.expectedSteps(), replicas,
                    MAX_JUMPS, duration(MAX_JUMPS * NS_PER_JUMP * 1e-9));
            throw new UsageException("--replicas " + replicas + " with --time " + this.time.text() + ": " + size
                    + "; lower --replicas or --time");
        }
        return job;
    }

    /** Why --engine auto chose as it did, where it did not aggregate; null otherwise. */
    private String engineNote(JumpProcess process, SampleJob job) {
        if (engineChoice() != EngineChoice.AUTO || job.engine() instanceof qar.sample.AggregatedEngine) {
            return null;
        }
        if (FlipPairs.of(process).isEmpty()) {
            return "auto: no fast flip pair in this process";
        }
        return "auto: a --wtd set watches the fast flips, which the aggregated engine does not time one by one";
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
        SampleReport.Summary summary = new SampleReport.Summary(p, masterSeed, time.value(), run.replicas(),
                run.groups().size(), (int) threads.value(), names, result.comparison().comparisons(), all.jumps(),
                run.jumps(), run.wallSeconds(), job.engine().name(), run.steps(), run.partial(), replicas.value(),
                engineNote(process, job));

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
