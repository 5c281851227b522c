package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.HdrHistogram.DoubleHistogram;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.DoubleHistogramIterationValue;

/**
 * Waiting times of one watched set: an HdrHistogram {@code DoubleHistogram} over [lowest, highest]
 * plus the counts below and above, which the histogram's dynamic range does not hold. The
 * histogram's buckets sit at fixed binary positions (its range only shifts by powers of two), so
 * {@code add} is lossless and bucket edges are known exactly for goodness-of-fit tests.
 * Not thread-safe.
 */
public final class WaitingTimeTally {
    /** Two significant digits: buckets 1/128 to 1/256 of their value wide, small tables per group. */
    public static final int DIGITS = 2;

    private final double lowest;
    private final double highest;
    private final DoubleHistogram histogram;
    private long below;
    private long above;

    private WaitingTimeTally(double lowest, double highest) {
        this(lowest, highest, new DoubleHistogram(ratio(lowest, highest), DIGITS));
    }

    private WaitingTimeTally(double lowest, double highest, DoubleHistogram histogram) {
        this.lowest = lowest;
        this.highest = highest;
        this.histogram = histogram;
    }

    private static long ratio(double lowest, double highest) {
        return Math.max(Long.highestOneBit((long) Math.ceil(4 * highest / lowest)) << 1, 2);
    }

    /** @param lowest, highest the waiting times resolved, 0 < lowest, highest / lowest < 2^50 */
    public static WaitingTimeTally of(double lowest, double highest) {
        if (!(lowest > 0) || !(highest > lowest) || highest / lowest > 0x1p50) {
            throw new IllegalArgumentException("waiting-time range [" + lowest + ", " + highest + "] is not usable");
        }
        return new WaitingTimeTally(lowest, highest);
    }

    public void accept(double tau) {
        if (tau < lowest) {
            below++;
        } else if (tau > highest) {
            above++;
        } else {
            histogram.recordValue(tau);
        }
    }

    public WaitingTimeTally combine(WaitingTimeTally other) {
        histogram.add(other.histogram);
        below += other.below;
        above += other.above;
        return this;
    }

    /** Writes the exact state (see {@link #read}): the histogram as HdrHistogram's compressed encoding. */
    public void write(DataOutput out) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(lowest));
        out.writeLong(Double.doubleToRawLongBits(highest));
        out.writeLong(below);
        out.writeLong(above);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int n = histogram.encodeIntoCompressedByteBuffer(b);
        out.writeInt(n);
        out.write(b.array(), 0, n);
    }

    /** The tally {@link #write} wrote. */
    public static WaitingTimeTally read(DataInput in) throws IOException {
        WaitingTimeTally t;
        try {
            t = of(Double.longBitsToDouble(in.readLong()), Double.longBitsToDouble(in.readLong()));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        long below = in.readLong();
        long above = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("bad histogram length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        try {
            // the decoded histogram itself, not a copy added into a fresh one: a DoubleHistogram places
            // its buckets by the first values it saw, so a copy would bin later values differently and
            // a resumed campaign would not end where the uninterrupted one does
            DoubleHistogram h = DoubleHistogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(bytes),
                    t.histogram.getHighestToLowestValueRatio());
            if (h.getHighestToLowestValueRatio() != t.histogram.getHighestToLowestValueRatio()
                    || h.getNumberOfSignificantValueDigits() != DIGITS) {
                throw new IOException("waiting-time histogram of another range");
            }
            t = new WaitingTimeTally(t.lowest, t.highest, h);
            t.below = below;
            t.above = above;
        } catch (java.util.zip.DataFormatException | RuntimeException e) {
            throw new IOException("bad waiting-time histogram: " + e.getMessage(), e);
        }
        return t;
    }

    public DoubleHistogram histogram() {
        return histogram;
    }

    public long below() {
        return below;
    }

    public long above() {
        return above;
    }

    public long total() {
        return histogram.getTotalCount() + below + above;
    }

    public double lowest() {
        return lowest;
    }

    public double highest() {
        return highest;
    }

    /**
     * The largest histogram bucket edge at or below {@code v}: buckets of two significant digits are
     * [k 2^e, (k+1) 2^e) with 128 <= k < 256, whatever the histogram's current range.
     */
    public static double bucketEdge(double v) {
        double unit = Math.scalb(1.0, Math.getExponent(v) - 7);
        return Math.floor(v / unit) * unit;
    }

    /**
     * Counts in the bins [edges[i], edges[i+1]), each recorded wait weighted by
     * {@code weight(tau)} at its bucket (null for plain counts); edges must be bucket edges
     * ({@link #bucketEdge}), increasing, so that every bucket lies in one bin. Waiting times below
     * {@code lowest} count in the first bin at weight(lowest), above {@code highest} in the last at
     * weight(highest).
     */
    public double[] counts(double[] edges, DoubleUnaryOperator weight) {
        double[] out = new double[edges.length - 1];
        out[0] += below * (weight == null ? 1 : weight.applyAsDouble(lowest));
        out[out.length - 1] += above * (weight == null ? 1 : weight.applyAsDouble(highest));
        for (DoubleHistogramIterationValue v : histogram.recordedValues()) {
            double x = v.getValueIteratedTo();
            int i = java.util.Arrays.binarySearch(edges, x);
            int bin = i >= 0 ? i : -i - 2;
            double c = v.getCountAddedInThisIterationStep();
            out[Math.max(0, Math.min(out.length - 1, bin))] += weight == null ? c
                    : c * weight.applyAsDouble(histogram.medianEquivalentValue(x));
        }
        return out;
    }

    /** Plain counts in the bins [edges[i], edges[i+1]); see {@link #counts(double[], DoubleUnaryOperator)}. */
    public long[] counts(double[] edges) {
        double[] c = counts(edges, null);
        long[] out = new long[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = Math.round(c[k]);
        }
        return out;
    }
}
