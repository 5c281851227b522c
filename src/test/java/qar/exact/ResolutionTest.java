package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import qar.exact.oracle.Oracle;
import qar.exact.oracle.OracleSolution;
import qar.exact.oracle.ParameterSets;
import qar.model.Bath;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * What the solver prints must be resolved: a value below its resolution is withheld, every ratio
 * built from one is undefined, answers do not depend on the overall rate scale, and a model beyond
 * the arithmetic gives no inconsistent number.
 */
class ResolutionTest {
    private static final ModelParameters D = ModelParameters.defaults();

    private static ExactSolution solve(ModelParameters p) {
        return ExactSolver.solve(Refrigerator.process(p), 4);
    }

    private static ModelParameters baths(ModelParameters p, UnaryOperator<Bath> c, UnaryOperator<Bath> h,
                                         UnaryOperator<Bath> w) {
        return p.withBaths(c.apply(p.cold()), h.apply(p.hot()), w.apply(p.work()));
    }

    private static Bath beta(Bath b, double beta) {
        return new Bath(beta, b.eps(), b.delta(), b.gamma());
    }

    private static Bath gamma(Bath b, double gamma) {
        return new Bath(b.beta(), b.eps(), b.delta(), gamma);
    }

    /**
     * One temperature: every current is zero in exact arithmetic, but the double rates break
     * detailed balance by ~1e-16, so the solver (exact for those rates, as the oracle confirms)
     * finds ~1e-18. That must be withheld, and sigma, every TUR ratio and the COP with it.
     */
    @ParameterizedTest
    @CsvSource({"full, 3", "full, 31", "full, 101", "reduced, 5", "reduced, 31"})
    void oneTemperatureGivesNoCurrentAndNoRatio(String kind, int n) {
        ModelParameters p = baths(D.withKind(ModelKind.valueOf(kind.toUpperCase())).withN(n),
                b -> beta(b, 1), b -> beta(b, 1), b -> beta(b, 1));
        ExactSolution s = solve(p);
        OracleSolution o = Oracle.solve(Refrigerator.process(p), 2);
        List<Executable> checks = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            BigDecimal roundOff = o.current(r).abs();
            checks.add(() -> assertFalse(st.resolved(0), st.name() + " current " + st.current()));
            // the resolution covers what the rounded rates produce
            checks.add(() -> assertTrue(new BigDecimal(st.resolution()[0]).compareTo(roundOff) > 0,
                    st.name() + " resolution " + st.resolution()[0] + " vs round-off " + roundOff));
            checks.add(() -> assertTrue(st.resolved(1) && st.noise() > 0, st.name() + " noise " + st.noise()));
        }
        Thermodynamics t = s.thermodynamics();
        checks.add(() -> assertNull(t.entropyProduction()));
        for (int r = 0; r < 3; r++) {
            int k = r;
            checks.add(() -> assertNull(t.tur()[k]));
        }
        checks.add(() -> assertNull(t.cop()));
        checks.add(() -> assertTrue(t.undefined().containsKey("tur.c")));
        assertAll(checks);
    }

    /**
     * The work reservoir alone: its energy is the system's, bounded, so every cumulant rate is 0;
     * the baths switched off are exactly 0 (issue 15: they printed "unresolved: |0.00| is below
     * the resolution 0.00"). The work bath's were "unresolved"; the count being a function of the
     * level, they are now exactly 0 too (issue 15 check: a stiff such chain was refused).
     */
    @ParameterizedTest
    @ValueSource(ints = {31, 1001})
    void oneBathGivesNoCumulant(int n) {
        ExactSolution s = solve(baths(D.withN(n), b -> gamma(b, 0), b -> gamma(b, 0), b -> b));
        for (ReservoirStatistics st : s.reservoirs()) {
            for (int k = 0; k < 4; k++) {
                assertTrue(st.resolved(k), st.name() + " kappa_" + (k + 1) + " = " + st.cumulants()[k]);
                assertTrue(st.exactlyZero(k), st.name() + " kappa_" + (k + 1) + " = " + st.cumulants()[k]);
            }
        }
        assertNull(s.thermodynamics().tur()[2]);
        assertEquals(0.0, s.thermodynamics().entropyProduction());
    }

    /**
     * Multiplying every Gbar by g multiplies every rate, hence every kappa_n, by g and leaves the
     * ratios alone. The rates round differently at each scale (a few ulps), and these
     * well-conditioned quantities move by about as much: 1e-12 leaves three orders of margin.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-300, 1e-200, 1e-160, 1e-10, 1e10, 1e200, 1e300})
    void answersDoNotDependOnTheRateScale(double g) {
        ExactSolution one = solve(D);
        ExactSolution scaled = solve(baths(D, b -> gamma(b, g), b -> gamma(b, g), b -> gamma(b, g)));
        List<Executable> checks = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            for (int n = 0; n < 4; n++) {
                double expected = one.reservoirs().get(r).cumulants()[n];
                double actual = scaled.reservoirs().get(r).cumulants()[n] / g;
                String what = "reservoir " + r + " kappa_" + (n + 1);
                checks.add(() -> assertEquals(expected, actual, 1e-12 * Math.abs(expected), what));
            }
            Double tur = scaled.thermodynamics().tur()[r];
            double expected = one.thermodynamics().tur()[r];
            checks.add(() -> {
                assertNotNull(tur);
                assertEquals(expected, tur, 1e-12 * expected);
            });
        }
        checks.add(() -> assertEquals(one.thermodynamics().copTurBound(), scaled.thermodynamics().copTurBound(),
                1e-12));
        assertAll(checks);
    }

    /**
     * Far beyond the tested ranges the cold link is so fast that its net current is a difference
     * of flows 1e32 times larger: unresolved, never a wrong number. The other reservoirs stay
     * resolved and approach their limit, the values at Gbar_c = 1e22 (the stable plateau).
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e35, 1e40, 1e100, 1e300})
    void aFastColdLinkIsWithheldNotWrong(double gc) {
        ExactSolution plateau = solve(baths(D, b -> gamma(b, 1e22), b -> b, b -> b));
        ExactSolution s = solve(baths(D, b -> gamma(b, gc), b -> b, b -> b));
        assertConsistent(s);
        assertFalse(s.reservoir("c").resolved(0));
        assertNull(s.thermodynamics().tur()[0]);
        for (String name : List.of("h", "w")) {
            ReservoirStatistics st = s.reservoir(name);
            assertTrue(st.resolved(0) && st.resolved(1), name);
            assertEquals(plateau.reservoir(name).current(), st.current(),
                    1e-8 * Math.abs(st.current()) + st.resolution()[0], name);
        }
    }

    /** Extreme temperatures: whatever is printed is consistent and finite. */
    @ParameterizedTest
    @CsvSource({"1e-50, 1, 0.001", "1e-300, 1, 0.001", "2, 1, 1e-300", "300, 1, 0.001", "2, 1e300, 1e-300",
            "1e300, 1e300, 1e300"})
    void extremeTemperaturesAreConsistent(double bc, double bh, double bw) {
        assertConsistent(solve(baths(D, b -> beta(b, bc), b -> beta(b, bh), b -> beta(b, bw))));
    }

    /** Where the oracle's value stands clear of the resolution, the value is resolved and within it. */
    @Test
    void resolutionsAreNeitherBlanketsNorLies() {
        List<Executable> checks = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            for (ModelParameters p : ParameterSets.random(4242, 12, kind, 31)) {
                ExactSolution s = solve(p);
                OracleSolution o = Oracle.solve(Refrigerator.process(p), 4);
                for (int r = 0; r < 3; r++) {
                    ReservoirStatistics st = s.reservoirs().get(r);
                    for (int n = 0; n < 4; n++) {
                        double exact = o.cumulant(r, n + 1).doubleValue();
                        double value = st.cumulants()[n];
                        double res = st.resolution()[n];
                        double gross = o.scale(r, n + 1).doubleValue();
                        String what = ParameterSets.label(p) + " " + st.name() + " kappa_" + (n + 1);
                        checks.add(() -> assertTrue(Math.abs(value - exact) <= res, what + ": error "
                                + Math.abs(value - exact) + " above the resolution " + res));
                        // rates rounded by ~1e-16 move a well-posed cumulant by a few 1e-16 of its
                        // gross flow; a floor of 1e-10 of it would be a blanket
                        checks.add(() -> assertTrue(res <= 1e-10 * gross, what + ": resolution " + res
                                + " vs gross flow " + gross));
                    }
                }
            }
        }
        assertAll(checks);
    }

    /** No NaN, no negative noise, first law within its resolution, sigma >= 0, TUR >= 2 where defined. */
    static void assertConsistent(ExactSolution s) {
        List<Executable> checks = new ArrayList<>();
        for (ReservoirStatistics st : s.reservoirs()) {
            for (int n = 0; n < st.cumulants().length; n++) {
                double v = st.cumulants()[n];
                double res = st.resolution()[n];
                checks.add(() -> assertTrue(Double.isFinite(v) && Double.isFinite(res) && res >= 0,
                        st.name() + " " + v + " +- " + res));
            }
            checks.add(() -> assertTrue(st.noise() >= -st.resolution()[1], st.name() + " noise " + st.noise()));
        }
        Thermodynamics t = s.thermodynamics();
        checks.add(() -> assertTrue(Math.abs(t.firstLawResidual()) <= t.firstLawResolution(),
                "residual " + t.firstLawResidual() + " vs " + t.firstLawResolution()));
        checks.add(() -> assertTrue(t.entropyProduction() == null || t.entropyProduction() > 0));
        for (Double tur : t.tur()) {
            checks.add(() -> assertTrue(tur == null || tur >= 2, "TUR " + tur));
        }
        for (double p : s.populations()) {
            checks.add(() -> assertTrue(p >= 0 && p <= 1));
        }
        assertAll(checks);
    }
}
