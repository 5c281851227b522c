package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The GTH elimination with leaks against the closed form of a two-level chain. */
class WaitingMomentsTest {
    /**
     * Levels 0 and 1 (rates a: 0 -> 1, b: 1 -> 0, leaks l0, l1) and a level 2 the start never
     * reaches. -R0 = [[a + l0, -b], [-a, b + l1]], det = (a + l0)(b + l1) - a b = a l1 + b l0 + l0 l1
     * (all positive, so the closed form rounds a few times, never cancels): x1 = adj p0 / det,
     * x2 = adj x1 / det. Both eliminations, the double-double and the one with exponents, must
     * give these to 8 ulps (a handful of roundings in each).
     */
    @Test
    void bothEliminationsSolveATwoLevelChain() {
        double a = 3.5e3;
        double b = 0.25;
        double l0 = 1e-4;
        double l1 = 7.0;
        int[] from = {0, 1};
        int[] to = {1, 0};
        double[] rate = {a, b};
        double[] leak = {l0, l1, 0};
        boolean[] live = {true, true, false};
        double[] p0 = {0.3, 0.7, 0};
        double det = a * l1 + b * l0 + l0 * l1;
        double[] x1 = {((b + l1) * p0[0] + b * p0[1]) / det, (a * p0[0] + (a + l0) * p0[1]) / det, 0};
        double[] x2 = {((b + l1) * x1[0] + b * x1[1]) / det, (a * x1[0] + (a + l0) * x1[1]) / det, 0};
        double[][] plain = WaitingMoments.moments(3, 1, from, to, rate, leak, live, p0);
        double[][] wide = WaitingMoments.wideMoments(3, 1, from, to, rate, leak, live, p0);
        for (double[][] got : new double[][][] {plain, wide}) {
            for (int i = 0; i < 3; i++) {
                assertEquals(x1[i], got[0][i], 8 * Math.ulp(x1[i]), "x1 " + i);
                assertEquals(x2[i], got[1][i], 8 * Math.ulp(x2[i]), "x2 " + i);
            }
        }
    }
}
