package qar.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import qar.estimate.BatchCumulants;
import qar.estimate.ReplicaMoments;
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
    /**
     * Mean jumps between two looks at the stop flag inside a replica (about 10 ms at today's
     * speed): a replica of any length stops within a second.
     */
    public static final double POLL_JUMPS = 1 << 20;
    /** How often the main thread looks at the stop flag and the checkpoint clock. */
    private static final long POLL_MILLIS = 50;

    private final Engine engine;
    private final long replicas;
    private final int groups;
    private final BlockRunner runner;
    /** Reads the further analyses' group parts of a saved state back (the built-in ones read themselves). */
    private final List<GroupPart.Reader> readers;

    private Campaign(Engine engine, double[] stationary, double duration, long replicas,
            Recording recording) {
        this.engine = engine;
        this.replicas = replicas;
        this.groups = (int) Math.min(MAX_GROUPS, replicas / BatchCumulants.MIN_GROUP_SIZE);
        List<Probe> probes = recording.probes(engine.process(), stationary);
        this.runner = new BlockRunner(engine, stationary, duration, replicas, groups, probes);
        this.readers = probes.stream().filter(p -> !BuiltInParts.builtIn(p)).map(Probe::reader).toList();
    }

    /**
     * @param stationary the exact stationary state (initial levels are drawn from it)
     * @param duration   trajectory length of each replica, finite and > 0
     * @param replicas   number of replicas, >= MIN_REPLICAS
     * @param recording  what each trajectory records besides its energies
     */
    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas,
            Recording recording) {
        return of(process, stationary, duration, replicas, recording, GillespieEngine.of(process));
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
        if (engine.process() != process) {
            throw new IllegalArgumentException("the engine runs another process");
        }
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
        return new Campaign(allowed(engine, recording), stationary.clone(), duration, replicas, recording);
    }

    /** The engine {@code choice} resolves to ({@link EngineChoice#choose}) for this recording's waiting times. */
    public static Engine engine(JumpProcess process, Recording recording, EngineChoice choice) {
        return choice.choose(process, recording.watches().stream().map(Recording.WatchRange::watch).toList()).engine();
    }

    /** The engine, unless a waiting time watches jumps it does not time one by one. */
    private static Engine allowed(Engine engine, Recording recording) {
        for (Recording.WatchRange w : recording.watches()) {
            if (!engine.timesEachJump(w.watch().channels())) {
                throw new EngineChoice.FlipsWatched(w.watch());
            }
        }
        return engine;
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

    /** The index of group g's first replica. */
    public long firstReplica(int g) {
        return first(g);
    }

    /**
     * Null if {@code s} can be the saved state of a run of the groups {@code range}, or why not:
     * its groups, its next block and its finished replicas must agree.
     */
    public String stateProblem(CampaignState s, GroupRange range) {
        int firstGroup = range.first();
        int endGroup = range.end();
        long lo = first(firstGroup);
        long hi = end(endGroup - 1);
        long firstBlock = lo / BLOCK;
        long endBlock = (hi + BLOCK - 1) / BLOCK;
        if (s.firstGroup() != firstGroup || s.groupCount() != endGroup - firstGroup) {
            return "it holds groups " + s.firstGroup() + " + " + s.groupCount() + ", this run " + firstGroup + " + "
                    + (endGroup - firstGroup);
        }
        if (s.nextBlock() < firstBlock || s.nextBlock() > endBlock
                || s.replicas() != Math.max(0, Math.min(hi, s.nextBlock() * BLOCK) - lo)) {
            return "its next block " + s.nextBlock() + " and " + s.replicas() + " finished replicas do not agree with"
                    + " blocks " + firstBlock + ".." + endBlock + " of replicas " + lo + ".." + (hi - 1);
        }
        return null;
    }

    /** The replicas of the groups {@code range}. */
    public long replicas(GroupRange range) {
        return end(range.end() - 1) - first(range.first());
    }

    /** One past the last replica of group g. */
    private long end(int g) {
        return g + 1 == groups ? replicas : first(g + 1);
    }

    /**
     * The result of a run: per group its tally, in group order. A run stopped early ({@code
     * partial}) holds only the groups all of whose replicas finished, from the first on.
     *
     * @param steps       engine steps taken (a macro-step or a direct jump each), -1 where unknown
     * @param wallSeconds wall time of the run, with that of the runs it resumed (as thread-seconds
     *                    over this run's threads)
     */
    public record Result(List<GroupTally> groups, long jumps, long steps, double wallSeconds, int threads,
                         boolean partial) {
        /** A whole run's result. */
        public Result(List<GroupTally> groups, long jumps, long steps, double wallSeconds, int threads) {
            this(groups, jumps, steps, wallSeconds, threads, false);
        }

        /** A result whose engine steps are not known (-1). */
        public Result(List<GroupTally> groups, long jumps, double wallSeconds, int threads) {
            this(groups, jumps, -1, wallSeconds, threads, false);
        }

        /** Per group, the energy moments of its replicas. */
        public List<ReplicaMoments> moments() {
            return groups.stream().map(GroupTally::moments).toList();
        }

        /** Replicas in the groups. */
        public long replicas() {
            return groups.stream().mapToLong(g -> g.moments().replicas()).sum();
        }
    }

    /** Unwinds a worker whose run was asked to stop; its unfinished block is dropped. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
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
        return run(master, threads, rows, done, new GroupRange(0, groups), RunControl.create());
    }

    /**
     * The groups [firstGroup, endGroup) of a shard: group g holds the replicas [R g / G,
     * R (g+1) / G). Replica i draws the same stream as in the whole campaign and every group's
     * partials combine in the same block order, so the shard's group tallies are bit for bit
     * those of the whole run.
     */
    public static GroupRange shardGroups(int groups, int shard, int shards) {
        if (shards < 1 || shard < 1 || shard > shards) {
            throw new IllegalArgumentException("shard " + shard + "/" + shards + " is not one of 1.." + shards);
        }
        if (shards > groups) {
            throw new IllegalArgumentException("a campaign of " + groups + " groups has at most " + groups
                    + " shards, got " + shards);
        }
        return new GroupRange((int) ((long) groups * (shard - 1) / shards), (int) ((long) groups * shard / shards));
    }

    /**
     * Runs the groups {@code range} (a shard's, see {@link #shardGroups}; the result holds
     * those groups, in order) under {@code control}: from its saved state if it has one (the master
     * generator is then the fresh one of the same seed), saving the state every so often, and
     * stopping early when asked. The master generator is long-jumped once per block up to the last
     * block run, as in the whole campaign. A run asked to stop drops its unfinished blocks,
     * saves its state once more and returns a partial result.
     *
     * @throws IllegalArgumentException if the saved state is not one of this run's
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, ReplicaSink rows, AtomicLong done,
            GroupRange range, RunControl control) throws InterruptedException {
        int firstGroup = range.first();
        int endGroup = range.end();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (firstGroup < 0 || endGroup > groups || firstGroup >= endGroup) {
            throw new IllegalArgumentException("groups [" + firstGroup + ", " + endGroup + ") are not a range of "
                    + groups);
        }
        long lo = first(firstGroup);
        long hi = end(endGroup - 1);
        long firstBlock = lo / BLOCK;
        long endBlock = (hi + BLOCK - 1) / BLOCK;
        GroupTally[] start = new GroupTally[endGroup - firstGroup];
        long startBlock = firstBlock;
        long jumps0 = 0;
        long steps0 = 0;
        double threadSeconds0 = 0;
        CampaignState resume = control.resume();
        if (resume != null) {
            if (stateProblem(resume, range) != null) {
                throw new IllegalArgumentException("the saved state is not one of this run");
            }
            try {
                start = resume.groups(readers);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("the saved state's tallies are damaged: " + e.getMessage());
            }
            startBlock = resume.nextBlock();
            jumps0 = resume.jumps();
            steps0 = resume.steps();
            threadSeconds0 = resume.threadSeconds();
            if (done != null) {
                done.addAndGet(resume.replicas());
            }
        }
        for (long b = 0; b < startBlock; b++) {
            master.longJump();
        }
        BlockOrder ordered = new BlockOrder(master, startBlock, endBlock, firstGroup, start, lo, hi, rows,
                (long) AHEAD_PER_THREAD * threads, jumps0, steps0, control);
        boolean keepRows = rows != null;
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "qar-sampler");
            th.setDaemon(true);
            return th;
        });
        RunControl.Saver saver = control.saver();
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int k = 0; k < threads; k++) {
                futures.add(pool.submit(() -> {
                    try {
                        for (BlockOrder.Claim c = ordered.claim(); c != null; c = ordered.claim()) {
                            ordered.finish(c.block(),
                                    runner.run(c.block(), c.stream(), lo, hi, keepRows, done, control));
                        }
                    } catch (Stopped s) {
                        // the block is dropped; the finished ones are kept
                    } catch (RuntimeException | Error e) {
                        ordered.fail();
                        throw e;
                    }
                    return null;
                }));
            }
            long nextSave = t0 + (long) Math.min(Long.MAX_VALUE / 2.0, control.everySeconds() * 1e9);
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (control.stopRequested()) {
                            ordered.wake();
                        }
                        long now = System.nanoTime();
                        if (saver != null && now - nextSave >= 0) {
                            saver.save(ordered.state(threadSeconds0 + (now - t0) * 1e-9 * threads));
                            nextSave = now + (long) (control.everySeconds() * 1e9);
                        }
                    }
                }
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
        double threadSeconds = threadSeconds0 + (System.nanoTime() - t0) * 1e-9 * threads;
        boolean partial = ordered.nextCombine() < endBlock;
        if (!partial) {
            return new Result(List.of(ordered.groups()), ordered.jumps(), ordered.steps(), threadSeconds / threads,
                    threads);
        }
        if (saver != null) {
            saver.save(ordered.state(threadSeconds));
        }
        // the groups whose every replica finished, from the first on
        long finished = Math.min(hi, ordered.nextCombine() * BLOCK);
        List<GroupTally> complete = new ArrayList<>();
        for (int g = firstGroup; g < endGroup && end(g) <= finished; g++) {
            complete.add(ordered.groups()[g - firstGroup]);
        }
        long jumps = complete.stream().mapToLong(g -> {
            long s = 0;
            for (long j : g.moments().jumps()) {
                s += j;
            }
            return s;
        }).sum();
        // the steps are counted per block, which need not end with a group: unknown for the whole groups
        return new Result(List.copyOf(complete), jumps, -1, threadSeconds / threads, threads, true);
    }

}
