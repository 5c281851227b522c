package qar.estimate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Accumulates, per reservoir, the exact power sums S_p = sum of Q^p (p = 1 .. 4) of the energy Q
 * (integer quanta) exchanged by independent replicas, plus their jump counts. Integer sums are
 * exact, so a tally combines, travels (write/read) and estimates alike in any order, and the
 * k-statistics are the exact ones rounded once. Combine one per worker. Not thread-safe.
 */
public final class ReplicaMoments {
    private static final int POWERS = 4;
    /** Largest |Q| whose fourth power fits a long: 55108^4 &lt; 2^63 &lt; 55109^4. */
    private static final long SMALL = 55_108;
    /** Largest byte length of one written sum: |Q|^4 &lt; 2^252 summed over &lt; 2^63 replicas. */
    private static final int MAX_BYTES = 40;

    private final ExactSum[][] sums;
    private final long[] jumps;
    private long replicas;

    private ReplicaMoments(int reservoirs) {
        sums = new ExactSum[reservoirs][POWERS];
        for (ExactSum[] s : sums) {
            for (int p = 0; p < POWERS; p++) {
                s[p] = new ExactSum();
            }
        }
        jumps = new long[reservoirs];
    }

    public static ReplicaMoments create(int reservoirs) {
        return new ReplicaMoments(reservoirs);
    }

    /** One replica: energy quanta and jumps per reservoir. */
    public void accept(long[] energyQuanta, long[] jumpCounts) {
        for (int r = 0; r < sums.length; r++) {
            long q = energyQuanta[r];
            ExactSum[] s = sums[r];
            if (Math.abs(q) <= SMALL) {
                long q2 = q * q;
                s[0].add(q);
                s[1].add(q2);
                s[2].add(q2 * q);
                s[3].add(q2 * q2);
            } else {
                BigInteger b = BigInteger.valueOf(q);
                BigInteger b2 = b.multiply(b);
                s[0].add(q);
                s[1].add(b2);
                s[2].add(b2.multiply(b));
                s[3].add(b2.multiply(b2));
            }
            jumps[r] += jumpCounts[r];
        }
        replicas++;
    }

    public ReplicaMoments combine(ReplicaMoments other) {
        if (other.sums.length != sums.length) {
            throw new IllegalArgumentException("different numbers of reservoirs");
        }
        for (int r = 0; r < sums.length; r++) {
            for (int p = 0; p < POWERS; p++) {
                sums[r][p].add(other.sums[r][p].value());
            }
            jumps[r] += other.jumps[r];
        }
        replicas += other.replicas;
        return this;
    }

    /** Writes the exact state: the replicas, and per reservoir its jumps and the four sums. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(sums.length);
        out.writeLong(replicas);
        for (int r = 0; r < sums.length; r++) {
            out.writeLong(jumps[r]);
            for (ExactSum s : sums[r]) {
                byte[] b = s.value().toByteArray();
                out.writeByte(b.length);
                out.write(b);
            }
        }
    }

    /**
     * The tally {@link #write} wrote. Refuses a state no replicas can have: a negative count or jump
     * count, sums of replicas where there are none, S_4 &lt; S_2 (integers: Q^4 &gt;= Q^2) and sums that
     * break Cauchy-Schwarz (S_1^2 &lt;= n S_2, S_2^2 &lt;= n S_4, S_3^2 &lt;= S_2 S_4).
     */
    public static ReplicaMoments read(DataInput in) throws IOException {
        int k = in.readInt();
        if (k < 1 || k > 1 << 16) {
            throw new IOException("bad number of reservoirs " + k);
        }
        ReplicaMoments m = new ReplicaMoments(k);
        m.replicas = in.readLong();
        if (m.replicas < 0) {
            throw new IOException("negative number of replicas " + m.replicas);
        }
        BigInteger n = BigInteger.valueOf(m.replicas);
        for (int r = 0; r < k; r++) {
            m.jumps[r] = in.readLong();
            if (m.jumps[r] < 0) {
                throw new IOException("negative number of jumps " + m.jumps[r]);
            }
            BigInteger[] s = new BigInteger[POWERS];
            for (int p = 0; p < POWERS; p++) {
                int length = in.readUnsignedByte();
                if (length < 1 || length > MAX_BYTES) {
                    throw new IOException("bad length " + length + " of a power sum");
                }
                byte[] b = new byte[length];
                in.readFully(b);
                s[p] = new BigInteger(b);
                m.sums[r][p].add(s[p]);
            }
            if (s[3].compareTo(s[1]) < 0 || m.replicas == 0 && s[3].signum() != 0
                    || s[1].signum() < 0 || s[0].pow(2).compareTo(n.multiply(s[1])) > 0
                    || s[1].pow(2).compareTo(n.multiply(s[3])) > 0 || s[2].pow(2).compareTo(s[1].multiply(s[3])) > 0) {
                throw new IOException("power sums no " + m.replicas + " replicas can have");
            }
        }
        return m;
    }

