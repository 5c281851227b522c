package qar.sample;

/**
 * The error groups [first, end) of a campaign that one shard runs ({@link Campaign#shardGroups});
 * the whole campaign for shard 1 of 1.
 */
public record GroupRange(int first, int end) {

    public GroupRange {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("groups [" + first + ", " + end + ") are not a range");
        }
    }

    /** The number of groups in the range. */
    public int size() {
        return end - first;
    }
}
