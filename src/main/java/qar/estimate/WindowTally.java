package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The energies of consecutive windows of one length: per reservoir, a histogram of the quanta n
 * that entered in each window and the power sums of n - c (c a fixed centre near the mean, so
 * the sums keep their digits). Not thread-safe.
 */
public final class WindowTally {
    /** Power sums kept: orders 1 .. 4. */
    public static final int ORDER = 4;

    private final double length;
    private final long[] centre;
    private final IntegerHistogram[] histograms;
    /** sums[r][k] = sum of (n - c_r)^(k+1). */
    private final double[][] sums;
    private long windows;

    private WindowTally(double length, long[] centre) {
        this.length = length;
        this.centre = centre.clone();
        histograms = new IntegerHistogram[centre.length];
        sums = new double[centre.length][ORDER];
        for (int r = 0; r < centre.length; r++) {
            histograms[r] = IntegerHistogram.create();
        }
    }

    /** @param centre per reservoir, the quanta subtracted before the power sums (the exact mean, rounded) */
    public static WindowTally of(double length, long[] centre) {
        return new WindowTally(length, centre);
    }

    /** One window: the quanta that entered from each reservoir. */
    public void accept(long[] quanta) {
        for (int r = 0; r < centre.length; r++) {
            histograms[r].accept(quanta[r]);
            double x = quanta[r] - centre[r];
            double p = x;
            double[] s = sums[r];
            for (int k = 0; k < ORDER; k++) {
                s[k] += p;
                p *= x;
            }
        }
        windows++;
    }

    public WindowTally combine(WindowTally other) {
        for (int r = 0; r < centre.length; r++) {
            histograms[r].combine(other.histograms[r]);
            for (int k = 0; k < ORDER; k++) {
                sums[r][k] += other.sums[r][k];
            }
        }
        windows += other.windows;
        return this;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(length));
        out.writeInt(centre.length);
        out.writeLong(windows);
        for (int r = 0; r < centre.length; r++) {
            out.writeLong(centre[r]);
            histograms[r].write(out);
            for (int k = 0; k < ORDER; k++) {
                out.writeLong(Double.doubleToRawLongBits(sums[r][k]));
            }
        }
    }

    /** The tally {@link #write} wrote, bit for bit. */
    public static WindowTally read(DataInput in) throws IOException {
        double length = Double.longBitsToDouble(in.readLong());
        int k = in.readInt();
        if (k < 1 || k > 1 << 16) {
            throw new IOException("bad number of reservoirs " + k);
        }
        WindowTally t = new WindowTally(length, new long[k]);
        t.windows = in.readLong();
        for (int r = 0; r < k; r++) {
            t.centre[r] = in.readLong();
            t.histograms[r] = IntegerHistogram.read(in);
            for (int j = 0; j < ORDER; j++) {
                t.sums[r][j] = Double.longBitsToDouble(in.readLong());
            }
        }
        return t;
    }

    public double length() {
        return length;
    }

    public long windows() {
        return windows;
    }

    public int reservoirs() {
        return centre.length;
    }

    public IntegerHistogram histogram(int reservoir) {
        return histograms[reservoir];
    }

    public long centre(int reservoir) {
        return centre[reservoir];
    }

    /** Mean of (n - c)^k over the windows, k = 1 .. 4. */
    public double[] centredMoments(int reservoir) {
        double[] m = new double[ORDER];
        for (int k = 0; k < ORDER; k++) {
            m[k] = sums[reservoir][k] / windows;
        }
        return m;
    }
}
