package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import qar.model.Bath;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * The Gallavotti-Cohen check: it passes where local detailed balance holds (the refrigerator, and
 * a ring between two temperatures, both out of equilibrium), fails far beyond its tolerance where
 * one rate breaks local detailed balance, and its window keeps tilts representable and lost rates
 * negligible.
 */
class GallavottiCohenTest {
    /** 3 per component of the product grid's 5, plus 8 diagonal pairs. */
    private static final int POINTS = 125 + 16;

    static Stream<Arguments> refrigerators() {
        ModelParameters def = ModelParameters.defaults();
        Bath c = def.cold();
        Bath h = def.hot();
        Bath w = def.work();
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {5, 31, 101}) {
            out.add(Arguments.of(def.withN(n)));
        }
        out.add(Arguments.of(def.withN(31).withKind(ModelKind.REDUCED)));
        // colder cold bath, hotter hot bath, a warm work bath, broad peaks
        out.add(Arguments.of(def.withN(9).withBaths(new Bath(3, c.eps(), c.delta(), c.gamma()),
                new Bath(0.5, h.eps(), 0.3, h.gamma()), new Bath(0.2, w.eps(), 0.05, 2))));
        // a refrigerator that does not refrigerate (beta_c < beta_h)
        out.add(Arguments.of(def.withN(15).withBaths(new Bath(0.5, c.eps(), c.delta(), c.gamma()),
                new Bath(1.5, h.eps(), h.delta(), 0.3), w)));
        return out.stream();
    }

    /**
     * Local detailed balance holds for the refrigerator's rates up to their rounding, so the check
     * passes; the tolerance comes from that rounding (GallavottiCohen's comment) and must stay small
     * enough to mean something: below 1e-9 of lambda's range here. The grid must also reach lambda
     * away from its pinned plateau near minus the smallest escape rate (GeneratingFunction): at
     * least half the points lie off it by more than 1e-6 of lambda's range (98 of 141 at N = 101).
     */
    @ParameterizedTest
    @MethodSource("refrigerators")
    void theRefrigeratorPasses(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        GallavottiCohen.Result r = GallavottiCohen.of(process).check();
        assertNull(r.undefined());
        assertEquals(POINTS, r.points().size());
        assertEquals(0, r.skipped());
        assertTrue(r.tolerance() < 1e-9, () -> "tolerance " + r.tolerance());
        assertTrue(r.maxRelativeDeviation() <= r.tolerance(),
                () -> "deviation " + r.maxRelativeDeviation() + " above " + r.tolerance() + " at " + p);
        assertEquals("pass", r.verdict());
        double slowest = java.util.Arrays.stream(process.escapeRates()).min().orElseThrow();
        long off = r.points().stream().filter(pt -> Math.abs(pt.lambda() + slowest) > 1e-6 * r.scale()).count();
        assertTrue(2 * off >= r.points().size(), () -> off + " points off the plateau");
        for (GallavottiCohen.Point pt : r.points()) {
            assertTrue(Double.isFinite(pt.lambda()) && Double.isFinite(pt.lambdaMirror()), pt::toString);
        }
    }

    /** Every grid value pairs with its mirror exactly, and the box is [0, beta] where no margin is needed. */
    @Test
    void theGridIsMirroredExactly() {
        JumpProcess process = Refrigerator.process(ModelParameters.defaults());
        GallavottiCohen g = GallavottiCohen.of(process);
        List<List<Double>> grid = g.grid();
        for (int r = 0; r < 3; r++) {
            double beta = process.reservoirs().get(r).beta();
            List<Double> v = grid.get(r);
            assertEquals(5, v.size());
            assertEquals(0.0, v.get(0));
            assertEquals(beta, v.get(4));
            assertEquals(beta / 2, v.get(2));
            for (int i = 0; i < 5; i++) {
                assertEquals(beta - v.get(i), v.get(4 - i), 0.0);
            }
        }
        for (GallavottiCohen.Point pt : g.check().points()) {
            double[] s = pt.s();
            double[] m = new double[3];
            for (int r = 0; r < 3; r++) {
                m[r] = process.reservoirs().get(r).beta() - s[r];
            }
            // lambdaMirror is lambda at the exact mirror, evaluated on its own
            assertEquals(GeneratingFunction.of(process).lambda(m), pt.lambdaMirror(), 0.0);
        }
    }

    /**
     * A ring of three levels (energies 0, 1, 3 quanta of 0.7) between reservoirs a (beta 2) and b
     * (beta 0.5), every channel in local detailed balance with its own reservoir: out of
     * equilibrium (energy flows from b to a through the ring), so lambda is not symmetric about
     * beta/2 for trivial reasons. {@code factor} multiplies the rate of the jump 1 -> 2 through b
     * alone, breaking local detailed balance by that factor.
     */
    static JumpProcess ring(double factor) {
        double unit = 0.7;
        double ba = 2;
        double bb = 0.5;
        List<Channel> ch = new ArrayList<>();
        // up rate k, down rate k exp(beta q unit): R(up) / R(down) = exp(-beta (E_to - E_from))
        addPair(ch, 0, 1, 0, 1.3, 1, ba * unit, 1);
        addPair(ch, 1, 2, 1, 0.8, 2, bb * unit, factor);
        addPair(ch, 0, 2, 0, 0.05, 3, ba * unit, 1);
        addPair(ch, 0, 2, 1, 0.4, 3, bb * unit, 1);
        return JumpProcess.of(3, unit, List.of(new Reservoir("a", ba), new Reservoir("b", bb)), ch);
    }

    private static void addPair(List<Channel> ch, int lo, int hi, int res, double up, long q, double betaUnit,
            double factor) {
        ch.add(new Channel(lo, hi, res, up * factor, q));
        ch.add(new Channel(hi, lo, res, up * Math.exp(betaUnit * q), -q));
    }

    @Test
    void aRingOutOfEquilibriumPasses() {
        JumpProcess p = ring(1);
        ExactSolution sol = ExactSolver.solve(p, 2);
        // out of equilibrium: a current and a resolved, positive entropy production
        assertTrue(sol.thermodynamics().entropyProduction() > 1e-3, () -> "sigma " + sol.thermodynamics());
        assertTrue(p.detailedBalance());
        assertTrue(!ring(1.001).detailedBalance());
        GallavottiCohen.Result r = GallavottiCohen.of(p).check();
        assertEquals("pass", r.verdict(), r::toString);
        assertTrue(r.maxRelativeDeviation() <= r.tolerance());
        assertTrue(r.tolerance() < 1e-12, () -> "tolerance " + r.tolerance());
    }

    /**
     * One rate off by a factor: lambda(beta - s) is lambda(s) of another process, so the deviation
     * is of the size of lambda's range (factor 3), or about the logarithm of the factor times the
     * share of that channel (1.001, 1 + 1e-6): in every case many orders above the tolerance
     * (~1e-14 here), so the verdict is a violation with a wide margin.
     */
    @ParameterizedTest
    @ValueSource(doubles = {3, 1 / 3.0, 1.001, 1 + 1e-6})
    void aRingThatBreaksLocalDetailedBalanceIsViolated(double factor) {
        JumpProcess p = ring(factor);
        GallavottiCohen.Result r = GallavottiCohen.of(p).check();
        assertEquals("violated", r.verdict());
        double expected = Math.abs(Math.log(factor));
        assertTrue(r.maxRelativeDeviation() > 1e-3 * expected, () -> "deviation " + r.maxRelativeDeviation());
        assertTrue(r.maxRelativeDeviation() > 1e4 * r.tolerance(),
                () -> r.maxRelativeDeviation() + " vs tolerance " + r.tolerance());
    }

    /**
     * A jump of 1000 quanta at beta = 1: its up rate exp(-1000) underflows and is dropped, so at
     * s = beta the process lacks a tilted rate as large as its partner (lambda(beta) != lambda(0)
     * = 0). The margin 37 / 1000 keeps that lost rate below exp(-37) of its partner on the whole
     * grid, and the check passes there.
     */
    @Test
    void aRateThatUnderflowedIsKeptNegligibleByTheMargin() {
        List<Channel> ch = new ArrayList<>();
        ch.add(new Channel(1, 0, 0, 1.0, -1000));
        ch.add(new Channel(0, 1, 0, Math.exp(-1000.0), 1000));
        addPair(ch, 0, 1, 1, 0.5, 1000, 1e-3, 1);
        JumpProcess p = JumpProcess.of(2, 1, List.of(new Reservoir("a", 1), new Reservoir("b", 1e-3)), ch);
        assertEquals(3, p.channels().size());
        GeneratingFunction g = GeneratingFunction.of(p);
        // without the margin the lost rate shows: lambda(beta) is far from lambda(0) = 0
        assertTrue(Math.abs(g.lambda(1, 1e-3) - g.lambda(0, 0)) > 0.1, () -> "lambda(beta) = " + g.lambda(1, 1e-3));
        GallavottiCohen.Result r = GallavottiCohen.of(p).check();
        assertEquals(37.0 / 1000, r.grid().get(0).get(0), 1e-15);
        assertEquals("pass", r.verdict(), () -> r.maxRelativeDeviation() + " vs " + r.tolerance());
    }

    /**
     * A jump of 720 quanta at beta = 1 whose up rate is a normal double: the tilt exp(s q) overflows
     * before the product near s = beta (lambda infinite there). The margin 1 - 600/720 keeps every
     * tilt representable.
     */
    @Test
    void aTiltThatWouldOverflowIsKeptRepresentableByTheMargin() {
        List<Channel> ch = new ArrayList<>();
        ch.add(new Channel(0, 1, 0, 1e10 * Math.exp(-720.0), 720));
        ch.add(new Channel(1, 0, 0, 1e10, -720));
        addPair(ch, 0, 1, 1, 0.5, 720, 1e-3, 1);
        JumpProcess p = JumpProcess.of(2, 1, List.of(new Reservoir("a", 1), new Reservoir("b", 1e-3)), ch);
        assertEquals(Double.POSITIVE_INFINITY, GeneratingFunction.of(p).lambda(1, 0));
        GallavottiCohen.Result r = GallavottiCohen.of(p).check();
        assertEquals(1 - 600.0 / 720, r.grid().get(0).get(0), 1e-15);
        assertEquals(0, r.skipped());
        assertEquals("pass", r.verdict(), () -> r.maxRelativeDeviation() + " vs " + r.tolerance());
    }

    @Test
    void aReservoirThatIsNotThermalLeavesTheCheckUndefined() {
        List<Channel> ch = List.of(new Channel(0, 1, 0, 1, 1), new Channel(1, 0, 0, 2, -1));
        JumpProcess p = JumpProcess.of(2, 1, List.of(new Reservoir("x", Double.NaN)), ch);
        GallavottiCohen.Result r = GallavottiCohen.of(p).check();
        assertNull(r.verdict());
        assertNull(r.maxRelativeDeviation());
        assertTrue(r.undefined().contains("not thermal"), r.undefined());
    }
}
