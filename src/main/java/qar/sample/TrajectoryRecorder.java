package qar.sample;

import java.util.List;

/**
 * The one observer the campaign hands the engine: energies always, in a typed field, and the
 * probes' recorders (waiting times, windows, the analyses') at the stops they ask for. A final
 * class keeps the engine's per-jump call monomorphic; a jump reaches a probe only where one asked
 * for every jump (waiting times), so a run of energies and windows pays one typed call per jump
 * and one pass over the probes per stop. Not thread-safe.
 */
final class TrajectoryRecorder implements JumpObserver {
    private final EnergyTally energy;
    /** The probes' recorders, in the recording's order; those that asked for every jump, or null for none. */
    private final Probe.Recorder[] probes;
    private final Probe.Recorder[] jumpers;
    private final double duration;
    private final RunControl control;
    /** Trajectory time between two looks at the stop flag; the next look. */
    private final double pollInterval;
    private double pollAt;

    /**
     * @param control      polled every {@code pollInterval} of trajectory time (a stop the engine
     *                     honours like a window edge, so the trajectory is unchanged)
     */
    TrajectoryRecorder(EnergyTally energy, List<Probe.Recorder> probes, double duration, RunControl control,
            double pollInterval) {
        this.energy = energy;
        this.probes = probes.toArray(new Probe.Recorder[0]);
        Probe.Recorder[] j = probes.stream().filter(Probe.Recorder::jumps).toArray(Probe.Recorder[]::new);
        this.jumpers = j.length == 0 ? null : j;
        this.duration = duration;
        this.control = control;
        this.pollInterval = pollInterval;
    }

    /** Points the probes' recorders at the parts of the group the next replicas belong to. */
    void bind(GroupTally tally) {
        for (int k = 0; k < probes.length; k++) {
            probes[k].bind(tally.part(k));
        }
    }

    @Override
    public void start(int level) {
        pollAt = pollInterval;
        energy.start(level);
        for (Probe.Recorder p : probes) {
            p.start(level);
        }
    }

    @Override
    public double nextStop() {
        double next = pollAt;
        for (Probe.Recorder p : probes) {
            next = Math.min(next, p.nextStop());
        }
        return next;
    }

    @Override
    public void mark(double time, int level) {
        for (Probe.Recorder p : probes) {
            if (time == p.nextStop()) {
                p.mark(time, level);
            }
        }
        if (time == pollAt) {
            if (control.stopRequested()) {
                throw new Campaign.Stopped();
            }
            // strictly later, even where the interval is below the resolution of the time
            pollAt = Math.max(pollAt + pollInterval, Math.nextUp(pollAt));
        }
    }

    @Override
    public void jump(double time, int from, int to, int channel) {
        energy.jump(time, from, to, channel);
        if (jumpers != null) {
            for (Probe.Recorder p : jumpers) {
                p.jump(time, from, to, channel);
            }
        }
    }

    @Override
    public void flips(double time, int forth, long forthCount, int back, long backCount) {
        energy.flips(time, forth, forthCount, back, backCount);
        if (jumpers != null) {
            for (Probe.Recorder p : jumpers) {
                p.flips(time, forth, forthCount, back, backCount);
            }
        }
    }

    @Override
    public void stop(double time, int level) {
        energy.stop(time, level);
        for (Probe.Recorder p : probes) {
            p.stop(duration, level);
        }
    }
}
