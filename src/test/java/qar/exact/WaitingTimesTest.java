package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qar.exact.oracle.MatrixExponential;
import qar.model.Bath;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * Waiting times between watched jumps: App. C's zero-temperature decay, the all-jumps mixture of
 * exponentials, a stiff chain against a 64-digit matrix exponential, mean and variance identities.
 */
class WaitingTimesTest {
    private static final MathContext MC = new MathContext(64);
    /** Unit roundoff of double. */
    private static final double U = 0x1p-53;

    /**
     * App. C: one reservoir (the cold bath's spectral density) at zero temperature, Jx coupling:
     * only decays a+1 -> a at R_a = Gamma(E_{a+1} - E_a) (j(j+1) - a(a+1)) / 4, built by hand.
     */
    private static JumpProcess zeroTemperature(int n) {
        Bath bath = ModelParameters.defaults().cold();
        int d = (n + 1) / 2;
        double jj = n / 2.0 * (n / 2.0 + 1);
        List<Channel> chs = new ArrayList<>();
        for (int i = 0; i + 1 < d; i++) {
            double a = i + 0.5;
            double rate = bath.spectralDensity(2 * a + 1) * (jj - a * (a + 1)) / 4;
            chs.add(new Channel(i + 1, i, 0, rate, -(2L * i + 2)));
        }
        return JumpProcess.of(d, 1.0, List.of(new Reservoir("c", Double.POSITIVE_INFINITY)), chs);
    }

    @Test
    void zeroTemperatureSteadyStateHasNoWatchedJumps() {
        JumpProcess p = zeroTemperature(9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WaitingTimes.of(p, WaitingTimes.allJumps(p)));
        assertTrue(e.getMessage().contains("no watched jump"), e.getMessage());
    }

    /**
     * Eq. (C3): from a0 = N/2 the time to reach the ground state (watching only the last decay,
     * 3/2 -> 1/2) has mean sum_{a=3/2}^{a0} 4 / (Gamma((2a-1)) [j(j+1) - a(a-1)]) and, as a sum of
     * independent exponentials, the hypoexponential density sum_i R_i e^{-R_i tau} prod_{k != i}
     * R_k / (R_k - R_i), evaluated at 64 digits. The double computation adds nonnegative terms
     * only: the GTH mean to ~d u, the propagator to ~(squarings + Taylor terms) d u, times the
     * conditioning R tau of e^{-R tau} (<= 30 at the last tau): 1e-12 relative.
     */
    @Test
    void zeroTemperatureRelaxationMatchesAppendixC() {
        int n = 9;
        JumpProcess p = zeroTemperature(n);
        int d = p.dimension();
        Bath bath = ModelParameters.defaults().cold();
        double jj = n / 2.0 * (n / 2.0 + 1);
        double c3 = 0;
        for (double a = 1.5; a <= n / 2.0; a++) {
            c3 += 4 / (bath.spectralDensity(2 * a - 1) * (jj - a * (a - 1)));
        }
        boolean[] last = new boolean[p.channels().size()];
        last[0] = true;
        WaitingTimes wt = WaitingTimes.afterStart(p, last, FiniteTimeCumulants.level(d, d - 1));
        assertEquals(c3, wt.mean(), 1e-14 * c3);
        BigDecimal[] r = new BigDecimal[d - 1];
        double var = 0;
        for (int i = 0; i < d - 1; i++) {
            r[i] = new BigDecimal(p.channels().get(i).rate());
            var += 1 / (p.channels().get(i).rate() * p.channels().get(i).rate());
        }
        assertEquals(var, wt.variance(), 1e-13 * var);
        for (double x : new double[] {1e-3, 0.1, 1, 10, 30}) {
            double tau = x * c3;
            BigDecimal dens = BigDecimal.ZERO;
            BigDecimal surv = BigDecimal.ZERO;
            for (int i = 0; i < d - 1; i++) {
                BigDecimal prod = BigDecimal.ONE;
                for (int k = 0; k < d - 1; k++) {
                    if (k != i) {
                        prod = prod.multiply(r[k].divide(r[k].subtract(r[i]), MC), MC);
                    }
                }
                BigDecimal e = BigDecimalMath.exp(r[i].multiply(new BigDecimal(tau)).negate(), MC);
                dens = dens.add(prod.multiply(r[i]).multiply(e), MC);
                surv = surv.add(prod.multiply(e), MC);
            }
            assertEquals(dens.doubleValue(), wt.density(tau), 1e-12 * dens.doubleValue(), "density at " + tau);
            assertEquals(surv.doubleValue(), wt.survival(tau), 1e-12 * surv.doubleValue(), "survival at " + tau);
        }
        // every jump watched: the first decay from a0, R e^{-R tau} (App. C's omega_{a,a+1})
        WaitingTimes first = WaitingTimes.afterStart(p, WaitingTimes.allJumps(p), FiniteTimeCumulants.level(d, d - 1));
        double top = p.channels().get(d - 2).rate();
        for (double tau : new double[] {1e-4, 0.3, 3, 20}) {
            double expected = top * Math.exp(-top * tau);
            assertEquals(expected, first.density(tau), 1e-12 * expected);
        }
        assertEquals(1 / top, first.mean(), 1e-15 / top);
    }

