package qar.sample;

import org.apache.commons.rng.UniformRandomProvider;
import qar.model.JumpProcess;

/**
 * An exact sampler of trajectories of a {@link JumpProcess}: immutable tables shared by all
 * threads, a generator per trajectory. The jumps themselves are counted by the observer.
 */
public interface Engine {
    JumpProcess process();

    /**
     * Runs one trajectory of length {@code duration} from {@code level}, reporting to
     * {@code observer} (start, jumps, marks at its stops, stop).
     *
     * @return the engine steps taken: jumps for the direct method, macro-steps and jumps for the
     *         aggregated one
     */
    long run(UniformRandomProvider rng, int level, double duration, JumpObserver observer);

    /** The name the reports print: {@code direct} or {@code aggregated}. */
    String name();

    /**
     * Mean engine steps per unit time of a trajectory in the stationary state {@code stationary}
     * (what a campaign's run time grows with).
     */
    double stepRate(double[] stationary);

    /** Measured cost of one engine step on one thread, in nanoseconds (src/site/markdown/performance.md). */
    double nanosPerStep();

    /**
     * Whether the engine times each jump through the channels marked in {@code channels} one by one,
     * as a waiting time watching them needs.
     */
    boolean timesEachJump(boolean[] channels);

    /** Refuses a run of a negative or infinite {@code duration} or from a level not in 0..levels-1. */
    static void checkRun(double duration, int level, int levels) {
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("duration must be finite and >= 0, got " + duration);
        }
        if (level < 0 || level >= levels) {
            throw new IllegalArgumentException("no level " + level);
        }
    }
}
