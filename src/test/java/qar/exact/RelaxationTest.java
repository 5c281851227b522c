package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qar.model.Bath;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;
import qar.model.SingleBath;
import qar.model.Spectral;

/** {@link Relaxation}: closed forms, a 60-digit Taylor series, and the properties App. C relies on. */
class RelaxationTest {
    private static final Bath FIG7 = new Bath(4, 1, 1, 1, Spectral.ohmic(100));

    /**
     * Two levels, down rate a, up rate b: rho_1(t) = pi_1 + (rho_1(0) - pi_1) exp(-(a + b) t), pi_1 = b / (a + b).
     * Stiff: a = 1e4 against b = 10, up to mu t = 1e4 uniformization steps; each step rounds each
     * population by a few u, so 1e4 steps leave about 1e-12 relative: tolerance 1e-11.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-5, 1e-4, 3e-4, 1e-3})
    void twoLevelsMatchTheClosedForm(double t) {
        double a = 1e4;
        double b = 10;
        JumpProcess p = JumpProcess.of(2, 1.0, List.of(new Reservoir("b", 1.0)),
                List.of(new Channel(1, 0, 0, a, -1), new Channel(0, 1, 0, b, 1)));
        double pi1 = b / (a + b);
        Relaxation r = Relaxation.of(p, new double[] {0, 1}, new double[] {Math.log1p(-pi1), Math.log(pi1)});
        double want = pi1 + (1 - pi1) * Math.exp(-(a + b) * t);
        double[] rho = r.at(t);
        assertEquals(want, rho[1], 1e-11 * want);
        assertEquals(1.0, rho[0] + rho[1], 1e-15);
        double s = rho[0] * Math.log(rho[0] / (1 - pi1)) + rho[1] * Math.log(rho[1] / pi1);
        assertEquals(s, r.relativeEntropy(t), 1e-10 * s + 1e-15);
    }

    /** f(u) = (1 + u) ln(1 + u) - u: the series near 0 against its leading terms, the formula beyond. */
    @Test
    void entropyTermIsAccurateNearEquilibrium() {
        double u = 1e-4;
        // sum_{k>=2} (-u)^k / (k (k - 1)) to k = 6; the rest is below u^7 / 42 ~ 2e-30
        double u5 = u * u * u * u * u;
        assertEquals(u * u / 2 - u * u * u / 6 + u * u * u * u / 12 - u5 / 20 + u5 * u / 30, Relaxation.f(u), 1e-16 * u * u);
        assertEquals(u * u / 2 + u * u * u / 6 + u * u * u * u / 12 + u5 / 20 + u5 * u / 30, Relaxation.f(-u), 1e-16 * u * u);
        for (double x : new double[] {-0.5, -0.0999, 0.0999, 0.3, 5}) {
            assertEquals((1 + x) * Math.log1p(x) - x, Relaxation.f(x), 1e-14 * Relaxation.f(x));
        }
        assertEquals(1.0, Relaxation.f(-1));
    }

    /**
     * Against exp(R t) rho(0) summed as a Taylor series in 60 digits (mu t <= 12: terms up to
     * 12^k / k! ~ 2e4, so 60 digits leave 50): N = 6 and 7 of App. C, beta_i = 1 -> beta_f = 4.
     * Every population to 1e-12 relative, the tiny ones included (pi of the top level ~ e^-36).
     */
    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void matchesAHighPrecisionTaylorSeries(int n) {
        JumpProcess p = SingleBath.process(n, 1, FIG7);
        double[] rho0 = SingleBath.thermal(n, 1, 1);
        Relaxation r = Relaxation.of(p, rho0, SingleBath.logThermal(n, 1, 4));
        double t = 12 / r.uniformizationRate();
        MathContext mc = new MathContext(60);
        int d = p.dimension();
        BigDecimal[] term = new BigDecimal[d];
        BigDecimal[] sum = new BigDecimal[d];
        for (int i = 0; i < d; i++) {
            term[i] = new BigDecimal(rho0[i]);
            sum[i] = term[i];
        }
        BigDecimal bt = new BigDecimal(t);
        for (int k = 1; k < 200; k++) {
            BigDecimal[] next = new BigDecimal[d];
            java.util.Arrays.fill(next, BigDecimal.ZERO);
            for (Channel ch : p.channels()) {
                BigDecimal flow = new BigDecimal(ch.rate()).multiply(term[ch.from()], mc);
                next[ch.from()] = next[ch.from()].subtract(flow, mc);
                next[ch.to()] = next[ch.to()].add(flow, mc);
            }
            BigDecimal scale = bt.divide(BigDecimal.valueOf(k), mc);
            for (int i = 0; i < d; i++) {
                term[i] = next[i].multiply(scale, mc);
                sum[i] = sum[i].add(term[i], mc);
            }
        }
        double[] rho = r.at(t);
        for (int i = 0; i < d; i++) {
            double want = sum[i].doubleValue();
            assertEquals(want, rho[i], 1e-12 * want, "level " + i);
        }
    }

