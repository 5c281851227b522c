package qar.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
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
 * Finite-time cumulants with every transient: against a 64-digit oracle, the exact stationary mean,
 * the long-time asymptote and reference values of an independent high-precision computation.
 */
class FiniteTimeCumulantsTest {
    /** Unit roundoff of double. */
    private static final double U = 0x1p-53;
    private static final MathContext MC = new MathContext(64);

    /** Three levels, all pairs linked, signed integer weights, rates from 0.3 to 5. */
    private static JumpProcess threeLevels() {
        return JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN)), List.of(
                new Channel(0, 1, 0, 2.0, 1), new Channel(1, 0, 0, 0.7, -1),
                new Channel(1, 2, 0, 5.0, 3), new Channel(2, 1, 0, 0.3, -3),
                new Channel(0, 2, 0, 0.4, 4), new Channel(2, 0, 0, 1.1, 0)));
    }

    private static double[] weights(JumpProcess p) {
        return p.energyWeights(0);
    }

    /**
     * Oracle: the augmented matrix [[L, 0, ..], [L1, L, 0, ..], [L2/2, L1, L, ..], ..] of size
     * d (K+1), exponentiated at 64 digits; moments 1^T F_n rho0 and cumulants by the log series.
     */
    static BigDecimal[] oracle(JumpProcess p, double[] w, double[] rho0, int order, double t) {
        int d = p.dimension();
        int n = d * (order + 1);
        BigDecimal[][] a = new BigDecimal[n][n];
        for (BigDecimal[] row : a) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        List<Channel> chs = p.channels();
        for (int blk = 0; blk <= order; blk++) {
            for (int m = 0; m + blk <= order; m++) {
                int r0 = (blk + m) * d;
                int c0 = blk * d;
                BigDecimal fact = BigDecimal.ONE;
                for (int i = 2; i <= m; i++) {
                    fact = fact.multiply(BigDecimal.valueOf(i));
                }
                for (int k = 0; k < chs.size(); k++) {
                    Channel ch = chs.get(k);
                    BigDecimal rate = new BigDecimal(ch.rate());
                    BigDecimal v = rate.multiply(new BigDecimal(w[k]).pow(m)).divide(fact, MC);
                    a[r0 + ch.to()][c0 + ch.from()] = a[r0 + ch.to()][c0 + ch.from()].add(v);
                    if (m == 0) {
                        a[r0 + ch.from()][c0 + ch.from()] = a[r0 + ch.from()][c0 + ch.from()].subtract(rate);
                    }
                }
            }
        }
        BigDecimal[][] e = MatrixExponential.exp(a, new BigDecimal(t), MC);
        BigDecimal[] mom = new BigDecimal[order + 1];
        for (int k = 0; k <= order; k++) {
            BigDecimal acc = BigDecimal.ZERO;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    acc = acc.add(e[k * d + i][j].multiply(new BigDecimal(rho0[j]), MC), MC);
                }
            }
            mom[k] = acc;
        }
        BigDecimal[] c = new BigDecimal[order + 1];
        BigDecimal[] out = new BigDecimal[order];
        BigDecimal fact = BigDecimal.ONE;
        for (int k = 1; k <= order; k++) {
            BigDecimal acc = mom[k];
            for (int q = 1; q < k; q++) {
                acc = acc.subtract(BigDecimal.valueOf(q).multiply(c[q]).multiply(mom[k - q])
                        .divide(BigDecimal.valueOf(k), MC), MC);
            }
            c[k] = acc.divide(mom[0], MC);
            fact = fact.multiply(BigDecimal.valueOf(k));
            out[k - 1] = c[k].multiply(fact, MC);
        }
        return out;
    }

    /**
     * Moments carry relative errors of about (squarings + Taylor terms) d u ~ 40 u here (k <= 12
     * squarings, d = 3); the log series then cancels moments of the size of the n-th central moment,
     * (n-1)!! kappa_2^(n/2) for even n (kappa_2^(n/2) for odd n), so the bound is
     * 64 u (|kappa_n| + (n-1)!! kappa_2^(n/2)). Observed: at most 4.8e-13 relative (kappa_4, t = 200).
     */
    @Test
    void matchesTheOracleOnAThreeLevelChain() {
        JumpProcess p = threeLevels();
        double[] w = weights(p);
        double[] pi = GthFactorization.of(p).stationaryState();
        for (double[] rho0 : new double[][] {pi, FiniteTimeCumulants.level(3, 2)}) {
            FiniteTimeCumulants f = FiniteTimeCumulants.of(p, w, rho0, 4);
            for (double t : new double[] {0.01, 0.7, 3, 20, 200}) {
                double[] got = f.at(t);
                BigDecimal[] ex = oracle(p, w, rho0, 4, t);
                double k2 = ex[1].doubleValue();
                double[] spread = {0, k2, Math.pow(k2, 1.5), 3 * k2 * k2};
                for (int n = 0; n < 4; n++) {
                    double e = ex[n].doubleValue();
                    assertEquals(e, got[n], 64 * U * (Math.abs(e) + spread[n]), "n = " + (n + 1) + ", t = " + t);
                }
            }
        }
    }

    /**
     * From the stationary state <<Q_t>> = I t exactly. The computation is in double, so the net
     * current is known to ~u times the gross flow G = sum rate rho |w| it nets (the work reservoir's
     * resonant flips make G ~ 4e4 I): bound 64 u G t (observed 2e-13 I t for w at N = 31).
     */
    @Test
    void meanFromTheStationaryStateIsTheCurrentTimesT() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        double[] pi = GthFactorization.of(p).stationaryState();
        ExactSolution sol = ExactSolver.solve(p, 2);
        for (int r = 0; r < 3; r++) {
            double[] w = p.energyWeights(r);
            double gross = 0;
            for (int k = 0; k < w.length; k++) {
                Channel ch = p.channels().get(k);
                gross += ch.rate() * pi[ch.from()] * Math.abs(w[k]);
            }
            double current = sol.reservoirs().get(r).current();
            FiniteTimeCumulants.Series s = FiniteTimeCumulants.of(p, w, pi, 1).doubling(1e-3, 31);
            for (int j = 0; j < s.times().length; j++) {
                double t = s.times()[j];
                assertEquals(current * t, s.cumulant(j, 1), 64 * U * gross * t, "reservoir " + r + ", t = " + t);
            }
        }
    }

    /**
     * Far past the relaxation time (N = 7: slowest mode ~1e-2, so at t = 2^17 e^{-gap t} is nil)
     * <<Q_t^n>> = kappa_n t + g_n, both from the double-double recursion. The finite-time value
     * carries 64 u (|kappa_n| t + (n-1)!! (kappa_2 t)^(n/2)), as in the oracle test, plus the
     * conditioning floor 64 u G t of the net current.
     */
    @Test
    void approachesTheLongTimeAsymptote() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(7));
        double[] pi = GthFactorization.of(p).stationaryState();
        ExactSolution sol = ExactSolver.solve(p, 4);
        double[][] g = ExactSolver.of(p).finiteTimeOffsets(4);
        for (int r = 0; r < 3; r++) {
            double[] w = p.energyWeights(r);
            double gross = 0;
            for (int k = 0; k < w.length; k++) {
                Channel ch = p.channels().get(k);
                gross += ch.rate() * pi[ch.from()] * w[k] * w[k];
            }
            double[] kappa = sol.reservoirs().get(r).cumulants();
            FiniteTimeCumulants.Series s = FiniteTimeCumulants.of(p, w, pi, 4).doubling(0x1p17, 4);
            for (int j = 0; j < 4; j++) {
                double t = s.times()[j];
                double k2 = kappa[1] * t;
                double[] spread = {0, k2, Math.pow(k2, 1.5), 3 * k2 * k2};
                for (int n = 1; n <= 4; n++) {
                    double expected = kappa[n - 1] * t + g[r][n - 1];
                    double tol = 64 * U * (Math.abs(kappa[n - 1]) * t + spread[n - 1] + gross * t);
                    assertEquals(expected, s.cumulant(j, n), tol, "reservoir " + r + ", n = " + n + ", t = " + t);
                }
            }
        }
    }

    /**
     * An independent high-precision computation on the full model (3-4 digits quoted), where the
     * long-time formula kappa_4 + g_4 / T is far off (-43.8, -2244, 1.38e8). Tolerance: half a unit
     * in the last quoted digit.
     */
    @Test
    void reproducesTheHighPrecisionReferenceValues() {
        ModelParameters def = ModelParameters.defaults();
        Bath c = def.cold();
        Bath h = def.hot();
        Bath w = def.work();
        assertEquals(5.54, kappa4PerTime(def.withN(7), Refrigerator.HOT, 200), 0.005);
        ModelParameters hotter = def.withN(9).withBaths(new Bath(3, c.eps(), c.delta(), c.gamma()),
                new Bath(0.5, h.eps(), h.delta(), h.gamma()), w);
        assertEquals(66.56, kappa4PerTime(hotter, Refrigerator.HOT, 2000), 0.005);
        ModelParameters broad = def.withN(15).withBaths(c, h, new Bath(w.beta(), w.eps(), 0.05, w.gamma()));
        assertEquals(3.715e8, kappa4PerTime(broad, Refrigerator.COLD, 1000), 0.0005e8);
    }

    private static double kappa4PerTime(ModelParameters mp, int r, double t) {
        JumpProcess p = Refrigerator.process(mp);
        double[] pi = GthFactorization.of(p).stationaryState();
        return FiniteTimeCumulants.of(p, p.energyWeights(r), pi, 4).at(t)[3] / t;
    }

    /**
     * One temperature, stationary start: the dynamics is reversible, so Q_t and -Q_t are equally
     * likely and every odd cumulant is 0 at every t. The double computation leaves ~1e-13 there;
     * {@code resolved} must zero it and keep the even ones, which are O(1).
     */
    @Test
    void resolvedZeroesTheOddCumulantsOfAnEquilibrium() {
        ModelParameters def = ModelParameters.defaults().withN(7);
        ModelParameters eq = def.withBaths(new Bath(1, 2, 0.1, 1), new Bath(1, 6, 0.1, 1), new Bath(1, 4, 1e-3, 1));
        JumpProcess p = Refrigerator.process(eq);
        ExactSolution sol = ExactSolver.solve(p, 4);
        for (int r = 0; r < 3; r++) {
            for (double t : new double[] {0.7, 20, 200, 1e4}) {
                double[] raw = FiniteTimeCumulants.of(p, p.energyWeights(r), sol.populations(), 4).at(t);
                double[] got = FiniteTimeCumulants.resolved(raw, sol.reservoirs().get(r), t);
                String at = "reservoir " + r + ", t = " + t + ": " + java.util.Arrays.toString(raw);
                assertEquals(0.0, got[0], at);
                assertEquals(0.0, got[2], at);
                assertEquals(raw[1], got[1], at);
                assertEquals(raw[3], got[3], at);
            }
        }
    }

    /** Away from equilibrium nothing is zeroed: every cumulant of every reservoir stays, as computed. */
    @Test
    void resolvedKeepsTheCumulantsOfTheRefrigerator() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(7));
        ExactSolution sol = ExactSolver.solve(p, 4);
        for (int r = 0; r < 3; r++) {
            for (double t : new double[] {0.7, 20, 200, 1e4}) {
                double[] raw = FiniteTimeCumulants.of(p, p.energyWeights(r), sol.populations(), 4).at(t);
                assertArrayEquals(raw, FiniteTimeCumulants.resolved(raw, sol.reservoirs().get(r), t));
            }
        }
    }

    @Test
    void doublingAgreesWithSingleTimes() {
        JumpProcess p = threeLevels();
        FiniteTimeCumulants f = FiniteTimeCumulants.of(p, weights(p), FiniteTimeCumulants.level(3, 0), 3);
        FiniteTimeCumulants.Series s = f.doubling(0.3, 5);
        for (int j = 0; j < 5; j++) {
            double[] single = f.at(0.3 * (1 << j));
            for (int n = 1; n <= 3; n++) {
                // same squarings, except the first step length: agreement to rounding
                assertEquals(single[n - 1], s.cumulant(j, n), 1e-12 * (Math.abs(single[n - 1]) + 1));
            }
        }
        assertEquals(0.0, f.at(0)[0]);
    }

    @Test
    void rejectsBadArguments() {
        JumpProcess p = threeLevels();
        double[] w = weights(p);
        double[] rho = FiniteTimeCumulants.level(3, 0);
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, w, rho, 0));
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, w, rho, 9));
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, new double[2], rho, 2));
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, w, new double[] {0.5, 0.4, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, w, new double[] {1.5, -0.5, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> FiniteTimeCumulants.of(p, w, new double[2], 2));
        FiniteTimeCumulants f = FiniteTimeCumulants.of(p, w, rho, 2);
        assertThrows(IllegalArgumentException.class, () -> f.at(-1));
        assertThrows(IllegalArgumentException.class, () -> f.at(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> f.doubling(0, 3));
    }
}