    public long replicas() {
        return replicas;
    }

    public int reservoirs() {
        return sums.length;
    }

    public long[] jumps() {
        return jumps.clone();
    }

    /**
     * Unbiased k-statistics k_1 .. k_4 of one reservoir's energy (quanta): the mean, the sample
     * variance, and G1 k2^(3/2), G2 k2^2 with the unbiased skewness G1 = k3/k2^(3/2) and kurtosis
     * G2 = k4/k2^2 (commons-statistics' SKEWNESS and KURTOSIS), each the exact rational of the
     * power sums rounded once. As before the exact sums: NaN where a statistic needs more replicas
     * (k_1 and k_2: 1 and 2, but k_2 is 0 of one replica; k_3: 3; k_4: 4), and k_3 = k_4 = 0 where
     * k_2 is 0.
     */
    public double[] kStatistics(int reservoir) {
        long count = replicas;
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        ExactSum[] e = sums[reservoir];
        BigInteger s1 = e[0].value();
        BigInteger s2 = e[1].value();
        BigInteger s3 = e[2].value();
        BigInteger s4 = e[3].value();
        BigInteger n = BigInteger.valueOf(count);
        double k1 = divide(s1, n);
        if (count == 1) {
            return new double[] {k1, 0, 0, 0};
        }
        BigInteger n1 = BigInteger.valueOf(count - 1);
        // n(n-1) k2 = n S2 - S1^2
        BigInteger c2 = n.multiply(s2).subtract(s1.multiply(s1));
        if (c2.signum() == 0) {
            return new double[] {k1, 0, 0, 0};
        }
        double k2 = divide(c2, n.multiply(n1));
        if (count == 2) {
            return new double[] {k1, k2, Double.NaN, Double.NaN};
        }
        // n(n-1)(n-2) k3 = n^2 S3 - 3 n S1 S2 + 2 S1^3
        BigInteger n2 = BigInteger.valueOf(count - 2);
        BigInteger s1s1 = s1.multiply(s1);
        BigInteger c3 = n.multiply(n).multiply(s3).subtract(BigInteger.valueOf(3).multiply(n).multiply(s1).multiply(s2))
                .add(BigInteger.TWO.multiply(s1s1).multiply(s1));
        double k3 = divide(c3, n.multiply(n1).multiply(n2));
        if (count == 3) {
            return new double[] {k1, k2, k3, Double.NaN};
        }
        // n(n-1)(n-2)(n-3) k4 = n^2 (n+1) S4 - 4 n (n+1) S1 S3 - 3 n (n-1) S2^2 + 12 n S1^2 S2 - 6 S1^4
        BigInteger n3 = BigInteger.valueOf(count - 3);
        BigInteger np1 = n.add(BigInteger.ONE);
        BigInteger c4 = n.multiply(n).multiply(np1).multiply(s4)
                .subtract(BigInteger.valueOf(4).multiply(n).multiply(np1).multiply(s1).multiply(s3))
                .subtract(BigInteger.valueOf(3).multiply(n).multiply(n1).multiply(s2).multiply(s2))
                .add(BigInteger.valueOf(12).multiply(n).multiply(s1s1).multiply(s2))
                .subtract(BigInteger.valueOf(6).multiply(s1s1).multiply(s1s1));
        double k4 = divide(c4, n.multiply(n1).multiply(n2).multiply(n3));
        return new double[] {k1, k2, k3, k4};
    }

    /**
     * p / q (q &gt; 0) correctly rounded to the nearest double: an integer quotient of 55 or 56
     * bits with a sticky last bit for a nonzero remainder rounds once, exactly as the rational.
     */
    static double divide(BigInteger p, BigInteger q) {
        if (p.signum() == 0) {
            return 0;
        }
        BigInteger a = p.abs();
        int shift = 55 - (a.bitLength() - q.bitLength());
        BigInteger[] qr = shift >= 0 ? a.shiftLeft(shift).divideAndRemainder(q)
                : a.divideAndRemainder(q.shiftLeft(-shift));
        BigInteger quotient = qr[1].signum() == 0 ? qr[0] : qr[0].setBit(0);
        return p.signum() * Math.scalb(quotient.doubleValue(), -shift);
    }

    /**
     * An exact integer sum: terms that fit a long go to a 128-bit two's complement accumulator
     * (lo, hi), which fewer than 2^63 of them cannot overflow; larger terms to a BigInteger.
     */
    private static final class ExactSum {
        private long lo;
        private long hi;
        private BigInteger big = BigInteger.ZERO;

        void add(long term) {
            long sum = lo + term;
            hi += (term >> 63) + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
            lo = sum;
        }

        void add(BigInteger term) {
            big = big.add(term);
        }

        BigInteger value() {
            BigInteger low = lo >= 0 ? BigInteger.valueOf(lo) : BigInteger.valueOf(lo & Long.MAX_VALUE).setBit(63);
            return BigInteger.valueOf(hi).shiftLeft(64).add(low).add(big);
        }
    }
}
