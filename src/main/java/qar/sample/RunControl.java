package qar.sample;

/**
 * How a campaign run is steered from outside: a stop request (SIGINT or SIGTERM), the state to
 * resume from, and where and how often to save its state. Thread-safe: the stop flag is read by
 * every worker at least every {@link Campaign#POLL_JUMPS} jumps or so.
 */
public final class RunControl {
    /**
     * Receives the campaign's state; called by one thread at a time. A failed save must not stop
     * the campaign, so the saver keeps its own failures.
     */
    @FunctionalInterface
    public interface Saver {
        void save(CampaignState state);
    }

    private final CampaignState resume;
    private final double everySeconds;
    private final Saver saver;
    private volatile boolean stop;

    private RunControl(CampaignState resume, double everySeconds, Saver saver) {
        this.resume = resume;
        this.everySeconds = everySeconds;
        this.saver = saver;
    }

    /** Nothing to resume, no checkpoints; still stoppable. */
    public static RunControl create() {
        return new RunControl(null, Double.POSITIVE_INFINITY, null);
    }

    /**
     * @param resume       the state to continue from, or null to start afresh
     * @param everySeconds wall seconds between saves, > 0
     * @param saver        receives the state every {@code everySeconds} and when the run stops early;
     *                     null for no checkpoints
     */
    public static RunControl of(CampaignState resume, double everySeconds, Saver saver) {
        if (!(everySeconds > 0)) {
            throw new IllegalArgumentException("checkpoint interval must be > 0, got " + everySeconds);
        }
        return new RunControl(resume, everySeconds, saver);
    }

    /** Asks the run to stop soon: workers drop their unfinished blocks and the finished ones are kept. */
    public void requestStop() {
        stop = true;
    }

    public boolean stopRequested() {
        return stop;
    }

    CampaignState resume() {
        return resume;
    }

    double everySeconds() {
        return everySeconds;
    }

    Saver saver() {
        return saver;
    }
}
