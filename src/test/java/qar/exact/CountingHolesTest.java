package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import qar.exact.oracle.UniformizedCount;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * Every n of a P(n, t) window is resolved, or its probability is inside what massLeftOut reports:
 * checked against P(n, t) by uniformization of the n-resolved chain (a sum of nonnegative terms,
 * good to ~1e-13 relative), on the windows where the tilt ladder used to leave holes.
 */
class CountingHolesTest {
    /** Quanta beyond the window kept by the oracle: there P is below 1e-20 at these t. */
    private static final int MARGIN = 40;
    /**
     * A value is reported only where P_s(n) stands 1e5 above its tilt's noise floor, so 1e-5
     * relative is the stated resolution; most cells are far better (measured worst 1.3e-6).
     */
    private static final double RESOLUTION = 1e-5;

    private static List<Executable> check(int n, int reservoir, double t, int nanAllowed) {
        return check(n, reservoir, t, nanAllowed, new double[1]);
    }

    /** @param at26 receives the oracle's P(-26) where -26 is in its range */
    private static List<Executable> check(int n, int reservoir, double t, int nanAllowed, double[] at26) {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
        double[] pi = ExactSolver.stationaryState(p);
        CountingDistribution.Result r = CountingDistribution.of(p, reservoir)
                .distribution(t, pi, CountingDistribution.DEFAULT_TAIL);
        int lo = (int) r.nMin() - MARGIN;
        int hi = (int) r.nMax() + MARGIN;
        double[] exact = UniformizedCount.of(p, reservoir, pi, t, lo, hi);
        if (lo <= -26 && hi >= -26) {
            at26[0] = exact[-26 - lo];
        }
        String at = "N = " + n + ", t = " + t + ", " + r.reservoir();
        List<Executable> checks = new ArrayList<>();
        double missing = 0;
        int nan = 0;
        for (int q = lo; q <= hi; q++) {
            double ex = exact[q - lo];
            double got = r.at(q);
            if (Double.isNaN(got)) {
                missing += ex;
                nan += q >= r.nMin() && q <= r.nMax() ? 1 : 0;
            } else {
                int qq = q;
                checks.add(() -> assertEquals(ex, got, RESOLUTION * ex, at + ": P(" + qq + ")"));
            }
        }
        double lost = missing;
        int holes = nan;
        checks.add(() -> assertTrue(lost <= r.massLeftOut(), at + ": unresolved and outside mass " + lost
                + " exceeds massLeftOut " + r.massLeftOut()));
        checks.add(() -> assertTrue(holes <= nanAllowed, at + ": " + holes + " unresolved cells"));
        return checks;
    }

    /**
     * The reported hole: h at N = 7, t = 200, n = -26 was empty (P alternates by decades along the
     * lattice, and the ladder's tilts had their means at -2 and -42 quanta with this small value
     * between them). Now every cell is resolved; -26 itself to 1e-7 relative (measured 2.7e-8: its
     * own tilt has its mean there).
     */
    @Test
    void theReportedHoleIsFilled() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(7));
        double[] pi = ExactSolver.stationaryState(p);
        CountingDistribution.Result r = CountingDistribution.of(p, 1).distribution(200, pi,
                CountingDistribution.DEFAULT_TAIL);
        double[] exact = new double[1];
        List<Executable> checks = check(7, 1, 200, 0, exact);
        assertEquals(3.35e-6, exact[0], 0.01e-6, "the oracle's value, as the issue states it");
        assertEquals(exact[0], r.at(-26), 1e-7 * exact[0]);
        assertAll(checks);
    }

    /**
     * Other windows that had holes (sweep of N = 5 .. 31 and t = 1 .. 1000: N = 21, t = 1, h had 8;
     * N = 31, t = 1 had 4 cells in the far tails, c two of them, that stay unresolved, their mass now
     * counted).
     */
    @Test
    void holesElsewhereAreFilledOrCounted() {
        List<Executable> checks = new ArrayList<>();
        checks.addAll(check(21, 1, 1, 0));
        checks.addAll(check(31, 0, 1, 2));
        assertAll(checks);
    }
}
