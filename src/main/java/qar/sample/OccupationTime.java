package qar.sample;

import qar.model.Channel;
import qar.model.JumpProcess;

/** Accumulates the time spent in each level, over any number of trajectories. Not thread-safe. */
public final class OccupationTime implements JumpObserver {
    private final int[] fromOf;
    private final double[] time;
    private double last;

    private OccupationTime(JumpProcess process) {
        fromOf = new int[process.channels().size()];
        for (int k = 0; k < fromOf.length; k++) {
            Channel ch = process.channels().get(k);
            fromOf[k] = ch.from();
        }
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
    public void jump(double t, int channel) {
        time[fromOf[channel]] += t - last;
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
