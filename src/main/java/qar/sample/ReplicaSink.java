package qar.sample;

import java.util.List;

/**
 * Receives the replicas of a campaign as they are done, so that no campaign holds them all.
 * Called with consecutive runs of replicas in replica order (0, 1, 2, ...), from any worker
 * thread but never by two at once.
 */
@FunctionalInterface
public interface ReplicaSink {
    /** The next replicas in index order; the list must not be kept past the call. */
    void accept(List<ReplicaResult> replicas);

    /**
     * Makes the rows accepted so far durable, for a checkpoint, and returns their length in bytes;
     * -1 where the sink does not keep them.
     */
    default long flush() {
        return -1;
    }
}
