package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import qar.exact.oracle.ExactProcess;
import qar.exact.oracle.Oracle;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * The rate-function curve has no gap in j above 1 % of its range, and it says where I(j) is
 * nearly affine (a near-kink of lambda(s): two phases coexist).
 */
class RateFunctionSpacingTest {
    private static void gapsBelowOnePercent(RateFunction.Curve c) {
        double[] j = c.current();
        double range = j[j.length - 1] - j[0];
        for (int k = 1; k < j.length; k++) {
            assertTrue(j[k] >= j[k - 1], "j non-decreasing at " + k);
            assertTrue(j[k] - j[k - 1] <= RateFunction.MAX_GAP * range,
                    "gap " + (j[k] - j[k - 1]) + " at j = " + j[k - 1] + " above 1 % of " + range);
        }
    }

    /**
     * At the defaults the cold current's lambda(s) turns from ~0 to the mean current between s =
     * -0.05 and 0 (a parked and a cooling phase): 201 even tilts had no point between j = -4e-6
     * and 0.0995. Now no gap exceeds 1 % and the stretch from ~0 to ~I is reported as affine.
     */
    @Test
    void defaultsHaveNoWideGapAndTheCoexistenceIsReported() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        RateFunction rf = RateFunction.of(p, Refrigerator.COLD);
        RateFunction.Curve c = rf.curve(201, 8);
        gapsBelowOnePercent(c);
        assertEquals(1, c.affine().size(), c.affine().toString());
        RateFunction.Affine a = c.affine().get(0);
        assertTrue(Math.abs(a.jFrom()) < 1e-3 && a.jTo() > 0.9 * rf.current() && a.jTo() < 1.1 * rf.current(),
                a.toString());
        assertTrue(Math.abs(a.slope()) < 1e-3, "nearly flat: " + a);
    }

    /**
     * Three levels: a parked level 0 and a cycle 1 -> 2 -> 1 that takes one quantum in (rate 2)
     * and gives one back (rate 0.5) or none (rate 1), switched on and off at rate 0.01: j = 0 over
     * a range of tilts (parked), steep tails; 41 even tilts leave gaps of several % in j.
     */
    static JumpProcess parkedCycle() {
        List<Channel> c = List.of(
                new Channel(0, 1, 1, 1e-2, 0), new Channel(1, 0, 1, 1e-2, 0),
                new Channel(1, 2, 0, 2.0, 1), new Channel(2, 1, 1, 1.0, 0), new Channel(2, 1, 0, 0.5, -1));
        return JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("y", Double.NaN)), c);
    }

    /**
     * Every point of the small chain's curve, and especially those added in its kinks, against
     * the 40-digit oracle lambda: I = s* j - lambda(s*) at the direct search's maximiser s*, and
     * no tilt s* +- delta gives more (else s* would not be the maximiser). lambda is good to
     * ~1e-15 of the rates (~1), and the sup is flat, so 1e-12 absolute is the budget.
     */
    @Test
    void aSmallChainIsFilledAndMatchesTheOracle() {
        JumpProcess p = parkedCycle();
        RateFunction rf = RateFunction.of(p, 0);
        RateFunction.Curve c = rf.curve(41, 4);
        gapsBelowOnePercent(c);
        assertTrue(c.current().length > 100, "points were added: " + c.current().length);
        ExactProcess e = ExactProcess.of(p);
        List<Executable> checks = new ArrayList<>();
        double[] j = c.current();
        for (int k = 0; k < j.length; k += 4) {
            double jk = j[k];
            double ik = c.rate()[k];
            double[] sup = rf.maximise(jk);
            double s = sup[0];
            double legendre = s * jk - Oracle.lambda(e, s, 0.0).doubleValue();
            checks.add(() -> assertEquals(legendre, ik, 1e-12 + 1e-9 * ik, "I(" + jk + ") at s* = " + s));
            for (double delta : new double[] {-1e-3, 1e-3}) {
                double sd = s + delta * Math.max(1, Math.abs(s));
                BigDecimal l = Oracle.lambda(e, sd, 0.0);
                double other = sd * jk - l.doubleValue();
                checks.add(() -> assertTrue(other <= ik + 1e-12 + 1e-9 * ik, "s = " + sd + " gives " + other
                        + " > I(" + jk + ") = " + ik));
            }
        }
        assertAll(checks);
    }
}
