package qar.sample;

import qar.model.JumpProcess;

/** Accumulates the time spent in each level, over any number of trajectories. Not thread-safe. */
public final class OccupationTime implements JumpObserver {
    private final double[] time;
    private double last;

    private OccupationTime(JumpProcess process) {
        time = new double[process.dimension()];
    }

    public static OccupationTime of(JumpProcess process) {
        return new OccupationTime(process);
    }

    @Override
    public void start(int lvl) {
        last = 0;
    }

    @Override
    public void jump(double t, int from, int to, int channel) {
        time[from] += t - last;
        last = t;
    }

    @Override
    public void stop(double t, int lvl) {
        time[lvl] += t - last;
    }

    /** Total time spent in each level. */
    public double[] time() {
        return time.clone();
    }
}
