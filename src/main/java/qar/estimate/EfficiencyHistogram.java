package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import java.util.Arrays;

/**
 * The finite-time efficiency eta = n_c / n_w of windows (quanta from the cold and the work
 * reservoir), in B bins uniform in theta = atan(eta / scale) over (-pi/2, pi/2). Such bins are
 * narrow where eta is of the size of the scale (the COP) and widen like eta^2 outwards, so one
 * table resolves the bulk and the tails out to |eta| ~ scale B (a ratio's tails fall like
 * eta^-2 where the denominator's density is finite at 0; uniform bins in theta are then equally
 * populated). B is odd so that eta = 0, an atom of short windows (work exchanged, no cold quantum),
 * sits in the middle of a bin. Windows with n_w = 0 have no efficiency and are counted apart, and
 * so, exactly rather than from the bins, are those with eta &lt; 0 and eta above a threshold (the
 * Carnot value). Exact counts. Not thread-safe.
 */
public final class EfficiencyHistogram {
    private final double scale;
    private final double threshold;
    private final long[] counts;
    private long undefined;
    private long negative;
    private long above;

    private EfficiencyHistogram(double scale, int bins, double threshold) {
        this.scale = scale;
        this.threshold = threshold;
        this.counts = new long[bins];
    }

    /**
     * @param scale eta of the middle of the theta range's steep part, finite and > 0
     * @param bins  number of bins, odd and >= 3
     * @param threshold windows with eta above it are counted apart; NaN for none
     */
    public static EfficiencyHistogram of(double scale, int bins, double threshold) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        if (bins < 3 || bins % 2 == 0) {
            throw new IllegalArgumentException("bins must be odd and >= 3, got " + bins);
        }
        return new EfficiencyHistogram(scale, bins, threshold);
    }

    public void accept(long cold, long work) {
        if (work == 0) {
            undefined++;
            return;
        }
        double eta = (double) cold / work;
        if (eta < 0) {
            negative++;
        }
        if (eta > threshold) {
            above++;
        }
        double theta = Math.atan(eta / scale);
        int k = (int) ((theta / Math.PI + 0.5) * counts.length);
        counts[Math.max(0, Math.min(counts.length - 1, k))]++;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(scale));
        out.writeLong(Double.doubleToRawLongBits(threshold));
        out.writeInt(counts.length);
        for (long c : counts) {
            out.writeLong(c);
        }
        out.writeLong(undefined);
        out.writeLong(negative);
        out.writeLong(above);
    }

    /** The histogram {@link #write} wrote. */
    public static EfficiencyHistogram read(DataInput in) throws IOException {
        double scale = Double.longBitsToDouble(in.readLong());
        double threshold = Double.longBitsToDouble(in.readLong());
        EfficiencyHistogram h;
        try {
            h = of(scale, in.readInt(), threshold);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (int k = 0; k < h.counts.length; k++) {
            h.counts[k] = in.readLong();
        }
        h.undefined = in.readLong();
        h.negative = in.readLong();
        h.above = in.readLong();
        return h;
    }

    public EfficiencyHistogram combine(EfficiencyHistogram other) {
        if (other.scale != scale || other.counts.length != counts.length
                || Double.compare(other.threshold, threshold) != 0) {
            throw new IllegalArgumentException("efficiency bins differ");
        }
        for (int k = 0; k < counts.length; k++) {
            counts[k] += other.counts[k];
        }
        undefined += other.undefined;
        negative += other.negative;
        above += other.above;
        return this;
    }

    public int bins() {
        return counts.length;
    }

    public double scale() {
        return scale;
    }

    /** Edge k = 0 .. B of the bins in eta: -infinity, ..., +infinity. */
    public double edge(int k) {
        if (k == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == counts.length) {
            return Double.POSITIVE_INFINITY;
        }
        return scale * Math.tan(Math.PI * ((double) k / counts.length - 0.5));
    }

    /** The eta at the middle of bin k in theta. */
    public double middle(int k) {
        return scale * Math.tan(Math.PI * ((k + 0.5) / counts.length - 0.5));
    }

    public long count(int k) {
        return counts[k];
    }

    /** Windows with no work quantum, whose efficiency is undefined. */
    public long undefined() {
        return undefined;
    }

    /** Windows with eta &lt; 0. */
    public long negative() {
        return negative;
    }

    /** The threshold of {@link #above()}; NaN for none. */
    public double threshold() {
        return threshold;
    }

    /** Windows with eta above the threshold. */
    public long above() {
        return above;
    }

    public long total() {
        long n = undefined;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EfficiencyHistogram h && h.scale == scale && h.undefined == undefined
                && h.negative == negative && h.above == above && Double.compare(h.threshold, threshold) == 0
                && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
