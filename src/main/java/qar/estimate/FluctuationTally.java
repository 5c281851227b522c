package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import java.util.Objects;

/**
 * What the fluctuation checks need from the windows of one length in one group: the total entropy
 * production s of each window in symmetric bins (detailed theorem) and as exp(-s) sums (integral
 * theorem), its plain sums (the mean entropy production of the TUR), the quanta of every reservoir
 * of the windows that end in the level they started from (exchange theorem: there the boundary
 * term vanishes), and the efficiency n_c / n_w (when the process has a cold and a work reservoir).
 * create / accept / combine, combined in group order. Not thread-safe.
 */
public final class FluctuationTally {
    private final EntropyHistogram entropy;
    private ExponentialSums integral = ExponentialSums.create();
    private final VectorHistogram closed;
    private final EfficiencyHistogram efficiency;
    private final int cold;
    private final int work;
    private double sum;
    private long windows;

    private FluctuationTally(EntropyHistogram entropy, VectorHistogram closed, EfficiencyHistogram efficiency,
            int cold, int work) {
        this.entropy = entropy;
        this.closed = closed;
        this.efficiency = efficiency;
        this.cold = cold;
        this.work = work;
    }

    /**
     * @param reservoirs number of reservoirs
     * @param binWidth   width of the entropy bins
     * @param cold       index of the cold reservoir, or -1 for no efficiency
     * @param work       index of the work reservoir, or -1 for no efficiency
     * @param scale      the efficiency bins' scale (see {@link EfficiencyHistogram}); ignored without roles
     * @param bins       number of efficiency bins, odd
     * @param threshold  efficiencies above it are counted apart (the Carnot value); NaN for none
     */
    public static FluctuationTally of(int reservoirs, double binWidth, int cold, int work, double scale, int bins,
            double threshold) {
        boolean roles = cold >= 0 && work >= 0;
        if (roles && (cold >= reservoirs || work >= reservoirs || cold == work)) {
            throw new IllegalArgumentException("cold " + cold + " and work " + work + " must be distinct reservoirs");
        }
        return new FluctuationTally(EntropyHistogram.of(binWidth), VectorHistogram.create(reservoirs),
                roles ? EfficiencyHistogram.of(scale, bins, threshold) : null, roles ? cold : -1, roles ? work : -1);
    }

    /**
     * One window.
     *
     * @param quanta  per reservoir, the quanta that entered the system
     * @param s       its total entropy production
     * @param closed  whether it ended in the level it started from
     */
    public void accept(long[] quanta, double s, boolean closed) {
        entropy.accept(s);
        integral.accept(s);
        sum += s;
        windows++;
        if (closed) {
            this.closed.accept(quanta);
        }
        if (efficiency != null) {
            efficiency.accept(quanta[cold], quanta[work]);
        }
    }

    public FluctuationTally combine(FluctuationTally other) {
        entropy.combine(other.entropy);
        integral.combine(other.integral);
        closed.combine(other.closed);
        if (efficiency != null) {
            efficiency.combine(other.efficiency);
        }
        sum += other.sum;
        windows += other.windows;
        return this;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(cold);
        out.writeInt(work);
        out.writeLong(Double.doubleToRawLongBits(sum));
        out.writeLong(windows);
        entropy.write(out);
        integral.write(out);
        closed.write(out);
        out.writeBoolean(efficiency != null);
        if (efficiency != null) {
            efficiency.write(out);
        }
    }

    /** The tally {@link #write} wrote, bit for bit. */
    public static FluctuationTally read(DataInput in) throws IOException {
        int cold = in.readInt();
        int work = in.readInt();
        double sum = Double.longBitsToDouble(in.readLong());
        long windows = in.readLong();
        EntropyHistogram entropy = EntropyHistogram.read(in);
        ExponentialSums integral = ExponentialSums.read(in);
        VectorHistogram closed = VectorHistogram.read(in);
        EfficiencyHistogram efficiency = in.readBoolean() ? EfficiencyHistogram.read(in) : null;
        FluctuationTally t = new FluctuationTally(entropy, closed, efficiency, cold, work);
        t.integral = integral;
        t.sum = sum;
        t.windows = windows;
        return t;
    }

    public long windows() {
        return windows;
    }

    /** Sum of s over the windows. */
    public double entropySum() {
        return sum;
    }

    public EntropyHistogram entropy() {
        return entropy;
    }

    public ExponentialSums integral() {
        return integral;
    }

    /** Quanta of the windows that ended in their start level. */
    public VectorHistogram closed() {
        return closed;
    }

    /** Null without a cold and a work reservoir. */
    public EfficiencyHistogram efficiency() {
        return efficiency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FluctuationTally f && f.windows == windows && Double.compare(f.sum, sum) == 0
                && f.entropy.equals(entropy) && f.integral.equals(integral) && f.closed.equals(closed)
                && Objects.equals(f.efficiency, efficiency);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(windows) * 31 + entropy.hashCode();
    }
}
