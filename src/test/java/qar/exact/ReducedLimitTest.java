package qar.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ch.obermuhlner.math.big.BigDecimalMath;
import qar.exact.oracle.ClosedForms;
import qar.exact.oracle.ExactRates;
import qar.exact.oracle.Oracle;
import qar.exact.oracle.OracleSolution;
import qar.exact.oracle.ParameterSets;
import qar.model.Bath;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The reduced model tends to the closed forms (G4), (G5) as beta_w -> 0 (n_w -> infinity), with a
 * difference linear in eps = 1/n_w = exp(4 Omega beta_w) - 1.
 */
class ReducedLimitTest {
    private static final MathContext MC = new MathContext(60);
    private static final double[] BETA_W = {1e-3, 1e-4, 1e-5, 1e-6};

    static Stream<ModelParameters> models() {
        ModelParameters d = ModelParameters.defaults().withKind(ModelKind.REDUCED);
        return Stream.of(d,
                // cooling needs nc > nh, i.e. beta_h < beta_c < 3 beta_h
                new ModelParameters(ModelKind.REDUCED, 7, 0.5, new Bath(1.5, 1, 1, 3.0), new Bath(0.8, 3, 1, 0.5),
                        new Bath(1e-3, 2, 1, 2.0)),
                new ModelParameters(ModelKind.REDUCED, 101, 2.0, new Bath(2.5, 4, 0.1, 0.01), new Bath(1.2, 12, 0.1, 40),
                        new Bath(1e-3, 8, 0.1, 0.3)));
    }

    @ParameterizedTest
    @MethodSource("models")
    void approachesTheClosedFormsLinearlyInOneOverNw(ModelParameters base) {
        int n = base.n();
        BigDecimal omega = new BigDecimal(base.omega());
        // eq. (G2) with j(j+1) (model.md)
        BigDecimal jj1 = BigDecimal.valueOf((long) n * (n + 2)).divide(BigDecimal.valueOf(4));
        BigDecimal a = jj1.subtract(new BigDecimal("0.75"));
        BigDecimal b = jj1.subtract(new BigDecimal("3.75"));
        BigDecimal gc = new BigDecimal(base.cold().gamma()).multiply(a).divide(BigDecimal.valueOf(4));
        BigDecimal gw = new BigDecimal(base.work().gamma()).multiply(b).divide(BigDecimal.valueOf(4));
        BigDecimal gh = new BigDecimal(base.hot().gamma()).multiply(a).multiply(b)
                .divide(BigDecimal.valueOf(16L * n * n), MC);
        BigDecimal nc = bose(base.cold().beta(), 2, omega);
        BigDecimal nh = bose(base.hot().beta(), 6, omega);
        BigDecimal i4 = ClosedForms.reducedCurrentLimit(omega, gc, gh, nc, nh, MC);
        BigDecimal s5 = ClosedForms.reducedNoiseLimit(omega, gc, gh, nc, nh, MC);

        // First-order coefficients, exactly: the oracle at beta_w = 1e-20, where eps^2 ~ 1e-39
        // is far below the 35 digits it verifies. The current's must equal the expansion.
        double tiny = 1e-20;
        OracleSolution far = Oracle.solve(ExactRates.process(withBetaW(base, tiny), 80), 2);
        BigDecimal epsTiny = epsilon(tiny, omega);
        BigDecimal c1 = far.current("c").subtract(i4).divide(epsTiny, MC);
        BigDecimal c2 = far.noise("c").subtract(s5).divide(epsTiny, MC);
        BigDecimal expansion = ClosedForms.reducedCurrentFirstOrder(omega, gc, gh, gw, nc, nh, MC);
        // c1 carries ~15 digits (35 verified digits of a difference 1e-20 of the current)
        assertTrue(c1.subtract(expansion).abs().compareTo(expansion.abs().movePointLeft(10)) <= 0,
                () -> "first-order coefficient " + c1.round(MathContext.DECIMAL64) + " vs expansion " + expansion.round(MathContext.DECIMAL64));

        for (double bw : BETA_W) {
            ModelParameters p = withBetaW(base, bw);
            BigDecimal eps = epsilon(bw, omega);
            OracleSolution exact = Oracle.solve(ExactRates.process(p, 60), 2);
            ExactSolution solved = ExactSolver.solve(Refrigerator.process(p), 2);
            String where = ParameterSets.label(p);
            // Second-order terms are eps c_2 / c_1 relative to the first: eps <= 4e-3 here, so 10 %
            // of the first-order term bounds them with room; the solver's own error (1e-15
            // relative) is below 1e-9 of the smallest difference (4e-6 relative).
            assertFirstOrder("current (truth)", exact.current("c"), i4, c1, eps, where);
            assertFirstOrder("noise (truth)", exact.noise("c"), s5, c2, eps, where);
            assertFirstOrder("current (solver)", new BigDecimal(solved.reservoir("c").current()), i4, c1, eps, where);
            assertFirstOrder("noise (solver)", new BigDecimal(solved.reservoir("c").noise()), s5, c2, eps, where);
        }
    }

    private static void assertFirstOrder(String what, BigDecimal value, BigDecimal limit, BigDecimal coefficient,
            BigDecimal eps, String where) {
        BigDecimal diff = value.subtract(limit);
        BigDecimal predicted = coefficient.multiply(eps);
        BigDecimal off = diff.subtract(predicted).abs();
        assertTrue(off.compareTo(predicted.abs().divide(BigDecimal.TEN)) <= 0, () -> what + ": difference from the "
                + "closed form " + diff.round(MathContext.DECIMAL32) + ", first order predicts " + predicted.round(MathContext.DECIMAL32)
                + " at " + where);
        // and hence the difference itself stays below 1.1 |c1| eps, a bound linear in beta_w
        assertTrue(diff.abs().compareTo(predicted.abs().multiply(new BigDecimal("1.1"))) <= 0);
    }

    private static ModelParameters withBetaW(ModelParameters p, double betaW) {
        Bath w = p.work();
        return p.withBaths(p.cold(), p.hot(), new Bath(betaW, w.eps(), w.delta(), w.gamma()));
    }

    /** n(q Omega) = 1 / (exp(beta q Omega) - 1). */
    private static BigDecimal bose(double beta, int q, BigDecimal omega) {
        BigDecimal x = new BigDecimal(beta).multiply(BigDecimal.valueOf(q)).multiply(omega);
        return BigDecimal.ONE.divide(BigDecimalMath.exp(x, MC).subtract(BigDecimal.ONE), MC);
    }

    /** 1 / n_w = exp(4 Omega beta_w) - 1, with enough digits for beta_w = 1e-20. */
    private static BigDecimal epsilon(double betaW, BigDecimal omega) {
        MathContext wide = new MathContext(100);
        BigDecimal x = new BigDecimal(betaW).multiply(BigDecimal.valueOf(4)).multiply(omega);
        return BigDecimalMath.exp(x, wide).subtract(BigDecimal.ONE);
    }
}
