package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Accumulates, per reservoir, the mean, variance, skewness and kurtosis of the energy exchanged
 * by independent replicas (commons-statistics), plus their jump counts. Combine one per worker.
 * Not thread-safe.
 */
public final class ReplicaMoments {
    private final DoubleStatistics[] energy;
    private final long[] jumps;
    private long replicas;

    private ReplicaMoments(int reservoirs) {
        energy = new DoubleStatistics[reservoirs];
        for (int r = 0; r < reservoirs; r++) {
            energy[r] = DoubleStatistics.of(Statistic.MEAN, Statistic.VARIANCE, Statistic.SKEWNESS,
                    Statistic.KURTOSIS);
        }
        jumps = new long[reservoirs];
    }

    public static ReplicaMoments create(int reservoirs) {
        return new ReplicaMoments(reservoirs);
    }

    /** One replica: energy quanta and jumps per reservoir. */
    public void accept(long[] energyQuanta, long[] jumpCounts) {
        for (int r = 0; r < energy.length; r++) {
            energy[r].accept(energyQuanta[r]);
            jumps[r] += jumpCounts[r];
        }
        replicas++;
    }

    public ReplicaMoments combine(ReplicaMoments other) {
        if (other.energy.length != energy.length) {
            throw new IllegalArgumentException("different numbers of reservoirs");
        }
        for (int r = 0; r < energy.length; r++) {
            energy[r].combine(other.energy[r]);
            jumps[r] += other.jumps[r];
        }
        replicas += other.replicas;
        return this;
    }

    /** Writes the exact state (see {@link #read}). */
    public void write(DataOutput out) throws IOException {
        out.writeInt(energy.length);
        out.writeLong(replicas);
        for (int r = 0; r < energy.length; r++) {
            out.writeLong(jumps[r]);
            StatisticsState.write(energy[r], out);
        }
    }

    /** A tally equal bit for bit to the one {@link #write} wrote: it combines and estimates alike. */
    public static ReplicaMoments read(DataInput in) throws IOException {
        int k = in.readInt();
        if (k < 1 || k > 1 << 16) {
            throw new IOException("bad number of reservoirs " + k);
        }
        ReplicaMoments m = new ReplicaMoments(k);
        m.replicas = in.readLong();
        for (int r = 0; r < k; r++) {
            m.jumps[r] = in.readLong();
            StatisticsState.read(m.energy[r], in);
        }
        return m;
    }

    public long replicas() {
        return replicas;
    }

    public int reservoirs() {
        return energy.length;
    }

    public long[] jumps() {
        return jumps.clone();
    }

    /**
     * Unbiased k-statistics k_1 .. k_4 of one reservoir's energy (quanta): the mean, the sample
     * variance, and G1 k2^(3/2), G2 k2^2 with commons-statistics' unbiased skewness G1 = k3/k2^(3/2)
     * and kurtosis G2 = k4/k2^2.
     */
    public double[] kStatistics(int reservoir) {
        DoubleStatistics s = energy[reservoir];
        double k2 = s.getAsDouble(Statistic.VARIANCE);
        double k3 = k2 == 0 ? 0 : s.getAsDouble(Statistic.SKEWNESS) * Math.pow(k2, 1.5);
        double k4 = k2 == 0 ? 0 : s.getAsDouble(Statistic.KURTOSIS) * k2 * k2;
        return new double[] {s.getAsDouble(Statistic.MEAN), k2, k3, k4};
    }
}
