package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
import org.junit.jupiter.api.Test;

/**
 * The k-statistics of the exact power sums against an independent oracle: 80-digit central moments
 * of the raw values (deviations from the mean, not power sums), k_2 = n/(n-1) m_2,
 * k_3 = n^2/((n-1)(n-2)) m_3, k_4 = n^2((n+1) m_4 - 3(n-1) m_2^2)/((n-1)(n-2)(n-3)).
 */
class ReplicaMomentsTest {
    private static final MathContext MC = new MathContext(80);

    private static ReplicaMoments tally(long[] q) {
        ReplicaMoments m = ReplicaMoments.create(1);
        for (long x : q) {
            m.accept(new long[] {x}, new long[] {1});
        }
        return m;
    }

    private static BigDecimal[] oracle(long[] q) {
        BigDecimal n = BigDecimal.valueOf(q.length);
        BigDecimal sum = BigDecimal.ZERO;
        for (long x : q) {
            sum = sum.add(BigDecimal.valueOf(x));
        }
        BigDecimal mean = sum.divide(n, MC);
        BigDecimal[] m = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (long x : q) {
            BigDecimal d = BigDecimal.valueOf(x).subtract(mean, MC);
            BigDecimal d2 = d.multiply(d, MC);
            m[0] = m[0].add(d2, MC);
            m[1] = m[1].add(d2.multiply(d, MC), MC);
            m[2] = m[2].add(d2.multiply(d2, MC), MC);
        }
        BigDecimal m2 = m[0].divide(n, MC);
        BigDecimal m3 = m[1].divide(n, MC);
        BigDecimal m4 = m[2].divide(n, MC);
        BigDecimal n1 = n.subtract(BigDecimal.ONE);
        BigDecimal n2 = n.subtract(BigDecimal.valueOf(2));
        BigDecimal n3 = n.subtract(BigDecimal.valueOf(3));
        BigDecimal k2 = n.multiply(m2).divide(n1, MC);
        BigDecimal k3 = n.multiply(n).multiply(m3).divide(n1.multiply(n2), MC);
        BigDecimal k4 = n.multiply(n).multiply(n.add(BigDecimal.ONE).multiply(m4).subtract(
                BigDecimal.valueOf(3).multiply(n1).multiply(m2).multiply(m2), MC)).divide(n1.multiply(n2).multiply(n3), MC);
        return new BigDecimal[] {mean, k2, k3, k4};
    }

    /** Each k_n within half an ulp (and 1e-40 relative for the oracle's own digits) of the oracle. */
    private static void assertCorrectlyRounded(long[] q) {
        double[] k = tally(q).kStatistics(0);
        BigDecimal[] exact = oracle(q);
        for (int n = 0; n < 4; n++) {
            BigDecimal err = new BigDecimal(k[n]).subtract(exact[n]).abs();
            BigDecimal allowed = new BigDecimal(Math.ulp(k[n]) / 2).add(exact[n].abs().scaleByPowerOfTen(-40));
            assertTrue(err.compareTo(allowed) <= 0, "k_" + (n + 1) + " = " + k[n] + ", exact " + exact[n].round(
                    MathContext.DECIMAL64) + " (n = " + q.length + ")");
        }
    }

    private static long[] random(SplittableRandom rng, int n, long centre, long spread) {
        long[] q = new long[n];
        for (int i = 0; i < n; i++) {
            q[i] = centre + rng.nextLong(-spread, spread + 1);
        }
        return q;
    }

    @Test
    void correctlyRoundedOnRandomIntegers() {
        SplittableRandom rng = new SplittableRandom(16);
        long[][] shapes = {{0, 3}, {100, 40}, {-500, 2000}, {50_000, 10_000}, {1_000_000_000_000L, 1},
            {-1_000_000_000_000L, 1_000_000}, {1_000_000_000_000L, 1_000_000_000_000L}, {0, 55_108}, {55_108, 2}};
        for (long[] s : shapes) {
            for (int n : new int[] {4, 5, 17, 160, 2560}) {
                assertCorrectlyRounded(random(rng, n, s[0], s[1]));
            }
        }
        // skewed and heavy-tailed: rare large values among small ones
        for (int t = 0; t < 20; t++) {
            long[] q = random(rng, 1000, 2, 2);
            q[rng.nextInt(q.length)] = 1_000_000_000_000L;
            q[rng.nextInt(q.length)] = -rng.nextLong(1, 100_000);
            assertCorrectlyRounded(q);
        }
    }

