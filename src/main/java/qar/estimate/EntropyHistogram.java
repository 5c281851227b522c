package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import java.util.Arrays;

/**
 * The total entropy production s of windows, in bins of one width h that are mirror images about 0:
 * bin k = sign(s) floor(|s| / h + 1/2), so bin 0 is (-h/2, h/2), bin k > 0 is [(k - 1/2) h,
 * (k + 1/2) h) and bin -k is its mirror; k(-s) = -k(s) holds exactly, ties included, whatever the
 * lattice s lives on. For every bin k >= 1 it also sums exp(-(s - lo_k)) (lo_k its lower edge, so
 * each term lies in [e^-h, 1] and the sum keeps its digits): that gives E[e^-s | s in bin k], the
 * abscissa at which the detailed fluctuation theorem holds for binned counts without any binning
 * error ({@link DetailedFluctuation}).
 *
 * <p>A fixed-width histogram rather than HdrHistogram: s takes both signs, the mirror pairing
 * must be exact (HdrHistogram's buckets are logarithmic and unsigned), and a constant width
 * chosen from the exact spread puts equal resolution where both signs are observed. Bins beyond
 * +-{@link #MAX_BIN} are clamped into the outermost bins (never paired: their mirrors are empty by
 * e^-|s| orders of magnitude). Counts are exact; the sums are doubles added in group order, so a
 * campaign gives the same numbers for any thread count. Not thread-safe.
 */
public final class EntropyHistogram {
    /** Largest |bin index| kept. */
    public static final long MAX_BIN = 1L << 20;

    private final double width;
    private IntegerHistogram counts = IntegerHistogram.create();
    /** tilted[k - 1] = sum over the windows in bin k >= 1 of exp(-(s - lo_k)). */
    private double[] tilted = new double[16];

    private EntropyHistogram(double width) {
        this.width = width;
    }

    /** @param width the bin width h, finite and > 0 */
    public static EntropyHistogram of(double width) {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("bin width must be finite and > 0, got " + width);
        }
        return new EntropyHistogram(width);
    }

    /** The bin of s: sign(s) floor(|s| / h + 1/2), clamped to +-MAX_BIN. */
    public long bin(double s) {
        double m = Math.floor(Math.abs(s) / width + 0.5);
        long k = m >= MAX_BIN ? MAX_BIN : (long) m;
        return s < 0 ? -k : k;
    }

    /** Lower edge (k - 1/2) h of bin k >= 1; its upper edge is (k + 1/2) h. */
    public double lowerEdge(long k) {
        return (k - 0.5) * width;
    }

    public void accept(double s) {
        if (!(Math.abs(s) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("entropy production must be finite, got " + s);
        }
        long k = bin(s);
        counts.accept(k);
        if (k >= 1 && k < MAX_BIN) {
            int i = (int) (k - 1);
            if (i >= tilted.length) {
                tilted = Arrays.copyOf(tilted, Math.max(2 * tilted.length, i + 1));
            }
            tilted[i] += Math.exp(-(s - lowerEdge(k)));
        }
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(width));
        counts.write(out);
        out.writeInt(tilted.length);
        for (double t : tilted) {
            out.writeLong(Double.doubleToRawLongBits(t));
        }
    }

    /** The histogram {@link #write} wrote, bit for bit. */
    public static EntropyHistogram read(DataInput in) throws IOException {
        EntropyHistogram h;
        try {
            h = of(Double.longBitsToDouble(in.readLong()));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        // the counts as they were, layout included, so that a resumed tally writes as the original
        h.counts = IntegerHistogram.read(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_BIN) {
            throw new IOException("bad number of tilted sums " + n);
        }
        h.tilted = new double[n];
        for (int k = 0; k < n; k++) {
            h.tilted[k] = Double.longBitsToDouble(in.readLong());
        }
        return h;
    }

    /** Adds {@code other}'s windows; the widths must be equal. */
    public EntropyHistogram combine(EntropyHistogram other) {
        if (other.width != width) {
            throw new IllegalArgumentException("bin widths differ: " + width + " and " + other.width);
        }
        counts.combine(other.counts);
        if (other.tilted.length > tilted.length) {
            tilted = Arrays.copyOf(tilted, other.tilted.length);
        }
        for (int i = 0; i < other.tilted.length; i++) {
            tilted[i] += other.tilted[i];
        }
        return this;
    }

    public double width() {
        return width;
    }

    public long total() {
        return counts.total();
    }

    public long count(long k) {
        return counts.count(k);
    }

    /** Sum of exp(-(s - lowerEdge(k))) over the windows in bin k >= 1. */
    public double tiltedSum(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("tilted sums are kept for bins k >= 1, not " + k);
        }
        return k - 1 < tilted.length ? tilted[(int) (k - 1)] : 0.0;
    }

    /** Largest |k| with a count; 0 when empty. */
    public long reach() {
        return counts.total() == 0 ? 0 : Math.max(Math.abs(counts.min()), Math.abs(counts.max()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EntropyHistogram h) || h.width != width || !h.counts.equals(counts)) {
            return false;
        }
        int n = Math.max(tilted.length, h.tilted.length);
        for (int i = 0; i < n; i++) {
            if (Double.compare(i < tilted.length ? tilted[i] : 0.0, i < h.tilted.length ? h.tilted[i] : 0.0) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(width) * 31 + counts.hashCode();
    }
}