    /** The final thermal state is stationary (detailed balance), to the last digits of every level. */
    @ParameterizedTest
    @ValueSource(ints = {2, 9, 20, 31})
    void thermalStateOfTheBathIsStationary(int n) {
        JumpProcess p = SingleBath.process(n, 1, FIG7);
        double[] pi = SingleBath.thermal(n, 1, 4);
        Relaxation r = Relaxation.of(p, pi, SingleBath.logThermal(n, 1, 4));
        double[] rho = r.at(10.0);
        for (int i = 0; i < pi.length; i++) {
            // about mu t = 1e4 .. 1e5 steps, a few u each
            // (subnormal tails, N = 31, carry absolute roundings of a few 2^-1074 instead)
            assertEquals(pi[i], rho[i], 1e-10 * pi[i] + 1e-300, "level " + i);
        }
        assertTrue(r.relativeEntropy(10.0) < 1e-20);
    }

    /**
     * Contractivity: S(rho(t) || pi) falls monotonically on a log grid for every N (down to its rounding floor), and t_th is where
     * it crosses the threshold (just above it a hair earlier).
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 13, 20})
    void relativeEntropyFallsAndCrossesAtTheThermalisationTime(int n) {
        Relaxation r = Relaxation.of(SingleBath.process(n, 1, FIG7), SingleBath.thermal(n, 1, 1), SingleBath.logThermal(n, 1, 4));
        double[] times = new double[61];
        for (int k = 0; k < times.length; k++) {
            times[k] = 1e-4 * Math.pow(10, k / 10.0);
        }
        double[] s = r.relativeEntropy(times);
        for (int k = 1; k < s.length; k++) {
            // the rounding floor: populations good to ~1e-12 relative leave S ~ sum pi (1e-12)^2 ~ 1e-24
            assertTrue(s[k] <= s[k - 1] || s[k] < 1e-24, "S rose at t = " + times[k] + ": " + s[k - 1] + " -> " + s[k]);
        }
        assertTrue(s[0] > 0.5, "far from equilibrium at first: " + s[0]);
        double tth = r.thermalisationTime(1e-6, times);
        assertTrue(r.relativeEntropy(tth) <= 1e-6);
        assertTrue(r.relativeEntropy(tth * (1 - 1e-8)) > 1e-6);
    }

    /**
     * S(rho_beta_i || rho_beta_f) = (beta_f - beta_i) <E>_i + ln Z_f - ln Z_i between two thermal
     * states: finite although rho_beta_f underflows to 0 on the top levels (N = 40: pi ~ e^-1600).
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 40, 80})
    void initialRelativeEntropyIsTheThermalClosedForm(int n) {
        double[] rho0 = SingleBath.thermal(n, 1, 1);
        double[] logI = SingleBath.logThermal(n, 1, 1);
        double[] logF = SingleBath.logThermal(n, 1, 4);
        // ln Z = -ln p_0 (E_0 = 0)
        double mean = 0;
        for (int i = 0; i < rho0.length; i++) {
            mean += rho0[i] * qar.model.Refrigerator.gap(n, i, 0);
        }
        double want = 3 * mean - logF[0] + logI[0];
        Relaxation r = Relaxation.of(SingleBath.process(n, 1, FIG7), rho0, logF);
        assertEquals(want, r.relativeEntropy(0.0), 1e-13 * want);
        if (n >= 40) {
            // the case this guards: the target's top level is 0 as a double
            assertEquals(0.0, Math.exp(logF[logF.length - 1]));
        }
    }

    /**
     * The resolution of S covers the rounding: where the exact S is 0 (beta_i = beta_f), the S
     * computed from the rounded rates and propagation stays at or below it on the whole grid, for
     * even and odd N and for a Lorentzian bath as well.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 8, 13, 20, 31})
    void entropyResolutionCoversTheRoundingOfAnExactZero(int n) {
        for (Bath bath : List.of(FIG7, new Bath(2, 1, 0.1, 3, Spectral.lorentzian()))) {
            double beta = bath.beta();
            Relaxation r = Relaxation.of(SingleBath.process(n, 1, bath), SingleBath.thermal(n, 1, beta),
                    SingleBath.logThermal(n, 1, beta));
            double[] times = new double[41];
            for (int k = 0; k < times.length; k++) {
                times[k] = 1e-4 * Math.pow(10, k / 6.0);
            }
            double[] s = r.relativeEntropy(times);
            for (int k = 0; k < s.length; k++) {
                double res = r.entropyResolution(times[k]);
                assertTrue(s[k] <= res, "N = " + n + ", t = " + times[k] + ": S " + s[k] + " above " + res);
                // and it is a rounding floor, not a blanket: far below the 1e-6 criterion
                assertTrue(res < 1e-18, "resolution " + res);
            }
        }
    }
}