    @Test
    void agreesWithTheLibraryMomentsOnOrdinaryData() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            long[] q = new long[8 + rng.nextInt(2000)];
            for (int i = 0; i < q.length; i++) {
                // a skewed count: sum of a few geometric exchanges, as replica energies are
                q[i] = rng.nextInt(200) + (rng.nextInt(10) == 0 ? rng.nextInt(400) : 0) - 50;
            }
            DoubleStatistics s = DoubleStatistics.of(Statistic.MEAN, Statistic.VARIANCE, Statistic.SKEWNESS,
                    Statistic.KURTOSIS);
            for (long x : q) {
                s.accept(x);
            }
            double k2 = s.getAsDouble(Statistic.VARIANCE);
            double[] old = {s.getAsDouble(Statistic.MEAN), k2, s.getAsDouble(Statistic.SKEWNESS) * Math.pow(k2, 1.5),
                s.getAsDouble(Statistic.KURTOSIS) * k2 * k2};
            double[] k = tally(q).kStatistics(0);
            for (int n = 0; n < 4; n++) {
                // k_3, k_4 cancel: measure their error against the scale of k_2^(n/2)
                double scale = Math.max(Math.abs(old[n]), n < 2 ? 0 : Math.pow(k2, (n + 1) / 2.0));
                assertEquals(old[n], k[n], 1e-12 * scale, "k_" + (n + 1));
            }
        }
    }

    @Test
    void degenerateCasesAsBefore() {
        double nan = Double.NaN;
        assertArrayEquals(new double[] {nan, nan, nan, nan}, tally(new long[0]).kStatistics(0));
        assertArrayEquals(new double[] {7, 0, 0, 0}, tally(new long[] {7}).kStatistics(0));
        assertArrayEquals(new double[] {7.5, 0.5, nan, nan}, tally(new long[] {7, 8}).kStatistics(0));
        assertArrayEquals(new double[] {-9, 0, 0, 0}, tally(new long[] {-9, -9}).kStatistics(0));
        assertArrayEquals(new double[] {8, 1, 0, nan}, tally(new long[] {7, 8, 9}).kStatistics(0));
        assertArrayEquals(new double[] {1e12, 0, 0, 0}, tally(new long[] {1_000_000_000_000L, 1_000_000_000_000L,
            1_000_000_000_000L}).kStatistics(0));
        assertArrayEquals(new double[] {3, 0, 0, 0}, tally(new long[] {3, 3, 3, 3, 3}).kStatistics(0));
        // the library's values on the same data (it gives NaN skewness for n < 3, kurtosis for n < 4)
        for (long[] q : new long[][] {{7}, {7, 8}, {7, 8, 9}, {7, 8, 9, 12}, {3, 3, 3, 3, 3}}) {
            DoubleStatistics s = DoubleStatistics.of(Statistic.MEAN, Statistic.VARIANCE, Statistic.SKEWNESS,
                    Statistic.KURTOSIS);
            for (long x : q) {
                s.accept(x);
            }
            double[] k = tally(q).kStatistics(0);
            assertEquals(s.getAsDouble(Statistic.MEAN), k[0]);
            assertEquals(s.getAsDouble(Statistic.VARIANCE), k[1]);
            assertEquals(Double.isNaN(s.getAsDouble(Statistic.SKEWNESS)) && k[1] != 0, Double.isNaN(k[2]));
            assertEquals(Double.isNaN(s.getAsDouble(Statistic.KURTOSIS)) && k[1] != 0, Double.isNaN(k[3]));
        }
    }

    @Test
    void divideRoundsToNearestEven() {
        assertEquals(1.0 / 3, ReplicaMoments.divide(BigInteger.ONE, BigInteger.valueOf(3)));
        assertEquals(-2.0 / 3, ReplicaMoments.divide(BigInteger.valueOf(-2), BigInteger.valueOf(3)));
        BigInteger two53 = BigInteger.ONE.shiftLeft(53);
        BigInteger three = BigInteger.valueOf(3);
        // doubles next to 2^53 are 2 apart: 2^53 + 1 and 2^53 + 3 are ties, to even 2^53 and 2^53 + 4
        assertEquals(0x1p53, ReplicaMoments.divide(two53.add(BigInteger.ONE).multiply(three), three));
        assertEquals(0x1p53 + 4, ReplicaMoments.divide(two53.add(three).multiply(three), three));
        assertEquals(-0x1p53 - 4, ReplicaMoments.divide(two53.add(three).multiply(three).negate(), three));
        // 10^-30 above or below a tie decides
        BigInteger d = BigInteger.TEN.pow(30);
        assertEquals(0x1p53 + 2, ReplicaMoments.divide(two53.add(BigInteger.ONE).multiply(d).add(BigInteger.ONE), d));
        assertEquals(0x1p53 + 2, ReplicaMoments.divide(two53.add(three).multiply(d).subtract(BigInteger.ONE), d));
        assertEquals(1e300, ReplicaMoments.divide(new BigDecimal(1e300).toBigIntegerExact().multiply(d), d));
    }

    @Test
    void combinesExactlyInAnyOrder() throws IOException {
        SplittableRandom rng = new SplittableRandom(5);
        long[][] q = new long[3][3000];
        for (long[] row : q) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextInt(20) == 0 ? rng.nextLong(-3_000_000_000_000L, 3_000_000_000_000L) : rng.nextInt(5000);
            }
        }
        ReplicaMoments whole = ReplicaMoments.create(3);
        ReplicaMoments[] parts = {ReplicaMoments.create(3), ReplicaMoments.create(3), ReplicaMoments.create(3)};
        for (int i = 0; i < q[0].length; i++) {
            long[] e = {q[0][i], q[1][i], q[2][i]};
            long[] j = {i, 1, 2};
            whole.accept(e, j);
            parts[rng.nextInt(3)].accept(e, j);
        }
        ReplicaMoments a = ReplicaMoments.create(3).combine(parts[2]).combine(parts[0]).combine(parts[1]);
        ReplicaMoments b = travel(ReplicaMoments.create(3).combine(travel(parts[1])).combine(parts[2]).combine(parts[0]));
        for (ReplicaMoments m : new ReplicaMoments[] {a, b}) {
            assertEquals(whole.replicas(), m.replicas());
            assertArrayEquals(whole.jumps(), m.jumps());
            assertArrayEquals(bytes(whole), bytes(m));
            for (int r = 0; r < 3; r++) {
                assertArrayEquals(whole.kStatistics(r), m.kStatistics(r));
            }
        }
        for (int r = 0; r < 3; r++) {
            assertCorrectlyRounded(q[r]);
        }
    }

    private static byte[] bytes(ReplicaMoments m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static ReplicaMoments travel(ReplicaMoments m) throws IOException {
        return ReplicaMoments.read(new DataInputStream(new ByteArrayInputStream(bytes(m))));
    }

    /** The state of one reservoir, written by hand: count, jumps, four sums. */
    private static byte[] state(long n, long jumps, long... sums) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(1);
        out.writeLong(n);
        out.writeLong(jumps);
        for (long s : sums) {
            byte[] v = BigInteger.valueOf(s).toByteArray();
            out.writeByte(v.length);
            out.write(v);
        }
        return b.toByteArray();
    }

    private static void refused(byte[] state) {
        assertThrows(IOException.class, () -> ReplicaMoments.read(new DataInputStream(new ByteArrayInputStream(state))));
    }

    @Test
    void readRefusesStatesNoReplicasHave() throws IOException {
        // 1, 2, 3: S = 6, 14, 36, 98
        assertArrayEquals(state(3, 5, 6, 14, 36, 98), stateOf(new long[] {1, 2, 3}, 5));
        ReplicaMoments ok = ReplicaMoments.read(new DataInputStream(new ByteArrayInputStream(state(3, 5, 6, 14, 36, 98))));
        assertArrayEquals(tally(new long[] {1, 2, 3}).kStatistics(0), ok.kStatistics(0));
        refused(state(-3, 5, 6, 14, 36, 98));
        refused(state(3, -5, 6, 14, 36, 98));
        refused(state(0, 0, 0, 0, 0, 1));
        refused(state(0, 0, 1, 1, 1, 1));
        refused(state(3, 5, 6, -14, 36, 98));
        refused(state(3, 5, 6, 14, 36, 13));
        refused(state(3, 5, 7, 14, 36, 98)); // S_1^2 > n S_2
        refused(state(3, 5, 6, 14, 40, 98)); // S_3^2 > S_2 S_4
        refused(state(3, 5, 6, 18, 36, 98)); // S_2^2 > n S_4
        byte[] cut = state(3, 5, 6, 14, 36, 98);
        refused(java.util.Arrays.copyOf(cut, cut.length - 1));
        byte[] badLength = cut.clone();
        badLength[4 + 8 + 8] = 0;
        refused(badLength);
        badLength[4 + 8 + 8] = 41;
        refused(badLength);
    }

    private static byte[] stateOf(long[] q, long jumpsEach) throws IOException {
        ReplicaMoments m = ReplicaMoments.create(1);
        for (int i = 0; i < q.length; i++) {
            m.accept(new long[] {q[i]}, new long[] {i == 0 ? jumpsEach : 0});
        }
        return bytes(m);
    }

    @Test
    void sumsBeyond128BitsAreExact() {
        // |Q|^4 of 3e12 is ~8e49 (167 bits): the BigInteger path; 55108^4 summed 1000 times passes 2^63
        long[] q = new long[1000];
        for (int i = 0; i < q.length; i++) {
            q[i] = i % 3 == 0 ? 55_108 : i % 3 == 1 ? -55_108 : 3_000_000_000_000L + i;
        }
        assertCorrectlyRounded(q);
        assertCorrectlyRounded(new long[] {Long.MAX_VALUE / 4, Long.MIN_VALUE / 4, 0, 1, -1});
    }
}
