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
}
