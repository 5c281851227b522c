package qar.exact.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Reservoir;

/** The oracle checked against itself (two algorithms), closed forms and published values. */
class OracleTest {
    private static final MathContext MC = new MathContext(60);

    /**
     * shared/model.md: QuTiP and a 50-digit computation agree on these, defaults, full model.
     * They are printed as shortest round-trip doubles, so the true value is within half a unit of
     * the last printed digit plus half an ulp of that double.
     */
    @ParameterizedTest
    @CsvSource({
        "5, current, 0.00229786983571554",
        "5, noise, 0.00925617689835861",
        "31, current, 0.0970481367755701",
        "31, noise, 0.381119925103283"})
    void reproducesTheReferenceValues(int n, String quantity, String printed) {
        OracleSolution s = Oracle.solve(ExactRates.process(ModelParameters.defaults().withN(n), 80), 2);
        BigDecimal value = quantity.equals("current") ? s.current("c") : s.noise("c");
        BigDecimal ref = new BigDecimal(printed);
        // half a unit in the last printed place, plus half an ulp of the double it was printed from
        BigDecimal tol = BigDecimal.ONE.movePointLeft(ref.scale()).divide(BigDecimal.valueOf(2))
                .add(new BigDecimal(Math.ulp(ref.doubleValue()) / 2));
        assertTrue(value.subtract(ref).abs().compareTo(tol) <= 0,
                () -> "N = " + n + " " + quantity + ": oracle " + value.round(MathContext.DECIMAL64) + " vs " + printed);
    }

    /**
     * Two independent algorithms inside the oracle: the Flindt recursion (LU with pivoting) and
     * central differences of lambda(s) from the bisection on the M-matrix criterion.
     */
    @ParameterizedTest
    @CsvSource({"FULL, 5", "FULL, 9", "REDUCED, 7"})
    void cumulantsAreTheDerivativesOfTheEigenvalue(ModelKind kind, int n) {
        ExactProcess p = ExactRates.process(ModelParameters.defaults().withKind(kind).withN(n), 100);
        OracleSolution s = Oracle.solve(p, 5);
        double h = 1e-12;
        BigDecimal bh = new BigDecimal(h);
        for (int r = 0; r < 3; r++) {
            BigDecimal[] l = new BigDecimal[5];
            for (int k = -2; k <= 2; k++) {
                double[] field = new double[3];
                field[r] = k * h;
                l[k + 2] = Oracle.lambda(p, 60, field);
            }
            BigDecimal d1 = l[3].subtract(l[1]).divide(bh.multiply(BigDecimal.valueOf(2)), MC);
            BigDecimal d2 = l[3].subtract(l[2].multiply(BigDecimal.valueOf(2))).add(l[1]).divide(bh.pow(2), MC);
            BigDecimal d3 = l[4].subtract(l[3].multiply(BigDecimal.valueOf(2))).add(l[1].multiply(BigDecimal.valueOf(2)))
                    .subtract(l[0]).divide(bh.pow(3).multiply(BigDecimal.valueOf(2)), MC);
            // Taylor remainders h^2 k3/6, h^2 k4/12, h^2 k5/4 (doubled for the O(h^4) rest); the
            // eigenvalues carry 60 digits, so rounding adds < 1e-60 |lambda| / h^3 ~ 1e-36 relative
            BigDecimal h2 = bh.pow(2);
            assertClose(s.cumulant(r, 1), d1, h2.multiply(s.cumulant(r, 3).abs()).divide(BigDecimal.valueOf(3), MC));
            assertClose(s.cumulant(r, 2), d2, h2.multiply(s.cumulant(r, 4).abs()).divide(BigDecimal.valueOf(6), MC));
            assertClose(s.cumulant(r, 3), d3, h2.multiply(s.cumulant(r, 5).abs()).divide(BigDecimal.valueOf(2), MC)
                    .add(s.cumulant(r, 3).abs().movePointLeft(30)));
        }
    }

