package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.apache.commons.numbers.core.DD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * The constants g_n of the finite-time cumulants, <<Q_T^n>> = kappa_n T + g_n + O(e^{-gap T}),
 * which the sampler's report uses as the exact finite-time target.
 */
class FiniteTimeOffsetsTest {
    private static final MathContext MC = new MathContext(80);

    /**
     * Two levels, 0 -> 1 at rate a counted +1, 1 -> 0 at rate b uncounted. With L(s) =
     * [[-a, b], [a e^s, -b]], Perron root lam, right and left eigenvectors r = (b, lam + a),
     * l = (a e^s, lam + a) and pi = (b, a) / (a + b):
     * g(s) = ln[(1.r)(l.pi) / (l.r)] = ln[(a + b + lam)(a b e^s + a (lam + a)) / ((a + b)(a b e^s + (lam + a)^2))],
     * lam = (-(a + b) + sqrt((a - b)^2 + 4 a b e^s)) / 2. Derivatives at 0 by central differences
     * in 80-digit arithmetic with h = 1e-9: truncation ~h^2 = 1e-18 relative, rounding 1e-80 / h^4.
     * The solver's g_n come from a double-double recursion: 1e-10 relative is generous.
     */
    @ParameterizedTest
    @CsvSource({"1.0, 2.0", "0.3, 5.0", "7.0, 0.01"})
    void telegraphMatchesTheClosedForm(double a, double b) {
        JumpProcess p = JumpProcess.of(2, 1.0, List.of(new Reservoir("u", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, b, 0)));
        double[] g = ExactSolver.of(p).finiteTimeOffsets(4)[0];
        BigDecimal h = new BigDecimal("1e-9");
        BigDecimal[] f = new BigDecimal[5];
        for (int k = -2; k <= 2; k++) {
            f[k + 2] = offset(a, b, h.multiply(BigDecimal.valueOf(k)));
        }
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal d1 = f[3].subtract(f[1]).divide(two.multiply(h), MC);
        BigDecimal d2 = f[3].subtract(two.multiply(f[2])).add(f[1]).divide(h.pow(2), MC);
        BigDecimal d3 = f[4].subtract(two.multiply(f[3])).add(two.multiply(f[1])).subtract(f[0])
                .divide(two.multiply(h.pow(3)), MC);
        BigDecimal d4 = f[4].subtract(BigDecimal.valueOf(4).multiply(f[3])).add(BigDecimal.valueOf(6).multiply(f[2]))
                .subtract(BigDecimal.valueOf(4).multiply(f[1])).add(f[0]).divide(h.pow(4), MC);
        assertEquals(0.0, g[0], 1e-15 * Math.abs(d2.doubleValue()), "g_1 vanishes from a stationary start");
        assertEquals(0.0, d1.doubleValue(), 1e-12 * Math.abs(d2.doubleValue()), "oracle g_1");
        assertEquals(d2.doubleValue(), g[1], 1e-10 * Math.abs(d2.doubleValue()));
        assertEquals(d3.doubleValue(), g[2], 1e-10 * Math.abs(d3.doubleValue()) + 1e-14);
        assertEquals(d4.doubleValue(), g[3], 1e-10 * Math.abs(d4.doubleValue()) + 1e-14);
    }

    private static BigDecimal offset(double ad, double bd, BigDecimal s) {
        BigDecimal a = new BigDecimal(ad);
        BigDecimal b = new BigDecimal(bd);
        BigDecimal es = BigDecimalMath.exp(s, MC);
        BigDecimal ab = a.multiply(b, MC);
        BigDecimal disc = a.subtract(b).pow(2).add(BigDecimal.valueOf(4).multiply(ab).multiply(es), MC);
        BigDecimal lam = BigDecimalMath.sqrt(disc, MC).subtract(a.add(b)).divide(BigDecimal.valueOf(2), MC);
        BigDecimal la = lam.add(a);
        BigDecimal num = a.add(b).add(lam).multiply(ab.multiply(es).add(a.multiply(la)), MC);
        BigDecimal den = a.add(b).multiply(ab.multiply(es).add(la.multiply(la)), MC);
        return BigDecimalMath.log(num.divide(den, MC), MC);
    }

    /**
     * An independent formula for g_2 (time integral of the current autocorrelation):
     * Var Q_T = S T - 2 1^T L1 (L^D)^2 y + O(e^{-gap T}), y = (L1 - I) pi, evaluated with two
     * Drazin solves; both are double-double computations, so 1e-12 relative.
     */
    @Test
    void secondOffsetMatchesTheAutocorrelationIntegral() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(31));
        GthFactorization gth = GthFactorization.of(p);
        double[][] g = ExactSolver.of(p).finiteTimeOffsets(2);
        ExactSolution sol = ExactSolver.solve(p, 2);
        int d = p.dimension();
        for (int r = 0; r < 3; r++) {
            double[] weight = p.energyWeights(r);
            DD[] pi = gth.stationaryDD();
            DD current = DD.of(sol.reservoirs().get(r).current());
            DD[] y = new DD[d];
            for (int i = 0; i < d; i++) {
                y[i] = current.multiply(pi[i]).negate();
            }
            for (int k = 0; k < weight.length; k++) {
                Channel ch = p.channels().get(k);
                y[ch.to()] = y[ch.to()].add(pi[ch.from()].multiply(ch.rate() * weight[k]));
            }
            DD[] v2 = gth.solve(gth.solve(y));
            DD acc = DD.ZERO;
            for (int k = 0; k < weight.length; k++) {
                Channel ch = p.channels().get(k);
                acc = acc.add(v2[ch.from()].multiply(ch.rate() * weight[k]));
            }
            double expected = -2 * acc.doubleValue();
            assertEquals(expected, g[r][1], 1e-12 * Math.abs(expected), "reservoir " + r);
        }
    }
}
