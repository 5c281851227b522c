package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import qar.exact.oracle.ClosedForms;
import qar.exact.oracle.ExactProcess;
import qar.exact.oracle.Oracle;
import qar.exact.oracle.OracleSolution;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/** The solver on jump processes that are not the refrigerator: closed forms and the oracle. */
class ToyProcessTest {
    private static final int ORDER = 8;

    /** 0 -> 1 at rate a counted as one quantum, 1 -> 0 at rate b not counted. */
    private static JumpProcess telegraph(double a, double b, double unit) {
        return JumpProcess.of(2, unit, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, b, 0)));
    }

    @ParameterizedTest
    @CsvSource({"0.3, 1.7, 1.0", "1e-5, 3e4, 1.0", "2.5, 2.5, 0.75", "1e6, 1e-3, 2.0"})
    void telegraphMatchesTheClosedForm(double a, double b, double unit) {
        ExactSolution s = ExactSolver.solve(telegraph(a, b, unit), ORDER);
        BigDecimal[] exact = ClosedForms.telegraphCumulants(a, b, unit, ORDER, MathContext.DECIMAL128);
        double[] kappa = s.reservoir("x").cumulants();
        List<Executable> checks = new ArrayList<>();
        // p0 = b / (a + b): two roundings
        checks.add(() -> assertEquals(b / (a + b), s.populations()[0], 4 * Math.ulp(1.0)));
        for (int n = 1; n <= ORDER; n++) {
            int k = n;
            // a 2x2 recursion rounds a few times per order: 1e-10 / 1e-8 as for the refrigerator
            double tol = k <= 2 ? 1e-10 : 1e-8;
            checks.add(() -> Accuracy.assertRelative("telegraph kappa_" + k, exact[k - 1], BigDecimal.ONE, kappa[k - 1], tol,
                    "a=" + a + " b=" + b + " unit=" + unit));
        }
        assertAll(checks);
    }

    /** Counting +1 up and -1 down: the net count is bounded, so every cumulant rate is 0. */
    @Test
    void boundedCountHasVanishingCumulants() {
        double a = 0.7;
        double b = 3.1;
        JumpProcess p = JumpProcess.of(2, 1.0, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, b, -1)));
        double[] kappa = ExactSolver.solve(p, 6).reservoir("x").cumulants();
        for (int n = 1; n <= 6; n++) {
            // zero up to rounding of the gross flow 2ab/(a+b) ~ 1: a few ulps per order
            assertEquals(0.0, kappa[n - 1], 1e-12, "kappa_" + n);
        }
    }

    /**
     * Four levels, two reservoirs, counted energies that fit no level energies (so neither local
     * detailed balance nor the first law holds), a long jump 3 -> 0 and rates over eight decades.
     */
    static JumpProcess chain() {
        List<Channel> c = List.of(
                new Channel(0, 1, 0, 2.0, 3), new Channel(1, 0, 0, 0.25, -1),
                new Channel(1, 2, 1, 7.5, 2), new Channel(2, 1, 0, 1e-3, 5),
                new Channel(2, 3, 0, 0.6, -4), new Channel(3, 2, 1, 40.0, 1),
                new Channel(3, 0, 1, 1e-5, 7), new Channel(0, 2, 1, 3e2, -2),
                new Channel(2, 0, 0, 0.05, 0), new Channel(1, 3, 1, 1e-4, 6));
        return JumpProcess.of(4, 0.5, List.of(new Reservoir("a", 1.0), new Reservoir("b", 0.5)), c);
    }

    @Test
    void chainViolatingDetailedBalanceMatchesTheOracle() {
        JumpProcess p = chain();
        OracleSolution o = Oracle.solve(p, ORDER);
        ExactSolution s = ExactSolver.solve(p, ORDER);
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int level = i;
            // subtraction-free stationary state: 1e-10 as for the refrigerator
            checks.add(() -> Accuracy.assertRelative("chain population", o.populations()[level], BigDecimal.ONE,
                    s.populations()[level], 1e-10, "level " + level));
        }
        for (int r = 0; r < 2; r++) {
            double[] kappa = s.reservoirs().get(r).cumulants();
            for (int n = 1; n <= ORDER; n++) {
                int res = r;
                int k = n;
                double tol = k <= 2 ? 1e-10 : 1e-8;
                checks.add(() -> Accuracy.assertRelative("chain kappa_" + k, o.cumulant(res, k), o.scale(res, k),
                        kappa[k - 1], tol, "reservoir " + o.names().get(res)));
            }
        }
        assertAll(checks);
    }

    static Stream<Arguments> chainFields() {
        return Stream.of(Arguments.of((Object) new double[] {0.2, -0.1}), Arguments.of((Object) new double[] {-1.0, 0.5}),
                Arguments.of((Object) new double[] {1e-7, 0.0}), Arguments.of((Object) new double[] {0.0, 2.0}));
    }

    /** lambda(s) of the chain against the oracle's bisection. */
    @ParameterizedTest
    @MethodSource("chainFields")
    void chainGeneratingFunctionMatchesTheOracle(double[] s) {
        JumpProcess p = chain();
        double actual = GeneratingFunction.of(p).lambda(s);
        BigDecimal exact = Oracle.lambda(ExactProcess.of(p), s);
        // as for the refrigerator: tilted rates rounded once, cancellation confined to lambda
        Accuracy.assertRelative("chain lambda(s)", exact, BigDecimal.ONE, actual, 1e-10, Arrays.toString(s));
    }
}
