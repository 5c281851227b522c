package qar.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.estimate.ExactComparison;
import qar.estimate.WaitingTimeTally;
import qar.exact.FiniteTimeCumulants;
import qar.exact.RateFunction;
import qar.model.JumpProcess;
import qar.sample.Campaign;
import qar.sample.Engine;
import qar.sample.EngineChoice;
import qar.sample.GroupRange;
import qar.sample.GroupPart;
import qar.sample.Recording;
import qar.sample.ReplicaSink;
import qar.sample.Watch;

/**
 * One sampling campaign from validated settings to result records: the exact side (long-time and
 * finite-time cumulants at the run's T, waiting times, window distributions), the campaign, the
 * estimates and their comparison with the exact values. Reads no options and touches no files,
 * so sweeps and shards can reuse it.
 */
public final class SampleJob {
    private final JumpProcess process;
    private final ExactJob.Result exact;
    private final double[][] finiteTime;
    private final Campaign campaign;
    private final double time;
    private final long replicas;
    private final EngineChoice.Chosen chosen;
    /** The built-in analyses this campaign's settings ask for: waiting times, windows, the --ft checks. */
    private final List<Analysis> builtIn;
    /** The optional analyses ({@link Analyses}), in the order asked for. */
    private final List<Analysis> analyses;
    /** What the trajectories record; it places every probe's part of a group. */
    private final Recording recording;

    private SampleJob(JumpProcess process, double time, long replicas, ExactJob.Result exact,
            FluctuationAnalysis.Mode fluctuations, EngineChoice.Chosen chosen, List<String> analyses) {
        this.process = process;
        this.replicas = replicas;
        this.exact = exact;
        this.time = time;
        this.chosen = chosen;
        int k = process.reservoirs().size();
        finiteTime = new double[k][];
        for (int r = 0; r < k; r++) {
            double[] c = FiniteTimeCumulants.resolved(FiniteTimeCumulants.of(process, process.energyWeights(r),
                    exact.solution().populations(), BatchCumulants.ORDER).at(time),
                    exact.solution().reservoirs().get(r), time);
            for (int n = 0; n < c.length; n++) {
                c[n] /= time;
            }
            finiteTime[r] = c;
        }
        List<Recording.WatchRange> ranges = new ArrayList<>();
        for (ExactJob.WaitingTime w : exact.waitingTimes()) {
            double[] tau = w.grid().tau();
            ranges.add(new Recording.WatchRange(w.watch(), WaitingTimeTally.bucketEdge(firstPositive(tau)),
                    tau[tau.length - 1]));
        }
        double[] windows = new double[exact.windows().size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = exact.windows().get(i).length();
        }
        Analysis.Setup setup = new Analysis.Setup(process, exact, time, replicas, windows);
        // the recording's built-in parts first, in its order (waiting times, windows), then the probes'
        // parts: the fluctuation checks' first (its part is built in: GroupTally reads it back alone)
        List<Analysis> fixed = new ArrayList<>();
        for (Analysis a : new Analysis[] {WaitingTimeAnalysis.of(setup), WindowAnalysis.of(setup)}) {
            if (a != null) {
                fixed.add(a);
            }
        }
        if (fluctuations != FluctuationAnalysis.Mode.OFF) {
            fixed.add(FluctuationAnalysis.of(process, exact, windows, time, replicas,
                    fluctuations == FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE));
        }
        this.builtIn = List.copyOf(fixed);
        this.analyses = analyses.stream().map(n -> Analyses.named(n).create().apply(setup)).toList();
        List<qar.sample.Probe> probes = new ArrayList<>();
        java.util.stream.Stream.concat(builtIn.stream(), this.analyses.stream()).map(Analysis::probe)
                .filter(java.util.Objects::nonNull).forEach(probes::add);
        this.recording = new Recording(ranges, windows, probes);
        this.campaign = Campaign.of(process, exact.solution().populations(), time, replicas, recording,
                chosen.engine());
    }

    private static double firstPositive(double[] tau) {
        for (double x : tau) {
            if (x > 0) {
                return x;
            }
        }
        throw new IllegalArgumentException("waiting-time grid has no positive point");
    }

    /**
     * Solves the process exactly and prepares the campaign; nothing is sampled yet.
     *
     * @param watches   watched sets for waiting times
     * @param wtdPoints grid points of each waiting-time distribution (also the sampled bins)
     * @param windows   window lengths, each at most {@code time}
     */
    public static SampleJob of(JumpProcess process, double time, long replicas, List<Watch> watches, int wtdPoints,
            double[] windows) {
        return of(process, time, replicas, watches, wtdPoints, windows, FluctuationAnalysis.Mode.OFF);
    }

