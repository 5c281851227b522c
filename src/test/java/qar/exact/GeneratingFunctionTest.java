package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import qar.exact.oracle.ExactProcess;
import qar.exact.oracle.Oracle;
import qar.exact.oracle.ParameterSets;
import qar.model.Bath;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/** lambda(s): symmetry, normalisation, slope at 0, and values against the oracle's bisection. */
class GeneratingFunctionTest {

    @AfterAll
    static void report() {
        Accuracy.report();
    }

    /**
     * Thermal parameter sets on which exp(s q Omega) stays moderate for s between -beta/2 and
     * 3 beta/2: the defaults, and random sets with beta in [0.05, 3].
     */
    static Stream<Arguments> thermal() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {3, 5, 31, 61}) {
            out.add(Arguments.of(ModelParameters.defaults().withN(n)));
        }
        out.add(Arguments.of(ModelParameters.defaults().withN(31).withKind(ModelKind.REDUCED)));
        SplittableRandom rng = new SplittableRandom(31415);
        for (int k = 0; k < 6; k++) {
            ModelParameters base = ParameterSets.random(500 + k, 1, k % 3 == 2 ? ModelKind.REDUCED : ModelKind.FULL,
                    k < 3 ? 7 : 31).get(0);
            out.add(Arguments.of(base.withBaths(rebeta(base.cold(), rng), rebeta(base.hot(), rng), rebeta(base.work(), rng))));
        }
        return out.stream();
    }

    private static Bath rebeta(Bath b, SplittableRandom rng) {
        return new Bath(0.05 * Math.exp(rng.nextDouble() * Math.log(60)), b.eps(), b.delta(), b.gamma());
    }

    /** Detailed balance makes lambda(s) = lambda(beta - s) for every vector s (model.md). */
    @ParameterizedTest
    @MethodSource("thermal")
    void gallavottiCohenSymmetry(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        GeneratingFunction g = GeneratingFunction.of(process);
        double[] beta = process.reservoirs().stream().mapToDouble(r -> r.beta()).toArray();
        SplittableRandom rng = new SplittableRandom(p.n() * 7919L + p.kind().ordinal());
        for (int k = 0; k < 8; k++) {
            double[] s = new double[3];
            double[] mirror = new double[3];
            for (int r = 0; r < 3; r++) {
                s[r] = beta[r] * (-0.5 + 2 * rng.nextDouble());
                mirror[r] = beta[r] - s[r];
            }
            double a = g.lambda(s);
            double b = g.lambda(mirror);
            double err = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
            Accuracy.record("GC lambda(s) vs lambda(beta-s)", err, ParameterSets.label(p) + " s=" + Arrays.toString(s));
            // the rates obey eq. (16) to ~1e-16 relative and beta - s is rounded once, so both
            // sides agree to the eigenvalue's own accuracy; 1e-10 relative per the brief
            assertTrue(err <= 1e-10, () -> "lambda(" + Arrays.toString(s) + ") = " + a + " but lambda(beta - s) = " + b
                    + " at " + ParameterSets.label(p));
        }
    }

    /** lambda(0) = 0 and the central difference at 0 is the current. */
    @ParameterizedTest
    @MethodSource("thermal")
    void lambdaVanishesAtZeroWithTheCurrentAsSlope(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        GeneratingFunction g = GeneratingFunction.of(process);
        ExactSolution sol = ExactSolver.solve(process, 3);
        double flow = 0;
        for (ReservoirStatistics st : sol.reservoirs()) {
            flow += Math.abs(st.current());
        }
        double l0 = g.lambda(0, 0, 0);
        // 1^T is the left eigenvector at s = 0: no rounding is needed to find 0
        assertTrue(Math.abs(l0) <= 1e-14 * flow, () -> "lambda(0) = " + l0);
        double h = 1e-6;
        for (int r = 0; r < 3; r++) {
            double[] plus = new double[3];
            double[] minus = new double[3];
            plus[r] = h;
            minus[r] = -h;
            double lp = g.lambda(plus);
            double lm = g.lambda(minus);
            double slope = (lp - lm) / (2 * h);
            ReservoirStatistics st = sol.reservoirs().get(r);
            // Taylor remainder h^2 |kappa_3| / 6 (doubled), plus lambda(+-h) each correct to
            // 1e-10 relative (the accuracy asserted against the oracle below), divided by 2h
            double tol = h * h * Math.abs(st.cumulants()[2]) / 3 + 1e-10 * (Math.abs(lp) + Math.abs(lm)) / (2 * h);
            assertEquals(st.current(), slope, tol, () -> "slope of lambda for " + st.name() + " at " + ParameterSets.label(p));
        }
    }

    static Stream<Arguments> againstOracle() {
        double[][] fields = {{0.3, 0.7, 1e-4}, {0.1, 0.2, 0.3}, {-0.5, 0.1, 0.01}, {1e-6, 0, 0}, {0, -1e-3, 0},
            {1.7, 0.3, 9e-4}};
        List<Arguments> out = new ArrayList<>();
        List<ModelParameters> models = List.of(ModelParameters.defaults().withN(5), ModelParameters.defaults().withN(31),
                ModelParameters.defaults().withN(31).withKind(ModelKind.REDUCED),
                ParameterSets.random(77, 1, ModelKind.FULL, 9).get(0));
        for (ModelParameters p : models) {
            for (double[] s : fields) {
                out.add(Arguments.of(p, s));
            }
        }
        return out.stream();
    }

    /** lambda(s) against the oracle's bisection on the M-matrix criterion, relative 1e-10. */
    @ParameterizedTest
    @MethodSource("againstOracle")
    void lambdaMatchesTheOracle(ModelParameters p, double[] s) {
        JumpProcess process = Refrigerator.process(p);
        double actual = GeneratingFunction.of(process).lambda(s);
        BigDecimal exact = Oracle.lambda(ExactProcess.of(process), s);
        // the tilted rates are rounded once (~1e-16); cancellation is confined to lambda-sized
        // quantities, so 1e-10 leaves room for a condition number up to ~1e6
        Accuracy.assertRelative("lambda(s) vs oracle", exact, BigDecimal.ONE, actual, 1e-10,
                ParameterSets.label(p) + " s=" + Arrays.toString(s));
    }
}
