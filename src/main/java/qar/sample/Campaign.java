package qar.sample;

import java.util.ArrayList;
import java.util.List;
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
import qar.model.JumpProcess;

/**
 * Independent stationary replicas of one process, split into a fixed number of groups.
 *
 * <p>Randomness: group g draws from the master generator long-jumped g times (streams 2^192
 * apart), and its replicas from successive jumps of that (2^128 apart); a group runs on one thread,
 * in replica order. Groups depend on the replica count only, so the results are bit-identical for
 * any number of threads. Each replica starts from a level drawn from the exact stationary state,
 * so no burn-in is needed.
 */
public final class Campaign {
    /** Groups (batches) for the error estimates: enough for a stable error, few enough to be cheap. */
    public static final int MAX_GROUPS = 64;
    /** Fewest replicas: two groups of the estimator's smallest size. */
    public static final int MIN_REPLICAS = 2 * BatchCumulants.MIN_GROUP_SIZE;

    private final GillespieEngine engine;
    private final double[] stationary;
    private final double duration;
    private final long replicas;
    private final int groups;

    private Campaign(GillespieEngine engine, double[] stationary, double duration, long replicas) {
        this.engine = engine;
        this.stationary = stationary;
        this.duration = duration;
        this.replicas = replicas;
        this.groups = (int) Math.min(MAX_GROUPS, replicas / BatchCumulants.MIN_GROUP_SIZE);
    }

    /**
     * @param stationary the exact stationary state (initial levels are drawn from it)
     * @param duration   trajectory length of each replica, finite and > 0
     * @param replicas   number of replicas, >= MIN_REPLICAS
     */
    public static Campaign of(JumpProcess process, double[] stationary, double duration, long replicas) {
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("duration must be finite and > 0, got " + duration);
        }
        if (replicas < MIN_REPLICAS) {
            throw new IllegalArgumentException("need at least " + MIN_REPLICAS + " replicas, got " + replicas);
        }
        if (stationary.length != process.dimension()) {
            throw new IllegalArgumentException("stationary state has the wrong length");
        }
        return new Campaign(GillespieEngine.of(process), stationary.clone(), duration, replicas);
    }

    public int groups() {
        return groups;
    }

    /** Replicas of group g: [first(g), first(g+1)). */
    private long first(int g) {
        return replicas * g / groups;
    }

    /** The result of one group: moments, and its replicas in order. */
    public record GroupResult(int group, ReplicaMoments moments, List<ReplicaResult> replicas, long jumps) {
    }

    /** The result of a whole campaign, groups in order. */
    public record Result(List<GroupResult> groups, long jumps, double wallSeconds, int threads) {
        public List<ReplicaMoments> moments() {
            List<ReplicaMoments> m = new ArrayList<>(groups.size());
            for (GroupResult g : groups) {
                m.add(g.moments());
            }
            return m;
        }
    }

    /**
     * Runs every replica.
     *
     * @param master   the master generator; it is advanced (long-jumped once per group)
     * @param threads  worker threads, >= 1
     * @param keepRows whether to keep every replica's result (for per-replica output)
     * @param done     counts finished replicas, for progress reports; may be null
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, boolean keepRows, AtomicLong done)
            throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        List<JumpableUniformRandomProvider> streams = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            streams.add(master.longJump());
        }
        long t0 = System.nanoTime();
        List<GroupResult> results = new ArrayList<>(groups);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "qar-sampler");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<GroupResult>> futures = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                final int group = g;
                futures.add(pool.submit(() -> runGroup(group, streams.get(group), keepRows, done)));
            }
            for (Future<GroupResult> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        long jumps = 0;
        for (GroupResult g : results) {
            jumps += g.jumps();
        }
        return new Result(List.copyOf(results), jumps, (System.nanoTime() - t0) * 1e-9, threads);
    }

    private GroupResult runGroup(int g, JumpableUniformRandomProvider stream, boolean keepRows, AtomicLong done) {
        JumpProcess process = engine.process();
        EnergyTally tally = EnergyTally.of(process);
        ReplicaMoments moments = ReplicaMoments.create(process.reservoirs().size());
        List<ReplicaResult> rows = keepRows ? new ArrayList<>() : List.of();
        SharedStateDiscreteSampler initial = null;
        long jumps = 0;
        for (long i = first(g); i < first(g + 1); i++) {
            UniformRandomProvider rng = stream.jump();
            initial = initial == null ? AliasMethodDiscreteSampler.of(rng, stationary)
                    : initial.withUniformRandomProvider(rng);
            int start = initial.sample();
            jumps += engine.run(rng, start, duration, tally);
            long[] energy = tally.energy();
            long[] perReservoir = tally.jumps();
            moments.accept(energy, perReservoir);
            if (keepRows) {
                rows.add(new ReplicaResult(i, start, tally.endLevel(), energy, perReservoir));
            }
            if (done != null) {
                done.incrementAndGet();
            }
        }
        return new GroupResult(g, moments, rows, jumps);
    }
}
