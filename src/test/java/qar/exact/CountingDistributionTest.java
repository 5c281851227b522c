package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/** Exact finite-time counting distributions against closed forms and a BigDecimal master equation. */
class CountingDistributionTest {
    private static final MathContext MC = new MathContext(50);

    /** Two levels, every jump counted as one quantum at rate a: the count is Poisson(a t) from any start. */
    static JumpProcess poisson(double a) {
        return JumpProcess.of(2, 1.0, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, a, 1)));
    }

    /**
     * P(n) = e^{-at} (at)^n / n! in 50 digits, from n = 0 (bulk, P ~ 0.1) to n = 150 (P ~ 1e-149).
     * Error budget: M(s) carries ~ mu t u (K + Taylor terms) ~ 5 * 1.1e-16 * 60 = 3e-14 relative,
     * and each P(n) adds its DFT noise over P_s(n), below 1e-14 where the tilt ladder puts n within
     * 1.5 tilted sigmas of a tilted mean: 1e-12 relative, with margin.
     */
    @Test
    void poissonCounterMatchesTheClosedFormIntoTheFarTail() {
        double a = 2.5;
        double t = 2.0;
        CountingDistribution.Result r = CountingDistribution.of(poisson(a), 0)
                .distribution(t, new double[] {1, 0}, 1e-200);
        assertEquals(0, r.nMin(), "the count never decreases: the lower Chernoff end is n = 0");
        assertTrue(r.nMax() >= 150, "window reaches the 1e-200 tail, got " + r.nMax());
        assertTrue(r.massLeftOut() <= 1e-200);
        BigDecimal at = new BigDecimal(a * t);
        BigDecimal e = BigDecimalMath.exp(at.negate(), MC);
        List<Executable> checks = new ArrayList<>();
        BigDecimal term = e;
        for (int n = 0; n <= 150; n++) {
            if (n > 0) {
                term = term.multiply(at, MC).divide(BigDecimal.valueOf(n), MC);
            }
            double exact = term.doubleValue();
            double got = r.at(n);
            int k = n;
            checks.add(() -> assertEquals(exact, got, 1e-12 * exact, "P(" + k + ")"));
        }
        assertAll(checks);
    }

    /** Three levels, counted jumps of +-2 and +-4 quanta (step 2), an uncounted reservoir, rates over 3 decades. */
    static JumpProcess chain() {
        List<Channel> c = List.of(
                new Channel(0, 1, 0, 1.3, 2), new Channel(1, 0, 0, 0.4, -2),
                new Channel(1, 2, 0, 0.02, 4), new Channel(2, 1, 1, 2.2, 0),
                new Channel(2, 0, 0, 0.7, -6), new Channel(0, 2, 1, 0.05, 0),
                new Channel(1, 0, 1, 3.0, 0));
        return JumpProcess.of(3, 1.0, List.of(new Reservoir("a", Double.NaN), new Reservoir("b", Double.NaN)), c);
    }

    /**
     * The n-resolved master equation dP(n)/dt = L0 P(n) + sum_q J_q P(n - q), solved by its Taylor
     * series P(t) = sum_k t^k/k! G^k P(0) in 50 digits: with ||G|| t <= 2 * 4.3 * 0.8 < 7, 120
     * terms leave 7^120/120! < 1e-95; the n range grows by at most 6 quanta per term and is kept whole.
     */
    static BigDecimal[] oracle(JumpProcess p, double[] rho0, double t, int terms, int offset, int width) {
        int d = p.dimension();
        BigDecimal[][] cur = new BigDecimal[width][d];
        BigDecimal[][] sum = new BigDecimal[width][d];
        for (int n = 0; n < width; n++) {
            for (int b = 0; b < d; b++) {
                cur[n][b] = BigDecimal.ZERO;
                sum[n][b] = BigDecimal.ZERO;
            }
        }
        for (int b = 0; b < d; b++) {
            cur[offset][b] = new BigDecimal(rho0[b]);
            sum[offset][b] = cur[offset][b];
        }
        BigDecimal bt = new BigDecimal(t);
        for (int k = 1; k <= terms; k++) {
            BigDecimal[][] next = new BigDecimal[width][d];
            for (int n = 0; n < width; n++) {
                for (int b = 0; b < d; b++) {
                    next[n][b] = BigDecimal.ZERO;
                }
            }
            BigDecimal f = bt.divide(BigDecimal.valueOf(k), MC);
            for (Channel ch : p.channels()) {
                BigDecimal rate = new BigDecimal(ch.rate()).multiply(f, MC);
                int q = ch.reservoir() == 0 ? (int) ch.energy() : 0;
                for (int n = 0; n < width; n++) {
                    BigDecimal x = cur[n][ch.from()];
                    if (x.signum() == 0) {
                        continue;
                    }
                    BigDecimal flow = x.multiply(rate, MC);
                    next[n][ch.from()] = next[n][ch.from()].subtract(flow, MC);
                    int m = n + q;
                    if (m >= 0 && m < width) {
                        next[m][ch.to()] = next[m][ch.to()].add(flow, MC);
                    }
                }
            }
            cur = next;
            for (int n = 0; n < width; n++) {
                for (int b = 0; b < d; b++) {
                    sum[n][b] = sum[n][b].add(cur[n][b], MC);
                }
            }
        }
        BigDecimal[] out = new BigDecimal[width];
        for (int n = 0; n < width; n++) {
            BigDecimal s = BigDecimal.ZERO;
            for (int b = 0; b < d; b++) {
                s = s.add(sum[n][b], MC);
            }
            out[n] = s;
        }
        return out;
    }

    /**
     * Every P(n) of the chain at t = 0.8, from level 0 and from the stationary state, against the
     * oracle, and the first two moments of the returned distribution against the oracle's.
     * Budget: mu t = 4.3 * 0.8, so M(s) is good to ~1e-14; bulk values (P > 1e-8) to 1e-11
     * relative, tail values to 1e-9 (their tilt sits up to 1.5 tilted sigmas away); the moments sum
     * those, plus the mass left out (< 1e-12) times the window's n^2 (< 1e4): 1e-8 absolute.
     */
    @Test
    void chainMatchesTheMasterEquationOracle() {
        JumpProcess p = chain();
        double t = 0.8;
        int offset = 600;
        int width = 1200;
        double[] stationary = GthFactorization.of(p).stationaryState();
        List<Executable> checks = new ArrayList<>();
        double[][] starts = {{1, 0, 0}, stationary};
        CountingDistribution cd = CountingDistribution.of(p, 0);
        assertEquals(2, cd.step());
        for (double[] rho0 : starts) {
            BigDecimal[] exact = oracle(p, rho0, t, 120, offset, width);
            CountingDistribution.Result r = cd.distribution(t, rho0, CountingDistribution.DEFAULT_TAIL);
            double m1 = 0;
            double m2 = 0;
            double e1 = 0;
            double e2 = 0;
            for (int k = 0; k < r.probability().length; k++) {
                long n = r.n(k);
                double got = r.probability()[k];
                double ex = exact[(int) n + offset].doubleValue();
                double tol = ex > 1e-8 ? 1e-11 : 1e-9;
                checks.add(() -> assertEquals(ex, got, tol * ex, "P(" + n + ")"));
                m1 += got * n;
                m2 += got * n * n;
            }
            for (int n = -offset; n < width - offset; n++) {
                double ex = exact[n + offset].doubleValue();
                e1 += ex * n;
                e2 += ex * (double) n * n;
            }
            double fm1 = m1;
            double fm2 = m2;
            double fe1 = e1;
            double fe2 = e2;
            checks.add(() -> assertEquals(fe1, fm1, 1e-8, "mean"));
            checks.add(() -> assertEquals(fe2, fm2, 1e-8, "second moment"));
            checks.add(() -> assertTrue(r.massLeftOut() < 1e-12));
            // no NaN: every point of the window is resolved here
            checks.add(() -> assertEquals(1 - r.massLeftOut(), r.resolvedSum(), 1e-12, "sum"));
        }
        assertAll(checks);
    }

    /**
     * Refrigerator N = 31 at the defaults, t = 100, all three reservoirs from the stationary state:
     * the mean must be I t exactly (stationary start), the sum 1 - massLeftOut. Budget: every P(n)
     * carries ~ mu t u ~ 1.6e6 * 1.1e-16 = 2e-10 relative (measured 1 - sum: 3e-10 .. 6e-10), so 3e-9
     * relative on the mean and 3e-9 on the sum.
     */
    @Test
    void refrigeratorMeanIsTheCurrentTimesT() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        ExactSolution sol = ExactSolver.solve(p, 2);
        double t = 100;
        double[] rho = GthFactorization.of(p).stationaryState();
        List<Executable> checks = new ArrayList<>();
        for (int res = 0; res < 3; res++) {
            CountingDistribution.Result r = CountingDistribution.of(p, res).distribution(t, rho, CountingDistribution.DEFAULT_TAIL);
            double mean = 0;
            for (int k = 0; k < r.probability().length; k++) {
                mean += r.probability()[k] * r.n(k);
            }
            double expected = sol.reservoirs().get(res).current() * t / p.energyUnit();
            double m = mean;
            String name = r.reservoir();
            checks.add(() -> assertEquals(expected, m, 3e-9 * Math.abs(expected) + 1e-9, name + " mean"));
            checks.add(() -> assertEquals(1.0, r.resolvedSum(), 3e-9, name + " sum"));
            checks.add(() -> assertTrue(r.massLeftOut() < 1e-12, name + " mass left out"));
            for (double x : r.probability()) {
                checks.add(() -> assertFalse(Double.isNaN(x), name + " unresolved point"));
            }
        }
        assertAll(checks);
    }

    /**
     * One temperature for all three baths (detailed balance, zero currents): the tilt ladder ends
     * at the largest tilt that can be computed, where the central differences that place the
     * tilted distribution reach past it. It used to size that DFT at its maximum (2^16 points, 10 s
     * per reservoir); now the differences are taken inwards. Mean 0 and sum 1 as above (1e-9), and
     * the whole computation within 5 s (it takes ~0.3 s).
     */
    @Test
    void oneTemperatureEndsItsLadderInwards() {
        ModelParameters d = ModelParameters.defaults();
        JumpProcess p = Refrigerator.process(new ModelParameters(d.kind(), d.n(), d.omega(),
                new qar.model.Bath(1, d.cold().eps(), d.cold().delta(), d.cold().gamma()),
                new qar.model.Bath(1, d.hot().eps(), d.hot().delta(), d.hot().gamma()),
                new qar.model.Bath(1, d.work().eps(), d.work().delta(), d.work().gamma())));
        double[] rho = GthFactorization.of(p).stationaryState();
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            for (int res = 0; res < 2; res++) {
                CountingDistribution.Result r = CountingDistribution.of(p, res)
                        .distribution(10, rho, CountingDistribution.DEFAULT_TAIL);
                double mean = 0;
                for (int k = 0; k < r.probability().length; k++) {
                    // unresolved (NaN) values sit deep in the tails, below 1e-5 relative of their tilt
                    mean += Double.isNaN(r.probability()[k]) ? 0 : r.probability()[k] * r.n(k);
                }
                assertEquals(0.0, mean, 1e-9, r.reservoir() + " mean");
                assertEquals(1.0, r.resolvedSum(), 1e-9, r.reservoir() + " sum");
            }
        });
    }

    /**
     * N = 61 (31 levels; populations fall to 4e-62) from the stationary state at t = 10: the cut
     * keeps the populated levels (its bound, 1e-20 times the tail mass, is far below every value),
     * and the mean must still be I t. Budget as above: mu t u = 6e4 * 10 * 1.1e-16 = 7e-11 relative
     * per P(n), so 1e-9 relative on the mean and on the sum.
     */
    @Test
    void cutChainKeepsTheMeanAtLargeSize() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(61));
        ExactSolution sol = ExactSolver.solve(p, 2);
        double t = 10;
        double[] rho = GthFactorization.of(p).stationaryState();
        Truncation cut = Truncation.of(p, rho, rho, t, 1e-20 * CountingDistribution.DEFAULT_TAIL);
        CountingDistribution.Result r = CountingDistribution.of(p, 0).distribution(t, rho, CountingDistribution.DEFAULT_TAIL);
        double mean = 0;
        for (int k = 0; k < r.probability().length; k++) {
            mean += r.probability()[k] * r.n(k);
        }
        double expected = sol.reservoirs().get(0).current() * t / p.energyUnit();
        double m = mean;
        assertAll(
                () -> assertTrue(cut.kept().length < p.dimension(), "levels cut: " + cut.kept().length),
                () -> assertTrue(cut.bound() <= 1e-32 && cut.bound() > 0, "bound " + cut.bound()),
                () -> assertEquals(expected, m, 1e-9 * Math.abs(expected), "mean"),
                () -> assertEquals(1.0, r.resolvedSum(), 1e-9, "sum"),
                () -> assertTrue(r.massLeftOut() < 1e-12));
    }

    /**
     * A start on the top level of N = 61 has rho0 / pi ~ 1 / 4e-62: the coupling bound c t flux is
     * then far above any tolerance, so nothing may be cut.
     */
    @Test
    void startFarAboveStationaryIsNotCut() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(61));
        double[] pi = GthFactorization.of(p).stationaryState();
        double[] top = new double[p.dimension()];
        top[p.dimension() - 1] = 1;
        assertEquals(p, Truncation.of(p, pi, top, 1.0, 1e-32).process());
        assertTrue(Truncation.of(p, pi, pi, 1.0, 1e-32).process() != p);
    }

    @Test
    void levelStartDiffersFromStationaryStart() {
        JumpProcess p = chain();
        CountingDistribution cd = CountingDistribution.of(p, 0);
        CountingDistribution.Result a = cd.fromLevel(0.8, 2);
        CountingDistribution.Result b = cd.stationary(0.8);
        assertNotEquals(a.at(-6), b.at(-6));
        assertTrue(a.at(-6) > b.at(-6), "from level 2 the first jump is often 2 -> 0, -6 quanta");
    }

    @Test
    void rejectsBadArguments() {
        CountingDistribution cd = CountingDistribution.of(chain(), 0);
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> CountingDistribution.of(chain(), 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.fromLevel(1, 3)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.fromLevel(-1, 0)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.fromLevel(Double.NaN, 0)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.distribution(1, new double[] {0.5, 0.4, 0}, 1e-12)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.distribution(1, new double[] {1, 0}, 1e-12)),
                () -> assertThrows(IllegalArgumentException.class, () -> cd.distribution(1, new double[] {1, 0, 0}, 0)));
    }
}
