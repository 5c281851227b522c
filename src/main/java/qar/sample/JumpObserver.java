package qar.sample;

/**
 * Receives the jumps of one trajectory. The engine calls {@link #start} once, {@link #jump} for
 * every jump in time order, then {@link #stop}. Observers hold per-trajectory or per-worker state
 * and are not thread-safe.
 */
public interface JumpObserver {
    /**
     * A jump {@code from -> to} through {@code channel} (an index into the process's channel list)
     * at {@code time}. The levels are passed so that no observer needs a lookup table for them.
     */
    void jump(double time, int from, int to, int channel);

    /** The trajectory starts in {@code level} at time 0. */
    default void start(int level) {
    }

    /**
     * The next time, after every time passed to {@link #mark} so far, at which the observer wants
     * to see the state ({@link #mark}); infinity for none. Asked at the start and after each mark.
     */
    default double nextStop() {
        return Double.POSITIVE_INFINITY;
    }

    /** The trajectory is in {@code level} at {@code time}, a stop the observer asked for; no jump at it. */
    default void mark(double time, int level) {
    }

    /** The trajectory ends at {@code time} (the requested length) in {@code level}. */
    default void stop(double time, int level) {
    }
}