    /**
     * As {@link #of(JumpProcess, double, long, List, int, double[])}, with the fluctuation checks of
     * every window length unless {@code fluctuations} is OFF ({@link FluctuationAnalysis}).
     *
     * @throws IllegalArgumentException with fluctuations but no window, or a reservoir that is not thermal
     */
    public static SampleJob of(JumpProcess process, double time, long replicas, List<Watch> watches, int wtdPoints,
            double[] windows, FluctuationAnalysis.Mode fluctuations) {
        return of(process, time, replicas, watches, wtdPoints, windows, fluctuations, EngineChoice.AUTO);
    }

    /**
     * As {@link #of(JumpProcess, double, long, List, int, double[], FluctuationAnalysis.Mode)} on the
     * engine {@code engine} resolves to ({@link EngineChoice#choose}), chosen before the exact solve.
     *
     * @throws EngineChoice.FlipsWatched for the aggregated engine with a waiting time of a flip channel
     */
    public static SampleJob of(JumpProcess process, double time, long replicas, List<Watch> watches, int wtdPoints,
            double[] windows, FluctuationAnalysis.Mode fluctuations, EngineChoice engine) {
        return of(process, time, replicas, watches, wtdPoints, windows, fluctuations, engine, List.of());
    }

    /**
     * As {@link #of(JumpProcess, double, long, List, int, double[], FluctuationAnalysis.Mode, EngineChoice)}
     * with the optional analyses {@code analyses} ({@link Analyses} names, in the order their results print).
     *
     * @throws IllegalArgumentException for an unknown analysis or one its settings do not allow
     */
    public static SampleJob of(JumpProcess process, double time, long replicas, List<Watch> watches, int wtdPoints,
            double[] windows, FluctuationAnalysis.Mode fluctuations, EngineChoice engine, List<String> analyses) {
        analyses.forEach(Analyses::named);
        if (fluctuations != FluctuationAnalysis.Mode.OFF && windows.length == 0) {
            throw new IllegalArgumentException("the fluctuation checks need at least one window length");
        }
        EngineChoice.Chosen chosen = engine.choose(process, watches);
        // with windows, the rate functions of every reservoir whose energy fluctuates at long times
        int[] all = java.util.stream.IntStream.range(0, windows.length == 0 ? 0 : process.reservoirs().size())
                .filter(r -> fluctuates(process, r)).toArray();
        ExactJob.Result exact = ExactJob.run(process,
                new ExactJob.Request(BatchCumulants.ORDER, watches, wtdPoints, windows, -1, all));
        return new SampleJob(process, time, replicas, exact, fluctuations, chosen, List.copyOf(analyses));
    }

