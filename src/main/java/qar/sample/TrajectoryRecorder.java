package qar.sample;

/**
 * The one observer the campaign hands the engine: energies always, waiting times and windows
 * (with their entropy production for the fluctuation checks) when asked for. A final class with typed fields keeps the engine's per-jump call monomorphic
 * however many analyses are on. Not thread-safe.
 */
final class TrajectoryRecorder implements JumpObserver {
    private final EnergyTally energy;
    private final WaitingTimeRecorder waits;
    private final WindowRecorder windows;
    private final double duration;
    private final RunControl control;
    /** Trajectory time between two looks at the stop flag; the next look. */
    private final double pollInterval;
    private double pollAt;

    /**
     * @param control      polled every {@code pollInterval} of trajectory time (a stop the engine
     *                     honours like a window edge, so the trajectory is unchanged)
     */
    TrajectoryRecorder(EnergyTally energy, WaitingTimeRecorder waits, WindowRecorder windows, double duration,
            RunControl control, double pollInterval) {
        this.energy = energy;
        this.waits = waits;
        this.windows = windows;
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
            windows.bind(tally.windows(), tally.fluctuations());
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
    }

    @Override
    public double nextStop() {
        return windows == null ? pollAt : Math.min(pollAt, windows.nextEdge());
    }

    @Override
    public void mark(double time, int level) {
        if (windows != null && time == windows.nextEdge()) {
            windows.mark(time, level);
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
    }

    /** Bulk flips never touch a watched channel: a campaign with such a watch runs the direct engine. */
    @Override
    public void flips(double time, int forth, long forthCount, int back, long backCount) {
        energy.flips(time, forth, forthCount, back, backCount);
    }

    @Override
    public void stop(double time, int level) {
        energy.stop(time, level);
        if (windows != null) {
            windows.stop(duration, level);
        }
    }
}
