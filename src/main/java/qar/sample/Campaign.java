package qar.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import qar.estimate.BatchCumulants;
import qar.estimate.ReplicaMoments;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Independent stationary replicas of one process.
 *
 * <p>Randomness depends on the master seed and the replica index alone: replicas come in blocks
 * of {@link #BLOCK}; block b draws from the master generator long-jumped b times (streams 2^192
 * apart) and its replicas from successive jumps of that (2^128 apart). So a campaign of 2R
 * replicas repeats the R replicas of a smaller one exactly, and any range of blocks can run
 * anywhere. Blocks are the work units, taken by the threads as they come free.
 *
 * <p>Statistics: replicas form G = min(64, R/8) groups of contiguous indices for the error
 * estimates. A block's replicas feed one partial tally per group they belong to, and partials
 * are combined in block order, so every result is bit-identical for any number of threads. A
 * shard runs a contiguous range of whole groups ({@link #shardGroups}); its group tallies are
 * those of the whole run, bit for bit, and travel losslessly ({@link GroupTally#write}).
 * Each replica starts from a level drawn from the exact stationary state: no burn-in.
 */
public final class Campaign {
    /** Groups (batches) for the error estimates: enough for a stable error, few enough to be cheap. */
    public static final int MAX_GROUPS = 64;
    /** Fewest replicas: two groups of the estimator's smallest size. */
    public static final int MIN_REPLICAS = 2 * BatchCumulants.MIN_GROUP_SIZE;
    /** Replicas per random-stream block, the unit of work. */
    public static final int BLOCK = 64;
    /** Blocks per thread that may run ahead of the oldest unfinished block (the reorder buffer). */
    public static final int AHEAD_PER_THREAD = 4;

    private final Engine engine;
    private final double[] stationary;
    private final double duration;
    private final long replicas;
    private final int groups;
    private final Recording recording;
    private final double[] meanRate;

    private Campaign(Engine engine, double[] stationary, double duration, long replicas,
            Recording recording) {
        this.engine = engine;
        this.stationary = stationary;
        this.duration = duration;
        this.replicas = replicas;
        this.groups = (int) Math.min(MAX_GROUPS, replicas / BatchCumulants.MIN_GROUP_SIZE);
        this.recording = recording;
        JumpProcess p = engine.process();
        meanRate = new double[p.reservoirs().size()];
        for (Channel ch : p.channels()) {
            meanRate[ch.reservoir()] += ch.rate() * stationary[ch.from()] * ch.energy();
        }
    }

    /**
     * @param stationary the exact stationary state (initial levels are drawn from it)
     * @param duration   trajectory length of each replica, finite and > 0
     * @param replicas   number of replicas, >= MIN_REPLICAS
     * @param recording  what each trajectory records besides its energies
     */
    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas,
            Recording recording) {
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("duration must be finite and > 0, got " + duration);
        }
        if (replicas < MIN_REPLICAS) {
            throw new IllegalArgumentException("need at least " + MIN_REPLICAS + " replicas, got " + replicas);
        }
        if (stationary.length != process.dimension()) {
            throw new IllegalArgumentException("stationary state has the wrong length");
        }
        for (double w : recording.windows()) {
            if (w > duration) {
                throw new IllegalArgumentException("window " + w + " is longer than the replicas (" + duration + ")");
            }
        }
        Recording.Fluctuations f = recording.fluctuations();
        if (f != null && (f.logPopulation().length != process.dimension()
                || f.entropyPerQuantum().length != process.reservoirs().size())) {
            throw new IllegalArgumentException("the fluctuation recording does not fit the process");
        }
        return new Campaign(GillespieEngine.of(process), stationary.clone(), duration, replicas, recording);
    }

    /**
     * As {@link #of(JumpProcess, double[], double, long, Recording)} with the engine {@code choice}
     * resolves to ({@link #engine(JumpProcess, Recording, EngineChoice)}).
     */
    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas,
            Recording recording, EngineChoice choice) {
        return of(process, stationary, duration, replicas, recording, engine(process, recording, choice));
    }

    /** As {@link #of(JumpProcess, double[], double, long, Recording)} on a given engine of the process. */
    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas,
            Recording recording, Engine engine) {
        Campaign c = of(process, stationary, duration, replicas, recording);
        if (engine.process() != process) {
            throw new IllegalArgumentException("the engine runs another process");
        }
        if (engine instanceof AggregatedEngine a && flipsWatched(a.pairs(), recording)) {
            throw new IllegalArgumentException("a waiting time watches a fast pair's flips: the aggregated engine"
                    + " does not time them one by one");
        }
        return new Campaign(engine, c.stationary, duration, replicas, recording);
    }

    /**
     * The engine of a choice: direct; aggregated over {@link FlipPairs#of(JumpProcess)} (refused
     * when a waiting time watches a flip channel, as those need each flip's time); auto, aggregated
     * where there is a fast pair and nothing forbids it.
     */
    public static Engine engine(JumpProcess process, Recording recording, EngineChoice choice) {
        FlipPairs pairs = choice == EngineChoice.DIRECT ? FlipPairs.none() : FlipPairs.of(process);
        boolean forbidden = flipsWatched(pairs, recording);
        if (choice == EngineChoice.AGGREGATED && forbidden) {
            throw new IllegalArgumentException("a waiting time watches a fast pair's flips: the aggregated engine"
                    + " does not time them one by one");
        }
        if (choice == EngineChoice.DIRECT || (choice == EngineChoice.AUTO && (pairs.isEmpty() || forbidden))) {
            return GillespieEngine.of(process);
        }
        return AggregatedEngine.of(process, pairs);
    }

    private static boolean flipsWatched(FlipPairs pairs, Recording recording) {
        for (Recording.WatchRange w : recording.watches()) {
            if (pairs.flipsAny(w.watch().channels())) {
                return true;
            }
        }
        return false;
    }

    /** The engine the replicas run. */
    public Engine engine() {
        return engine;
    }

    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas) {
        return of(process, stationary, duration, replicas, Recording.energiesOnly());
    }

    public int groups() {
        return groups;
    }

    /** First replica of group g; group g holds [first(g), first(g+1)). */
    private long first(int g) {
        return replicas * g / groups;
    }

    /** The group of replica i: the largest g with first(g) <= i. */
    private int groupOf(long i) {
        return (int) (((i + 1) * groups - 1) / replicas);
    }

    /** The result of a whole campaign: per group its tally, in group order. */
    public record Result(List<GroupTally> groups, long jumps, long steps, double wallSeconds, int threads) {
        /** A result whose engine steps are not known (-1). */
        public Result(List<GroupTally> groups, long jumps, double wallSeconds, int threads) {
            this(groups, jumps, -1, wallSeconds, threads);
        }

        /** Per group, the energy moments of its replicas. */
        public List<ReplicaMoments> moments() {
            return groups.stream().map(GroupTally::moments).toList();
        }
    }

    /** A block's output: one partial tally per group it touches, and its rows. */
    private record Partial(int[] group, GroupTally[] tally, List<ReplicaResult> rows, long jumps, long steps) {
    }

    /**
     * Runs every replica.
     *
     * @param master   the master generator; it is advanced (long-jumped once per block)
     * @param threads  worker threads, >= 1
     * @param rows     receives every replica's result in replica order, while the campaign runs;
     *                 null for none
     * @param done     counts finished replicas, for progress reports; may be null
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, ReplicaSink rows, AtomicLong done)
            throws InterruptedException {
        return run(master, threads, rows, done, 0, groups);
    }

    /**
     * The groups [firstGroup, endGroup) of a shard: group g holds the replicas [R g / G,
     * R (g+1) / G). Replica i draws the same stream as in the whole campaign and every group's
     * partials combine in the same block order, so the shard's group tallies are bit for bit
     * those of the whole run.
     */
    public static int[] shardGroups(int groups, int shard, int shards) {
        if (shards < 1 || shard < 1 || shard > shards) {
            throw new IllegalArgumentException("shard " + shard + "/" + shards + " is not one of 1.." + shards);
        }
        if (shards > groups) {
            throw new IllegalArgumentException("a campaign of " + groups + " groups has at most " + groups
                    + " shards, got " + shards);
        }
        return new int[] {(int) ((long) groups * (shard - 1) / shards), (int) ((long) groups * shard / shards)};
    }

    /**
     * Runs the replicas of groups [firstGroup, endGroup) only (see {@link #shardGroups}); the
     * result holds those groups, in order. The master generator is long-jumped once per block up
     * to the last block run, as in the whole campaign.
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, ReplicaSink rows, AtomicLong done,
            int firstGroup, int endGroup) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (firstGroup < 0 || endGroup > groups || firstGroup >= endGroup) {
            throw new IllegalArgumentException("groups [" + firstGroup + ", " + endGroup + ") are not a range of "
                    + groups);
        }
        long lo = first(firstGroup);
        long hi = endGroup == groups ? replicas : first(endGroup);
        long firstBlock = lo / BLOCK;
        long endBlock = (hi + BLOCK - 1) / BLOCK;
        for (long b = 0; b < firstBlock; b++) {
            master.longJump();
        }
        Ordered ordered = new Ordered(master, firstBlock, endBlock, firstGroup, endGroup - firstGroup, lo, hi, rows,
                (long) AHEAD_PER_THREAD * threads);
        boolean keepRows = rows != null;
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "qar-sampler");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int k = 0; k < threads; k++) {
                futures.add(pool.submit(() -> {
                    try {
                        for (Claim c = ordered.claim(); c != null; c = ordered.claim()) {
                            ordered.finish(c.block, runBlock(c.block, c.stream, lo, hi, keepRows, done));
                        }
                    } catch (RuntimeException | Error e) {
                        ordered.fail();
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return new Result(List.of(ordered.groups), ordered.jumps, ordered.steps, (System.nanoTime() - t0) * 1e-9,
                threads);
    }

    private record Claim(long block, JumpableUniformRandomProvider stream) {
    }

    /**
     * Hands out blocks with their streams in index order, at most {@code ahead} blocks past the
     * oldest unfinished one, and combines partials (and passes rows on) in index order.
     */
    private final class Ordered {
        private final LongJumpableUniformRandomProvider master;
        private final long blocks;
        private final long ahead;
        private final TreeMap<Long, Partial> pending = new TreeMap<>();
        private final int firstGroup;
        private final GroupTally[] groups;
        private final ReplicaSink rows;
        private long nextClaim;
        private long nextCombine;
        private long jumps;
        private long steps;
        private boolean failed;

        Ordered(LongJumpableUniformRandomProvider master, long firstBlock, long endBlock, int firstGroup, int groups,
                long lo, long hi, ReplicaSink rows, long ahead) {
            this.master = master;
            this.blocks = endBlock;
            this.nextClaim = firstBlock;
            this.nextCombine = firstBlock;
            this.firstGroup = firstGroup;
            this.groups = new GroupTally[groups];
            this.rows = rows;
            this.ahead = ahead;
        }

        /** The next block, or null when all are claimed or a worker failed. */
        synchronized Claim claim() throws InterruptedException {
            // the oldest unfinished block is claimed and running, so its finish() wakes us
            while (!failed && nextClaim < blocks && nextClaim - nextCombine >= ahead) {
                wait();
            }
            if (failed || nextClaim >= blocks) {
                return null;
            }
            return new Claim(nextClaim++, master.longJump());
        }

        /** A worker failed: its block will never finish, so the others stop claiming. */
        synchronized void fail() {
            failed = true;
            notifyAll();
        }

        synchronized void finish(long block, Partial p) {
            pending.put(block, p);
            while (!pending.isEmpty() && pending.firstKey() == nextCombine) {
                Partial q = pending.pollFirstEntry().getValue();
                for (int k = 0; k < q.group.length; k++) {
                    int g = q.group[k] - firstGroup;
                    groups[g] = groups[g] == null ? q.tally[k] : groups[g].combine(q.tally[k]);
                }
                if (rows != null) {
                    rows.accept(q.rows);
                }
                jumps += q.jumps;
                steps += q.steps;
                nextCombine++;
                notifyAll();
            }
        }
    }

    /** Block {@code block}'s replicas within [from, to); those before {@code from} only advance the stream. */
    private Partial runBlock(long block, JumpableUniformRandomProvider stream, long from, long to, boolean keepRows,
            AtomicLong done) {
        JumpProcess process = engine.process();
        int reservoirs = process.reservoirs().size();
        long start0 = block * BLOCK;
        long lo = Math.max(from, start0);
        long hi = Math.min(to, Math.min(replicas, start0 + BLOCK));
        for (long i = start0; i < lo; i++) {
            stream.jump();
        }
        int g0 = groupOf(lo);
        int g1 = groupOf(hi - 1);
        int[] group = new int[g1 - g0 + 1];
        GroupTally[] tally = new GroupTally[group.length];
        for (int k = 0; k < group.length; k++) {
            group[k] = g0 + k;
            tally[k] = GroupTally.create(reservoirs, recording, meanRate);
        }
        List<Recording.WatchRange> ws = recording.watches();
        WaitingTimeRecorder waits = ws.isEmpty() ? null
                : new WaitingTimeRecorder(ws.stream().map(Recording.WatchRange::watch).toList(),
                        process.channels().size());
        double[] lengths = recording.windows();
        EnergyTally energy = EnergyTally.of(process);
        WindowRecorder windows = lengths.length == 0 ? null : new WindowRecorder(process, energy, lengths,
                recording.fluctuations());
        TrajectoryRecorder recorder = new TrajectoryRecorder(energy, waits, windows, duration);
        List<ReplicaResult> rows = keepRows ? new ArrayList<>(BLOCK) : List.of();
        SharedStateDiscreteSampler initial = null;
        long jumps = 0;
        long steps = 0;
        int bound = -1;
        for (long i = lo; i < hi; i++) {
            int k = groupOf(i) - g0;
            if (k != bound) {
                recorder.bind(tally[k]);
                bound = k;
            }
            UniformRandomProvider rng = stream.jump();
            initial = initial == null ? AliasMethodDiscreteSampler.of(rng, stationary)
                    : initial.withUniformRandomProvider(rng);
            int start = initial.sample();
            steps += engine.run(rng, start, duration, recorder);
            long[] quanta = energy.energy();
            long[] perReservoir = energy.jumps();
            for (long n : perReservoir) {
                jumps += n;
            }
            tally[k].moments().accept(quanta, perReservoir);
            if (keepRows) {
                rows.add(new ReplicaResult(i, start, energy.endLevel(), quanta, perReservoir));
            }
            if (done != null) {
                done.incrementAndGet();
            }
        }
        return new Partial(group, tally, rows, jumps, steps);
    }
}
