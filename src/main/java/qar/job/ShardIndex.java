package qar.job;

/**
 * Shard {@code index} of {@code count} of a campaign ({@code --shard i/n}); {@link #WHOLE}, 1 of 1,
 * is the campaign run in one piece.
 */
public record ShardIndex(int index, int count) {
    public static final ShardIndex WHOLE = new ShardIndex(1, 1);

    public ShardIndex {
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not one of 1.." + count);
        }
    }
}
