package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import qar.exact.oracle.Oracle;
import qar.exact.oracle.OracleSolution;
import qar.exact.oracle.ParameterSets;
import qar.exact.oracle.TreeTheorem;
import qar.model.Bath;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The resolution is a first-order worst-case bound (issue 17): twice sum_c |d kappa_n / d ln r_c|
 * times PERTURBATION_ULPS ulps of r_c plus the result's rounding, from one adjoint pass on the same
 * factors. It must cover what it replaced, the largest change of two re-solves with every rate
 * moved by up to those ulps ({@link ExactSolver#probeSpreads}), and the distance to the values of
 * the double rates in 60 to 90-digit arithmetic ({@link Oracle}); and stay within a small factor of
 * the probes (a random direction sees about 1/sqrt(3) of each term's worst case).
 */
class ResolutionBoundTest {
    private static final int ORDER = 4;
    /** Largest bound / probe spread accepted: the worst direction against two random ones. */
    private static final double LOOSEST = 100;

    static Stream<ModelParameters> refrigerators() {
        ModelParameters d = ModelParameters.defaults();
        List<ModelParameters> out = new ArrayList<>();
        for (int n : new int[] {3, 31, 101}) {
            out.add(d.withN(n));
            out.add(d.withN(n).withBaths(new Bath(50, d.cold().eps(), d.cold().delta(), d.cold().gamma()),
                    d.hot(), d.work()));
        }
        out.add(d.withKind(ModelKind.REDUCED));
        out.addAll(ParameterSets.random(1717, 6, ModelKind.FULL, 21));
        out.addAll(ParameterSets.random(1718, 3, ModelKind.REDUCED, 5));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("refrigerators")
    void refrigeratorResolutionsCoverTheProbesAndTheOracle(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        OracleSolution o = Oracle.solve(process, ORDER);
        assertCovers(process, o, ParameterSets.label(p));
    }

    /** Refrigerators too large for the oracle: against the probes alone. */
    @Test
    void largeRefrigeratorResolutionsCoverTheProbes() {
        ModelParameters d = ModelParameters.defaults();
        for (int n : new int[] {1001, 10001}) {
            assertCovers(Refrigerator.process(d.withN(n)), null, "N = " + n);
        }
    }

    /**
     * Stiff random chains (rates over 600 decades, {@link StiffChainTest#randomChain}): the plain and
     * the exponent-carrying factorisations, against the probes and the exact rational currents.
     */
    @Test
    void stiffChainResolutionsCoverTheProbesAndTheExactCurrents() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(1717);
        int solved = 0;
        int plain = 0;
        for (int trial = 0; trial < 300 && solved < 40; trial++) {
            int d = 3 + rng.nextInt(4);
            double span = trial % 2 == 0 ? 300 : 8;
            JumpProcess p = StiffChainTest.randomChain(rng, d, trial % 3, -span, span, 3);
            ExactSolution s;
            try {
                s = ExactSolver.solve(p, ORDER);
            } catch (IllegalArgumentException e) { // also UnresolvableModelException: refused, not answered
                continue;
            }
            solved++;
            TreeTheorem exact = TreeTheorem.of(p);
            for (int r = 0; r < 3; r++) {
                ReservoirStatistics st = s.reservoirs().get(r);
                if (st.exactlyZero(0)) {
                    continue;
                }
                BigDecimal truth = exact.mean(p.energyWeights(r));
                double err = new BigDecimal(st.current()).subtract(truth).abs().doubleValue();
                assertTrue(err <= st.resolution()[0], "trial " + trial + " " + st.name() + ": current "
                        + st.current() + " off by " + err + ", resolution " + st.resolution()[0]);
            }
            assertCovers(p, null, "trial " + trial);
            plain += ExactSolver.of(p).wide() ? 0 : 1;
        }
        assertTrue(solved >= 30 && plain >= 15, solved + " solved, " + plain + " without exponents");
    }

    private static void assertCovers(JumpProcess process, OracleSolution o, String what) {
        ExactSolver solver = ExactSolver.of(process);
        ExactSolution s = solver.solution(ORDER);
        double[][] probes = solver.probeSpreads(ORDER);
        double[][] bounds = solver.boundSpreads(ORDER);
        int k = process.reservoirs().size();
        List<Executable> checks = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            for (int i = 0; i < ORDER; i++) {
                int n = i;
                double res = st.resolution()[n];
                String at = what + " " + st.name() + " kappa_" + (n + 1) + ": resolution " + res;
                if (st.exactlyZero(n)) {
                    continue;
                }
                // what the brief asks: at least what the probes measure (the resolution they gave was twice that)
                double measured = probes[r][n];
                checks.add(() -> assertTrue(res >= measured, at + " below the probes' " + measured));
                if (bounds != null && !solver.wide()) {
                    double bound = bounds[r][n];
                    // where a floor sets the resolution, the probes see the arithmetic's own noise; and
                    // where the probes left the value unresolved, a looser bound changes nothing
                    boolean floored = res > 2 * bound;
                    boolean resolvedBefore = Math.abs(st.cumulants()[n]) > 2 * measured;
                    checks.add(() -> assertTrue(!(measured > 0) || floored || !resolvedBefore
                            || bound <= LOOSEST * measured,
                            at + ": bound " + bound + " far above the probes' " + measured));
                }
                if (o != null) {
                    double err = new BigDecimal(st.cumulants()[n]).subtract(o.cumulant(r, n + 1)).abs().doubleValue();
                    checks.add(() -> assertTrue(err <= res, at + " but off the oracle by " + err));
                }
            }
        }
        Thermodynamics t = s.thermodynamics();
        checks.add(() -> assertTrue(t.entropyResolution() >= probes[k][0],
                what + " sigma resolution " + t.entropyResolution() + " below the probes' " + probes[k][0]));
        checks.add(() -> assertTrue(t.firstLawResolution() >= probes[k + 1][0], what + " first-law resolution "
                + t.firstLawResolution() + " below the probes' " + probes[k + 1][0]));
        assertAll(checks);
    }
}