    private static boolean fluctuates(JumpProcess process, int reservoir) {
        if (process.largestQuanta()[reservoir] == 0) {
            return false;
        }
        try {
            RateFunction.of(process, reservoir);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Per reservoir, the effective exchanges of the campaign, from the exact finite-time variance. */
    private double[] exchanges(long replicas) {
        long[] q = process.largestQuanta();
        double unit = process.energyUnit();
        double[] out = new double[q.length];
        for (int r = 0; r < q.length; r++) {
            out[r] = BatchCumulants.effectiveExchanges(replicas, finiteTime[r][1] * time / (unit * unit), q[r]);
        }
        return out;
    }

    /** Per reservoir, the effective independent events of the campaign, from the exact finite-time cumulants. */
    private double[] events(long replicas) {
        double[] out = new double[finiteTime.length];
        for (int r = 0; r < out.length; r++) {
            double[] c = new double[finiteTime[r].length];
            for (int n = 0; n < c.length; n++) {
                c[n] = finiteTime[r][n] * time;
            }
            out[r] = BatchCumulants.effectiveEvents(replicas, c);
        }
        return out;
    }

    /** The optional analyses, in the order asked for. */
    public List<Analysis> analyses() {
        return analyses;
    }

    public ExactJob.Result exact() {
        return exact;
    }

    /** The process sampled. */
    public JumpProcess process() {
        return process;
    }

    /** The trajectory length of each replica. */
    public double time() {
        return time;
    }

    /** The mean number of jumps the campaign will simulate: R T sum_a pi_a escape_a. */
    public double expectedJumps() {
        return replicas * time * process.jumpRate(exact.solution().populations());
    }

    public int groups() {
        return campaign.groups();
    }

    /** The mean number of engine steps the campaign will take ({@link Engine#stepRate}). */
    public double expectedSteps() {
        return replicas * time * campaign.engine().stepRate(exact.solution().populations());
    }

    /** What the whole campaign will take. */
    public SamplePlan plan() {
        return SamplePlan.of(this, replicas);
    }

    /** The engine the campaign runs. */
    public Engine engine() {
        return campaign.engine();
    }

    /** The engine the campaign runs, with why its choice resolved to it. */
    public EngineChoice.Chosen chosen() {
        return chosen;
    }

    /**
     * The sampled result with its exact comparison.
     *
     * @param builtIn  the built-in analyses' results (waiting times, windows, --ft), those the settings ask for
     * @param analyses the optional analyses' results, in the order asked for
     */
    public record Result(Campaign.Result campaign, ExactComparison comparison, List<Analysis.Result> builtIn,
                         List<Analysis.Result> analyses) {
        /** Every analysis result, in the order they print: the built-in ones, then the optional ones. */
        public List<Analysis.Result> all() {
            List<Analysis.Result> out = new ArrayList<>(builtIn);
            out.addAll(analyses);
            return List.copyOf(out);
        }

        /** The first analysis result of type {@code type}, or null where no analysis gave one. */
        public <T extends Analysis.Result> T analysis(Class<T> type) {
            return all().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
        }
    }

    /**
     * @param master   the master generator (the CLI creates it from the seed)
     * @param threads  worker threads
     * @param rows     receives every replica's row in replica order while the campaign runs; may be null
     * @param done     finished replicas, for progress; may be null
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, ReplicaSink rows, AtomicLong done)
            throws InterruptedException {
        return result(campaign.run(master, threads, rows, done));
    }

    /**
     * The campaign's groups of shard {@code shard} of {@code shards} ({@link Campaign#shardGroups});
     * the whole campaign for 1 of 1.
     */
    public GroupRange shardGroups(int shard, int shards) {
        return Campaign.shardGroups(campaign.groups(), shard, shards);
    }

    /** The index of group g's first replica. */
    public long firstReplica(int g) {
        return campaign.firstReplica(g);
    }

    /** Null if {@code s} can be the saved state of shard {@code shard} of {@code shards}, or why not. */
    public String stateProblem(qar.sample.CampaignState s, int shard, int shards) {
        return campaign.stateProblem(s, shardGroups(shard, shards));
    }

    /** The replicas of shard {@code shard} of {@code shards}: all of them for 1 of 1. */
    public long shardReplicas(int shard, int shards) {
        return campaign.replicas(shardGroups(shard, shards));
    }

    /**
     * Runs shard {@code shard} of {@code shards} (1 of 1: the whole campaign) under {@code control}
     * (resume, checkpoints, stop); a stopped run returns the groups that finished, marked partial.
     */
    public Campaign.Result run(LongJumpableUniformRandomProvider master, int threads, ReplicaSink rows,
            AtomicLong done, int shard, int shards, qar.sample.RunControl control) throws InterruptedException {
        return campaign.run(master, threads, rows, done, shardGroups(shard, shards), control);
    }

    /**
     * The estimates and their comparison with the exact values from the tallies of every group, in
     * group order: of one run, or of shards combined.
     */
    public Result result(Campaign.Result r) {
        if (r.partial() ? r.groups().size() < 2 || r.groups().size() > campaign.groups()
                : r.groups().size() != campaign.groups()) {
            throw new IllegalArgumentException("expected the tallies of " + campaign.groups() + " groups"
                    + (r.partial() ? " (at least 2 when partial)" : "") + ", got " + r.groups().size());
        }
        Estimate[][] est = BatchCumulants.estimate(r.moments(), time, process.energyUnit(), exchanges(r.replicas()),
                events(r.replicas()));
        ExactComparison cmp = ExactComparison.of(est, exact.solution().reservoirs(), finiteTime);
        // analysis k reads part k: the built-in ones first, in the recording's order (waits, windows, --ft)
        List<Analysis.Result> fixed = new ArrayList<>();
        for (int k = 0; k < builtIn.size(); k++) {
            fixed.add(builtIn.get(k).result(parts(r, k, GroupPart.class)));
        }
        List<Analysis.Result> more = new ArrayList<>();
        for (int k = 0; k < analyses.size(); k++) {
            more.add(analyses.get(k).result(parts(r, builtIn.size() + k, GroupPart.class)));
        }
        return new Result(r, cmp, List.copyOf(fixed), List.copyOf(more));
    }

    /** Part {@code index} of every group, in group order. */
    private static <T extends GroupPart> List<T> parts(Campaign.Result r, int index, Class<T> type) {
        return r.groups().stream().map(g -> type.cast(g.part(index))).toList();
    }
}
