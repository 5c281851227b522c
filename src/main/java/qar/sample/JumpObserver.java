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

    /**
     * Flips in bulk, from an engine that samples a fast pair's sojourn in one step
     * ({@link AggregatedEngine}): since the previous call, {@code forthCount} jumps through channel
     * {@code forth} and {@code backCount} through {@code back}, all at or before {@code time}, their
     * individual times not sampled. Observers that need each jump's time must not be run by such an
     * engine; the default refuses rather than miscount.
     */
    default void flips(double time, int forth, long forthCount, int back, long backCount) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs every jump one by one");
    }

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
