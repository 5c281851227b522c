package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import qar.exact.oracle.Oracle;
import qar.exact.oracle.OracleSolution;
import qar.exact.oracle.ParameterSets;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The exact solver against the decimal oracle on the same double-rate process, from N = 3 to 201,
 * at the defaults and at seeded random parameters far from them, for both models.
 */
class ExactSolverAccuracyTest {
    private static final int ORDER = 4;
    private static final Map<String, OracleSolution> ORACLE = new ConcurrentHashMap<>();

    /** One refrigerator to solve, named for the test report. */
    record Case(String name, ModelParameters parameters) {
        /** Quantity name for the error ledger, per model kind. */
        String quantity(String q) {
            return parameters.kind().label() + " " + q;
        }

        JumpProcess process() {
            return Refrigerator.process(parameters);
        }

        OracleSolution oracle(int order) {
            return ORACLE.computeIfAbsent(name + " K=" + order, k -> Oracle.solve(process(), order));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @AfterAll
    static void report() {
        Accuracy.report();
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (int n : new int[] {3, 5, 7, 31, 61, 101, 201}) {
            add(out, ModelKind.FULL, n, 7000L + n, 5);
            if (n >= 5) {
                add(out, ModelKind.REDUCED, n, 107000L + n, 12);
            }
        }
        return out.stream();
    }

    static Stream<Case> smallCases() {
        List<Case> out = new ArrayList<>();
        for (int n : new int[] {3, 5, 7}) {
            add(out, ModelKind.FULL, n, 8000L + n, 4);
            if (n >= 5) {
                add(out, ModelKind.REDUCED, n, 108000L + n, 4);
            }
        }
        return out.stream();
    }

    private static void add(List<Case> out, ModelKind kind, int n, long seed, int random) {
        ModelParameters d = ModelParameters.defaults().withKind(kind).withN(n);
        out.add(new Case("defaults " + ParameterSets.label(d), d));
        int k = 0;
        for (ModelParameters p : ParameterSets.random(seed, random, kind, n)) {
            out.add(new Case("seed " + seed + "#" + k++ + " " + ParameterSets.label(p), p));
        }
    }

    /**
     * shared/model.md, defaults, full model: QuTiP and a 50-digit computation agree on these
     * values. The double rates differ from the true ones by ~1e-16 relative and the values are
     * printed to 15 digits, so 1e-12 leaves three orders of magnitude for the solver's rounding.
     */
    @ParameterizedTest
    @CsvSource({"5, 0.00229786983571554, 0.00925617689835861", "31, 0.0970481367755701, 0.381119925103283"})
    void reproducesTheReferenceValues(int n, double current, double noise) {
        ExactSolution s = ExactSolver.solve(Refrigerator.process(ModelParameters.defaults().withN(n)), 2);
        assertEquals(current, s.reservoir("c").current(), 1e-12 * current);
        assertEquals(noise, s.reservoir("c").noise(), 1e-12 * noise);
    }

    /** Relative 1e-10 where the population is above 1e-250 of the largest (below: underflow region). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void populationsMatchTheOracle(Case c) {
        OracleSolution o = c.oracle(ORDER);
        ExactSolution s = ExactSolver.solve(c.process(), ORDER);
        BigDecimal max = o.maxPopulation();
        BigDecimal floor = max.multiply(Oracle.POPULATION_FLOOR);
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < o.populations().length; i++) {
            BigDecimal exact = o.populations()[i];
            double actual = s.populations()[i];
            int level = i;
            if (exact.compareTo(floor) >= 0) {
                // GTH is subtraction-free: ~1e-16 per level, 1e-10 leaves a million-fold margin
                checks.add(() -> Accuracy.assertRelative(c.quantity("population"), exact, max, actual, 1e-10, c.name() + " level " + level));
            } else {
                // underflow region: only "negligible" is asked for, no garbage above the floor
                checks.add(() -> assertTrue(actual >= 0 && new BigDecimal(actual).compareTo(floor) <= 0,
                        () -> "level " + level + ": " + actual + " where the exact value is " + exact.round(java.math.MathContext.DECIMAL32)));
            }
        }
        assertAll(checks);
    }

    /** Currents and noise of all three reservoirs, relative 1e-10. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void currentsAndNoiseMatchTheOracle(Case c) {
        OracleSolution o = c.oracle(ORDER);
        ExactSolution s = ExactSolver.solve(c.process(), ORDER);
        List<Executable> checks = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            int res = r;
            assertEquals(o.names().get(r), st.name());
            // eqs. (11), (13)-(14): a well-conditioned solve in double(-double) gives ~1e-15
            checks.add(() -> Accuracy.assertRelative(c.quantity("current"), o.current(res), o.scale(res, 1), st.current(), 1e-10,
                    c.name() + " reservoir " + st.name()));
            checks.add(() -> Accuracy.assertRelative(c.quantity("noise"), o.noise(res), o.scale(res, 2), st.noise(), 1e-10,
                    c.name() + " reservoir " + st.name()));
        }
        assertAll(checks);
    }

    /** kappa_1 .. kappa_4 of every reservoir, relative 1e-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cumulantsMatchTheOracle(Case c) {
        assertCumulants(c, ORDER, 1e-8);
    }

    /** kappa_1 .. kappa_8 at small N, relative 1e-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smallCases")
    void eighthOrderCumulantsMatchTheOracle(Case c) {
        assertCumulants(c, 8, 1e-8);
    }

    private static void assertCumulants(Case c, int order, double tol) {
        OracleSolution o = c.oracle(order);
        ExactSolution s = ExactSolver.solve(c.process(), order);
        List<Executable> checks = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            assertEquals(order, st.cumulants().length);
            for (int n = 1; n <= order; n++) {
                int res = r;
                int k = n;
                // the recursion compounds a few roundings per order; 1e-8 leaves ~1e7 of margin
                checks.add(() -> Accuracy.assertRelative(c.quantity("kappa_" + k), o.cumulant(res, k), o.scale(res, k),
                        st.cumulants()[k - 1], tol, c.name() + " reservoir " + st.name()));
            }
        }
        assertAll(checks);
    }

    /** Energy conservation, eq. (15), holds for any rates: sum of currents ~ 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstLawHolds(Case c) {
        ExactSolution s = ExactSolver.solve(c.process(), 2);
        double sum = 0;
        double max = 0;
        for (ReservoirStatistics st : s.reservoirs()) {
            sum += st.current();
            max = Math.max(max, Math.abs(st.current()));
        }
        // the residual is that sum, up to the order of three additions: a few ulps of the largest
        assertEquals(sum, s.thermodynamics().firstLawResidual(), 4 * Math.ulp(max));
        double residual = Math.abs(s.thermodynamics().firstLawResidual());
        Accuracy.record(c.quantity("first-law residual / max|I|"), max == 0 ? 0 : residual / max, c.name());
        // three currents each correct to ~1e-16 relative cancel to a few ulps of the largest;
        // where all of them are nearly balanced links, each is only good to the conditioning
        // floor of Accuracy.GROSS_FLOOR times its gross energy flow
        double gross = 0;
        for (qar.model.Channel ch : c.process().channels()) {
            gross += Math.abs(ch.energy() * c.process().energyUnit()) * ch.rate() * s.populations()[ch.from()];
        }
        double bound = 1e-12 * max + Accuracy.GROSS_FLOOR * gross;
        assertTrue(residual <= bound, () -> "sum of currents " + residual + " vs largest " + s.reservoirs());
    }
}
