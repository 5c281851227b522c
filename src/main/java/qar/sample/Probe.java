package qar.sample;

/**
 * What an analysis records along the trajectories: it creates its per-group tally and, per worker,
 * a {@link Recorder} that the campaign's one engine observer drives. A recorder states what it
 * needs: stops at the times it asks for ({@link Recorder#nextStop}, window edges; free, the engine
 * compares against the next stop anyway) and, only if {@link Recorder#jumps} says so, every jump
 * and bulk flip. Counts per channel at a stop are read from the {@link EnergyTally} it is given.
 */
public interface Probe {
    /** An empty tally for one group. */
    GroupPart tally();

    /** Reads the tallies {@link #tally} creates back. */
    GroupPart.Reader reader();

    /**
     * A recorder for one worker.
     *
     * @param energy the trajectory's channel counts, current at every stop
     */
    Recorder recorder(EnergyTally energy);

    /** Records one trajectory at a time into the tally it is bound to. Not thread-safe. */
    interface Recorder {
        /** The replicas that follow belong to the group of {@code tally}. */
        void bind(GroupPart tally);

        /** A trajectory starts in {@code level} at time 0. */
        void start(int level);

        /** The next time it wants to see the state; infinity for none. */
        default double nextStop() {
            return Double.POSITIVE_INFINITY;
        }

        /** The trajectory is in {@code level} at {@code time}, a stop it asked for. */
        default void mark(double time, int level) {
        }

        /** The trajectory ends at {@code time} in {@code level}. */
        void stop(double time, int level);

        /** Whether it wants every jump and bulk flip ({@link #jump}, {@link #flips}). */
        default boolean jumps() {
            return false;
        }

        /** A jump, only if {@link #jumps}. */
        default void jump(double time, int from, int to, int channel) {
        }

        /**
         * Bulk flips ({@link JumpObserver#flips}), only if {@link #jumps}; as there, a recorder that
         * needs each jump's time must not meet them, and the default refuses rather than miscount.
         */
        default void flips(double time, int forth, long forthCount, int back, long backCount) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " needs every jump one by one");
        }
    }
}