    /** The exact rates obey local detailed balance, so lambda(s) = lambda(beta - s) to their 100 digits. */
    @Test
    void gallavottiCohenHoldsForTheExactRates() {
        ModelParameters m = ModelParameters.defaults().withN(7);
        ExactProcess p = ExactRates.process(m, 100);
        BigDecimal[] beta = {new BigDecimal(m.cold().beta()), new BigDecimal(m.hot().beta()), new BigDecimal(m.work().beta())};
        BigDecimal[][] fields = {{new BigDecimal("0.3"), new BigDecimal("0.1"), new BigDecimal("-0.2")},
            {new BigDecimal("1.25"), new BigDecimal("0.5"), new BigDecimal("0.0007")}};
        for (BigDecimal[] s : fields) {
            BigDecimal[] mirror = new BigDecimal[3];
            for (int r = 0; r < 3; r++) {
                mirror[r] = beta[r].subtract(s[r]);
            }
            BigDecimal a = Oracle.lambda(p, 40, s);
            BigDecimal b = Oracle.lambda(p, 40, mirror);
            // both eigenvalues are correct to 40 digits
            assertClose(a, b, a.abs().movePointLeft(38));
        }
    }

    /** Telegraph process: 0 -> 1 at rate a counted as one quantum, 1 -> 0 at rate b not counted. */
    @ParameterizedTest
    @CsvSource({"0.3, 1.7, 1.0", "1e-5, 3e4, 0.75", "2.5, 2.5, 2.0"})
    void telegraphCumulantsMatchTheClosedForm(double a, double b, double unit) {
        JumpProcess p = JumpProcess.of(2, unit, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, b, 0)));
        OracleSolution s = Oracle.solve(p, 8);
        BigDecimal[] exact = ClosedForms.telegraphCumulants(a, b, unit, 8, MC);
        for (int n = 1; n <= 8; n++) {
            // the oracle works with > 60 digits and verifies 35 of them
            assertClose(exact[n - 1], s.cumulant(0, n), exact[n - 1].abs().movePointLeft(30));
        }
        BigDecimal sum = new BigDecimal(a).add(new BigDecimal(b));
        assertClose(new BigDecimal(b).divide(sum, MC), s.populations()[0], new BigDecimal("1e-40"));
        // kappa_2 = ab (a^2 + b^2) / (a + b)^3, written out once as a check on the recursion itself
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal k2 = ba.multiply(bb).multiply(ba.pow(2).add(bb.pow(2))).divide(sum.pow(3), MC)
                .multiply(new BigDecimal(unit).pow(2));
        assertClose(k2, exact[1], k2.movePointLeft(50));
    }

    /** The coarse-grained two-state model (G3) has exactly the closed forms (G4), (G5). */
    @Test
    void closedFormsG4AndG5AreTheCumulantsOfModelG3() {
        double gc = 64.125;
        double gh = 4.2;
        double nc = 0.02;
        double nh = 0.0025;
        JumpProcess g3 = JumpProcess.of(2, 1.0, List.of(new Reservoir("c", Double.NaN), new Reservoir("h", Double.NaN)),
                List.of(new Channel(0, 1, 0, gc * nc, 2), new Channel(1, 0, 0, gc * (1 + nc) / 2, -2),
                        new Channel(0, 1, 1, gh * nh, 6), new Channel(1, 0, 1, gh * (1 + nh) / 2, -6)));
        OracleSolution s = Oracle.solve(g3, 2);
        BigDecimal[] x = {BigDecimal.ONE, new BigDecimal(gc), new BigDecimal(gh), new BigDecimal(nc), new BigDecimal(nh)};
        BigDecimal i4 = ClosedForms.reducedCurrentLimit(x[0], x[1], x[2], x[3], x[4], MC);
        BigDecimal s5 = ClosedForms.reducedNoiseLimit(x[0], x[1], x[2], x[3], x[4], MC);
        // the rates gc (1 + nc) / 2 and gh (1 + nh) / 2 were rounded to double: ~1e-16 relative
        assertClose(i4, s.current("c"), i4.abs().multiply(new BigDecimal("1e-14")));
        assertClose(s5, s.noise("c"), s5.abs().multiply(new BigDecimal("1e-14")));
    }

    private static void assertClose(BigDecimal expected, BigDecimal actual, BigDecimal tol) {
        BigDecimal diff = actual.subtract(expected).abs();
        assertTrue(diff.compareTo(tol) <= 0, () -> "expected " + expected.round(MathContext.DECIMAL64) + ", got "
                + actual.round(MathContext.DECIMAL64) + ", |diff| = " + diff.round(MathContext.DECIMAL32) + " > " + tol.round(MathContext.DECIMAL32));
    }
}
