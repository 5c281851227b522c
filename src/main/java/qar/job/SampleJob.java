package qar.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.estimate.ExactComparison;
import qar.estimate.WaitingTimeEstimate;
import qar.estimate.WaitingTimeTally;
import qar.estimate.WindowEstimate;
import qar.estimate.WindowTally;
import qar.exact.CountingDistribution;
import qar.exact.FiniteTimeCumulants;
import qar.exact.RateFunction;
import qar.model.JumpProcess;
import qar.sample.Campaign;
import qar.sample.Engine;
import qar.sample.EngineChoice;
import qar.sample.GroupRange;
import qar.sample.GroupPart;
import qar.sample.Recording;
import qar.sample.WaitingTimeProbe;
import qar.sample.WindowProbe;
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
    /** The analyses, in the order their results print: the fluctuation checks (--ft) first, then those asked for by name ({@link Analyses}). */
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
        List<Analysis> all = new ArrayList<>();
        // the fluctuation checks' probe first (its part is built in: GroupTally reads it back alone)
        if (fluctuations != FluctuationAnalysis.Mode.OFF) {
            all.add(FluctuationAnalysis.of(process, exact, windows, time, replicas,
                    fluctuations == FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE));
        }
        analyses.forEach(n -> all.add(Analyses.named(n).create().apply(setup)));
        this.analyses = List.copyOf(all);
        List<qar.sample.Probe> probes = new ArrayList<>();
        this.analyses.forEach(a -> probes.add(a.probe()));
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

    /** The analyses, in the order their results print. */
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
     * @param waitingTimes per watched set
     * @param windows      per window length, per reservoir
     * @param analyses     the analyses' results, in the order they print
     */
    public record Result(Campaign.Result campaign, ExactComparison comparison, List<WaitingTimeEstimate> waitingTimes,
                         List<List<WindowEstimate>> windows, List<Analysis.Result> analyses) {
        /** The first analysis result of type {@code type}, or null where no analysis gave one. */
        public <T extends Analysis.Result> T analysis(Class<T> type) {
            return analyses.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
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
        List<WaitingTimeEstimate> waits = new ArrayList<>();
        for (int w = 0; w < exact.waitingTimes().size(); w++) {
            final int index = w;
            ExactJob.WaitingTime wt = exact.waitingTimes().get(w);
            List<WaitingTimeTally> tallies = parts(r, recording.waitsPart(), WaitingTimeProbe.Tally.class).stream()
                    .map(t -> t.watch(index)).toList();
            waits.add(WaitingTimeEstimate.of(tallies, wt.grid().tau(), wt.distribution()::cdf,
                    wt.distribution()::survival, time));
        }
        List<List<WindowEstimate>> windows = new ArrayList<>();
        for (int w = 0; w < exact.windows().size(); w++) {
            final int index = w;
            List<WindowTally> tallies = parts(r, recording.windowsPart(), WindowProbe.Tally.class).stream()
                    .map(t -> t.window(index)).toList();
            List<WindowEstimate> perReservoir = new ArrayList<>();
            for (int res = 0; res < process.reservoirs().size(); res++) {
                CountingDistribution.Result p = exact.windows().get(w).distributions().get(res);
                double unit = process.energyUnit();
                long windowCount = tallies.stream().mapToLong(WindowTally::windows).sum();
                double nEff = BatchCumulants.effectiveExchanges(windowCount,
                        exact.windows().get(w).cumulants().get(res)[1] / (unit * unit), process.largestQuanta()[res]);
                double nEvents = BatchCumulants.effectiveEvents(windowCount, exact.windows().get(w).cumulants().get(res));
                perReservoir.add(WindowEstimate.of(tallies, res, nEff, nEvents, n -> {
                    double v = p.at(n);
                    return Double.isNaN(v) ? 0 : v;
                }));
            }
            windows.add(List.copyOf(perReservoir));
        }
        List<Analysis.Result> results = new ArrayList<>();
        for (int k = 0; k < analyses.size(); k++) {
            results.add(analyses.get(k).result(parts(r, recording.probePart(k), GroupPart.class)));
        }
        return new Result(r, cmp, List.copyOf(waits), List.copyOf(windows), List.copyOf(results));
    }

    /** Part {@code index} of every group, in group order. */
    private static <T extends GroupPart> List<T> parts(Campaign.Result r, int index, Class<T> type) {
        return r.groups().stream().map(g -> type.cast(g.part(index))).toList();
    }
}
