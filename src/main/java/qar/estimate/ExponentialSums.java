package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Sums of the weights w = exp(-s) and w^2 over windows, for the integral fluctuation theorem
 * &lt;exp(-s)&gt; = 1 and the Kish effective sample size (sum w)^2 / sum w^2. The sums are kept
 * relative to the largest -s seen (stored as its logarithm), so one window with s = -800 neither
 * overflows nor wipes out the others' digits. Not thread-safe.
 */
public final class ExponentialSums {
    private long count;
    /** ln of the scale: the largest -s so far (-infinity when empty). */
    private double shift = Double.NEGATIVE_INFINITY;
    /** sum of exp(-s - shift) and of exp(-2 s - 2 shift). */
    private double sum;
    private double squares;

    private ExponentialSums() {
    }

    public static ExponentialSums create() {
        return new ExponentialSums();
    }

    public void accept(double s) {
        double x = -s;
        if (x > shift) {
            rescale(x);
        }
        double w = Math.exp(x - shift);
        sum += w;
        squares += w * w;
        count++;
    }

    private void rescale(double to) {
        if (count > 0) {
            double f = Math.exp(shift - to);
            sum *= f;
            squares *= f * f;
        }
        shift = to;
    }

    public ExponentialSums combine(ExponentialSums other) {
        if (other.count == 0) {
            return this;
        }
        if (other.shift > shift) {
            rescale(other.shift);
        }
        double f = Math.exp(other.shift - shift);
        sum += other.sum * f;
        squares += other.squares * f * f;
        count += other.count;
        return this;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeLong(Double.doubleToRawLongBits(shift));
        out.writeLong(Double.doubleToRawLongBits(sum));
        out.writeLong(Double.doubleToRawLongBits(squares));
    }

    /** The sums {@link #write} wrote, bit for bit. */
    public static ExponentialSums read(DataInput in) throws IOException {
        ExponentialSums e = new ExponentialSums();
        e.count = in.readLong();
        e.shift = Double.longBitsToDouble(in.readLong());
        e.sum = Double.longBitsToDouble(in.readLong());
        e.squares = Double.longBitsToDouble(in.readLong());
        return e;
    }

    public long count() {
        return count;
    }

    /** ln sum exp(-s); -infinity when empty. */
    public double logSum() {
        return shift + Math.log(sum);
    }

    /** ln sum exp(-2 s); -infinity when empty. */
    public double logSumOfSquares() {
        return 2 * shift + Math.log(squares);
    }

    /** Kish's effective sample size (sum w)^2 / sum w^2, between 1 and the count; 0 when empty. */
    public double effectiveSize() {
        return count == 0 ? 0 : Math.exp(2 * logSum() - logSumOfSquares());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExponentialSums e && e.count == count && Double.compare(e.shift, shift) == 0
                && Double.compare(e.sum, sum) == 0 && Double.compare(e.squares, squares) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Double.hashCode(sum);
    }
}
