package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import java.util.Arrays;

/**
 * Counts of integer values (energy quanta may be negative, which HdrHistogram does not take), on a
 * contiguous range that grows as needed. Exact, so combining is lossless and order-independent.
 * Not thread-safe.
 */
public final class IntegerHistogram {
    private long[] counts = new long[16];
    private long offset;
    private boolean empty = true;
    private long total;

    private IntegerHistogram() {
    }

    public static IntegerHistogram create() {
        return new IntegerHistogram();
    }

    public void accept(long value) {
        add(value, 1);
    }

    private void add(long value, long count) {
        if (empty) {
            offset = value - counts.length / 2;
            empty = false;
        }
        long i = value - offset;
        if (i < 0 || i >= counts.length) {
            grow(value);
            i = value - offset;
        }
        counts[(int) i] += count;
        total += count;
    }

    private void grow(long value) {
        long lo = Math.min(offset, value);
        long hi = Math.max(offset + counts.length - 1, value);
        long size = Math.max(2L * counts.length, hi - lo + 1 + counts.length / 2);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("integer histogram range too wide: " + lo + " .. " + hi);
        }
        long newOffset = value < offset ? hi - size + 1 : lo;
        long[] c = new long[(int) size];
        System.arraycopy(counts, 0, c, (int) (offset - newOffset), counts.length);
        counts = c;
        offset = newOffset;
    }

    public IntegerHistogram combine(IntegerHistogram other) {
        for (int k = 0; k < other.counts.length; k++) {
            if (other.counts[k] != 0) {
                add(other.offset + k, other.counts[k]);
            }
        }
        return this;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeBoolean(empty);
        out.writeLong(offset);
        out.writeLong(total);
        out.writeInt(counts.length);
        for (long c : counts) {
            out.writeLong(c);
        }
    }

    /** The histogram {@link #write} wrote, bins and range alike. */
    public static IntegerHistogram read(DataInput in) throws IOException {
        IntegerHistogram h = new IntegerHistogram();
        h.empty = in.readBoolean();
        h.offset = in.readLong();
        h.total = in.readLong();
        int n = in.readInt();
        if (n < 1 || n > Integer.MAX_VALUE - 8) {
            throw new IOException("bad histogram size " + n);
        }
        h.counts = new long[n];
        for (int k = 0; k < n; k++) {
            h.counts[k] = in.readLong();
        }
        return h;
    }

    public long total() {
        return total;
    }

    public long count(long value) {
        long i = value - offset;
        return empty || i < 0 || i >= counts.length ? 0 : counts[(int) i];
    }

    /** Smallest value with a count; undefined when empty. */
    public long min() {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] != 0) {
                return offset + k;
            }
        }
        throw new IllegalStateException("empty histogram");
    }

    /** Largest value with a count; undefined when empty. */
    public long max() {
        for (int k = counts.length - 1; k >= 0; k--) {
            if (counts[k] != 0) {
                return offset + k;
            }
        }
        throw new IllegalStateException("empty histogram");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntegerHistogram h) || h.total != total) {
            return false;
        }
        if (total == 0) {
            return true;
        }
        long lo = min();
        long hi = max();
        if (h.min() != lo || h.max() != hi) {
            return false;
        }
        for (long v = lo; v <= hi; v++) {
            if (count(v) != h.count(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) + (total == 0 ? 0 : Arrays.hashCode(new long[] {min(), max()}));
    }
}