    /**
     * Every jump watched: R0 is diagonal and w(tau) = sum_a esc_a p0_a e^{-esc_a tau},
     * S = sum_a p0_a e^{-esc_a tau}, p0 = J rho / 1^T J rho, E tau^2 = sum_a 2 p0_a / esc_a^2.
     * Escape rates span 1e3 .. 1e-6 at N = 31: without pinning the column sums the slow
     * exponentials would drift by u mu tau (1e-4 at tau = 1e9). Tolerance: (squarings + terms) u
     * ~ 100 u times the conditioning esc tau of each exponential, bounded by 64 u (1 + esc tau)
     * summed over the mixture, 1e-13 relative plus that.
     */
    @Test
    void allJumpsWatchedIsAMixtureOfExponentials() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        int d = p.dimension();
        double[] rho = GthFactorization.of(p).stationaryState();
        double[] esc = p.escapeRates();
        double[] p0 = new double[d];
        double total = 0;
        for (Channel ch : p.channels()) {
            p0[ch.to()] += ch.rate() * rho[ch.from()];
            total += ch.rate() * rho[ch.from()];
        }
        WaitingTimes wt = WaitingTimes.of(p, WaitingTimes.allJumps(p));
        double m2 = 0;
        double mean = 0;
        for (int a = 0; a < d; a++) {
            p0[a] /= total;
            mean += p0[a] / esc[a];
            m2 += 2 * p0[a] / (esc[a] * esc[a]);
        }
        assertEquals(mean, wt.mean(), 1e-14 * mean);
        assertEquals(1 / total, wt.mean(), 1e-13 * mean);
        assertEquals(m2 - mean * mean, wt.variance(), 1e-13 * m2);
        for (double tau : new double[] {1e-5, 1e-2, 1, 1e3, 1e6, 1e7}) {
            double dens = 0;
            double surv = 0;
            double bound = 0;
            for (int a = 0; a < d; a++) {
                double e = p0[a] * Math.exp(-esc[a] * tau);
                dens += esc[a] * e;
                surv += e;
                bound += 64 * U * (1 + esc[a] * tau) * esc[a] * e;
            }
            assertEquals(dens, wt.density(tau), 1e-13 * dens + bound, "density at " + tau);
            assertEquals(surv, wt.survival(tau), 1e-13 * surv + bound / esc[d - 1], "survival at " + tau);
        }
    }

    /**
     * A stiff three-level chain: levels 0 and 1 swap at 1e3, the watched leaks are 1e-6 and 3, so
     * the tail decays at ~3e-7 beside escape rates of 2e3. Oracle: exp(R0 tau) at 64 digits
     * (MatrixExponential, up to 2^44 squarings' worth of growth: 1e-47 left). Tolerance as in the
     * App. C test, with the conditioning lambda tau <= 30 of the slow mode: 1e-12 relative.
     */
    @Test
    void stiffChainMatchesTheHighPrecisionPropagator() {
        JumpProcess p = JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN)), List.of(
                new Channel(0, 1, 0, 1e3, 0), new Channel(1, 0, 0, 2e3, 0),
                new Channel(1, 2, 0, 1e-6, 1), new Channel(2, 0, 0, 0.5, 0),
                new Channel(2, 1, 0, 3.0, 1), new Channel(0, 2, 0, 1e-4, 0)));
        boolean[] watched = {false, false, true, false, true, false};
        WaitingTimes wt = WaitingTimes.of(p, watched);
        double[] rho = GthFactorization.of(p).stationaryState();
        BigDecimal[] p0 = new BigDecimal[3];
        java.util.Arrays.fill(p0, BigDecimal.ZERO);
        BigDecimal[][] r0 = new BigDecimal[3][3];
        for (BigDecimal[] row : r0) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        BigDecimal[] leak = new BigDecimal[3];
        java.util.Arrays.fill(leak, BigDecimal.ZERO);
        BigDecimal total = BigDecimal.ZERO;
        for (int k = 0; k < 6; k++) {
            Channel ch = p.channels().get(k);
            BigDecimal rate = new BigDecimal(ch.rate());
            r0[ch.from()][ch.from()] = r0[ch.from()][ch.from()].subtract(rate);
            if (watched[k]) {
                BigDecimal f = rate.multiply(new BigDecimal(rho[ch.from()]));
                p0[ch.to()] = p0[ch.to()].add(f);
                total = total.add(f);
                leak[ch.from()] = leak[ch.from()].add(rate);
            } else {
                r0[ch.to()][ch.from()] = r0[ch.to()][ch.from()].add(rate);
            }
        }
        for (int a = 0; a < 3; a++) {
            p0[a] = p0[a].divide(total, MC);
        }
        assertEquals(1 / total.doubleValue(), wt.mean(), 1e-13 / total.doubleValue());
        assertEquals(total.doubleValue(), wt.watchedRate(), 1e-15 * total.doubleValue());
        for (double tau : new double[] {1e-4, 0.01, 1, 1e3, 1e6, 3e7, 1e8}) {
            BigDecimal[][] e = MatrixExponential.exp(r0, new BigDecimal(tau), MC);
            BigDecimal dens = BigDecimal.ZERO;
            BigDecimal surv = BigDecimal.ZERO;
            for (int i = 0; i < 3; i++) {
                BigDecimal v = BigDecimal.ZERO;
                for (int j = 0; j < 3; j++) {
                    v = v.add(e[i][j].multiply(p0[j]), MC);
                }
                dens = dens.add(leak[i].multiply(v), MC);
                surv = surv.add(v, MC);
            }
            assertEquals(dens.doubleValue(), wt.density(tau), 1e-12 * dens.doubleValue(), "density at " + tau);
            assertEquals(surv.doubleValue(), wt.survival(tau), 1e-12 * surv.doubleValue(), "survival at " + tau);
            double cdf = BigDecimal.ONE.subtract(surv).doubleValue();
            assertEquals(cdf, wt.cdf(tau), 1e-12 * cdf, "cdf at " + tau);
        }
    }

    /**
     * Steady state: mean = 1 / (1^T J rho) (Kac), against the independent GTH solve; both are
     * sums of positive terms, ~d u each: 1e-13 relative at d = 16 and d = 151.
     */
    @Test
    void meanIsTheInverseWatchedRate() {
        for (int n : new int[] {31, 301}) {
            JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
            for (int r = 0; r < 3; r++) {
                WaitingTimes wt = WaitingTimes.of(p, WaitingTimes.reservoir(p, r));
                assertEquals(1 / wt.watchedRate(), wt.mean(), 1e-13 * wt.mean(), "N = " + n + ", reservoir " + r);
                assertTrue(wt.variance() > 0);
            }
        }
    }

    /**
     * The grid: CDF nondecreasing, cdf + survival = 1 (two sums of positive terms, each ~100 u:
     * 1e-14), survival below 1e-12 at the end, and the trapezoid integral of the density equal to
     * the CDF at the end within the trapezoid's own error, estimated from the nested grid of
     * 2n - 2 points (second order: the coarse error is ~4/3 of the difference; factor 2 spare).
     */
    @Test
    void gridCoversTheDistribution() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        for (int r = 0; r < 3; r++) {
            WaitingTimes wt = WaitingTimes.of(p, WaitingTimes.reservoir(p, r));
            WaitingTimes.Grid g = wt.grid(1000);
            WaitingTimes.Grid fine = wt.grid(1998);
            int last = g.tau().length - 1;
            assertEquals(0.0, g.tau()[0]);
            assertTrue(g.survival()[last] < 1e-12);
            for (int i = 0; i <= last; i++) {
                assertEquals(1.0, g.cdf()[i] + g.survival()[i], 1e-14, "at " + g.tau()[i]);
                assertEquals(g.tau()[i], fine.tau()[i == 0 ? 0 : 2 * i - 1], 1e-12 * g.tau()[i]);
                if (i > 0) {
                    assertTrue(g.cdf()[i] >= g.cdf()[i - 1] && g.tau()[i] > g.tau()[i - 1]);
                }
            }
            double coarse = trapezoid(g);
            double fineInt = trapezoid(fine);
            double end = g.cdf()[last];
            assertTrue(Math.abs(coarse - end) <= 2 * 4.0 / 3 * Math.abs(coarse - fineInt),
                    "coarse " + coarse + ", fine " + fineInt + ", cdf " + end);
            assertTrue(Math.abs(fineInt - end) <= Math.abs(coarse - end) / 3, "second-order convergence");
            assertTrue(Math.abs(coarse - end) < 1e-3);
        }
    }

    private static double trapezoid(WaitingTimes.Grid g) {
        double s = 0;
        for (int i = 1; i < g.tau().length; i++) {
            s += 0.5 * (g.density()[i] + g.density()[i - 1]) * (g.tau()[i] - g.tau()[i - 1]);
        }
        return s;
    }

    @Test
    void rejectsBadArguments() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        assertThrows(IllegalArgumentException.class, () -> WaitingTimes.of(p, new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> WaitingTimes.of(p, new boolean[p.channels().size()]));
        WaitingTimes wt = WaitingTimes.of(p, WaitingTimes.allJumps(p));
        assertThrows(IllegalArgumentException.class, () -> wt.density(-1));
        assertThrows(IllegalArgumentException.class, () -> wt.survival(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> wt.grid(2));
        assertThrows(IllegalArgumentException.class,
                () -> WaitingTimes.afterStart(p, WaitingTimes.allJumps(p), new double[] {1, 1, 0}));
    }
}
