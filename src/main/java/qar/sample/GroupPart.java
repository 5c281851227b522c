package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What one analysis accumulates over the replicas of one group ({@link Probe#tally}). Combined in
 * group order with a part of the same analysis; written exactly (integers as they are, doubles as
 * their bit patterns), so that the part its {@link Reader} reads back combines and estimates bit
 * for bit as this one. Not thread-safe.
 */
public interface GroupPart {
    /** Adds {@code other}, a part of the same analysis and settings, to this one. */
    void combine(GroupPart other);

    /** Writes the exact state. */
    void write(DataOutput out) throws IOException;

    /** Reads back what {@link #write} wrote; {@link IOException} for bytes that are not such a part. */
    @FunctionalInterface
    interface Reader {
        GroupPart read(DataInput in) throws IOException;
    }
}
