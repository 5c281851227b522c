package qar.sample;

/**
 * The one observer the campaign hands the engine: energies always, waiting times and windows
 * when asked for, and the further
 * analyses' recorders at the stops they ask for (every jump only for those that ask for it). A final class with typed fields keeps the engine's per-jump call monomorphic
 * however many analyses are on. Not thread-safe.
 */
final class TrajectoryRecorder implements JumpObserver {
    private final EnergyTally energy;
    private final WaitingTimeRecorder waits;
    private final WindowRecorder windows;
    /** The further analyses' recorders; those of them that asked for every jump, or null for none. */
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
    TrajectoryRecorder(EnergyTally energy, WaitingTimeRecorder waits, WindowRecorder windows,
            java.util.List<Probe.Recorder> probes, double duration, RunControl control, double pollInterval) {
        this.energy = energy;
        this.waits = waits;
        this.windows = windows;
        this.probes = probes.toArray(new Probe.Recorder[0]);
        Probe.Recorder[] j = probes.stream().filter(Probe.Recorder::jumps).toArray(Probe.Recorder[]::new);
        this.jumpers = j.length == 0 ? null : j;
        this.duration = duration;
        this.control = control;
        this.pollInterval = pollInterval;
    }

    /** Points the per-jump analyses at the tallies of the group the next replicas belong to. */
    void bind(GroupTally tally) {
        if (waits != null) {
            waits.bind(tally.waits());
        }
        if (windows != null) {
            windows.bind(tally.windows());
        }
        for (int k = 0; k < probes.length; k++) {
            probes[k].bind(tally.part(k));
        }
    }

    @Override
    public void start(int level) {
        pollAt = pollInterval;
        energy.start(level);
        if (waits != null) {
            waits.start();
        }
        if (windows != null) {
            windows.start(level);
        }
        for (Probe.Recorder p : probes) {
            p.start(level);
        }
    }

    @Override
    public double nextStop() {
        double next = windows == null ? pollAt : Math.min(pollAt, windows.nextEdge());
        for (Probe.Recorder p : probes) {
            next = Math.min(next, p.nextStop());
        }
        return next;
    }

    @Override
    public void mark(double time, int level) {
        if (windows != null && time == windows.nextEdge()) {
            windows.mark(time, level);
        }
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
        if (waits != null) {
            waits.jump(time, channel);
        }
        if (jumpers != null) {
            for (Probe.Recorder p : jumpers) {
                p.jump(time, from, to, channel);
            }
        }
    }

    /** Bulk flips never touch a watched channel: a campaign with such a watch runs the direct engine. */
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
        if (windows != null) {
            windows.stop(duration, level);
        }
        for (Probe.Recorder p : probes) {
            p.stop(duration, level);
        }
    }
}
