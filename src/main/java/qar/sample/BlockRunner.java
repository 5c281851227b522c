package qar.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import qar.model.Channel;
import qar.model.JumpProcess;

/** Runs the replicas of one block of a {@link Campaign} into per-group partial tallies. Immutable. */
final class BlockRunner {
    private final Engine engine;
    private final double[] stationary;
    private final double duration;
    private final long replicas;
    private final int groups;
    /** Every probe of the recording, in order: one part per group each. */
    private final List<Probe> probes;
    /** Trajectory time between two looks at the stop flag. */
    private final double pollInterval;

    BlockRunner(Engine engine, double[] stationary, double duration, long replicas, int groups, List<Probe> probes) {
        this.engine = engine;
        this.stationary = stationary;
        this.duration = duration;
        this.replicas = replicas;
        this.groups = groups;
        this.probes = probes;
        JumpProcess p = engine.process();
        double jumpRate = 0;
        for (Channel ch : p.channels()) {
            jumpRate += ch.rate() * stationary[ch.from()];
        }
        pollInterval = jumpRate > 0 ? Campaign.POLL_JUMPS / jumpRate : Double.POSITIVE_INFINITY;
    }

    /** Per reservoir, the mean energy it exchanges per unit time (quanta) from {@code stationary}. */
    static double[] meanEnergyRate(JumpProcess process, double[] stationary) {
        double[] rate = new double[process.reservoirs().size()];
        for (Channel ch : process.channels()) {
            rate[ch.reservoir()] += ch.rate() * stationary[ch.from()] * ch.energy();
        }
        return rate;
    }

    /** The group of replica i: the largest g with first(g) <= i. */
    private int groupOf(long i) {
        return (int) (((i + 1) * groups - 1) / replicas);
    }

    /** Block {@code block}'s replicas within [from, to); those before {@code from} only advance the stream. */
    BlockOrder.Partial run(long block, JumpableUniformRandomProvider stream, long from, long to, boolean keepRows,
            AtomicLong done, RunControl control) {
        JumpProcess process = engine.process();
        int reservoirs = process.reservoirs().size();
        long start0 = block * Campaign.BLOCK;
        long lo = Math.max(from, start0);
        long hi = Math.min(to, Math.min(replicas, start0 + Campaign.BLOCK));
        for (long i = start0; i < lo; i++) {
            stream.jump();
        }
        int g0 = groupOf(lo);
        int g1 = groupOf(hi - 1);
        int[] group = new int[g1 - g0 + 1];
        GroupTally[] tally = new GroupTally[group.length];
        for (int k = 0; k < group.length; k++) {
            group[k] = g0 + k;
            tally[k] = GroupTally.create(reservoirs, probes);
        }
        EnergyTally energy = EnergyTally.of(process);
        TrajectoryRecorder recorder = new TrajectoryRecorder(energy,
                probes.stream().map(p -> p.recorder(energy)).toList(), duration, control, pollInterval);
        List<ReplicaResult> rows = keepRows ? new ArrayList<>(Campaign.BLOCK) : List.of();
        SharedStateDiscreteSampler initial = null;
        long jumps = 0;
        long steps = 0;
        int bound = -1;
        for (long i = lo; i < hi; i++) {
            if (control.stopRequested()) {
                throw new Campaign.Stopped();
            }
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
        return new BlockOrder.Partial(group, tally, rows, jumps, steps);
    }
}
