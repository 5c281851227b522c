package qar.exact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

class RateFunctionTest {

    /**
     * Poisson counter of rate a, quanta of energy u: lambda(s) = a (e^{s u} - 1), so with x = j / u,
     * I(j) = x ln(x / a) - x + a. lambda is good to ~1e-15 relative and the sup is flat, so the
     * value is good to ~1e-14 of the terms it nets (x ln(x/a), x, a): 1e-12 of their sum.
     */
    @Test
    void poissonCounterMatchesTheClosedForm() {
        double a = 2.5;
        double u = 0.75;
        JumpProcess p = JumpProcess.of(2, u, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, a, 1)));
        RateFunction rf = RateFunction.of(p, 0);
        assertEquals(a * u, rf.current(), 1e-14 * a * u);
        List<Executable> checks = new ArrayList<>();
        for (double x : new double[] {0.01, 0.5, 2.0, 2.5, 3.1, 10.0, 60.0}) {
            double exact = x * Math.log(x / a) - x + a;
            double scale = Math.abs(x * Math.log(x / a)) + x + a;
            double got = rf.rate(x * u);
            checks.add(() -> assertEquals(exact, got, 1e-12 * scale, "x = " + x));
        }
        assertAll(checks);
    }

    /**
     * Near the mean I(I + delta) = delta^2 / (2 S) (1 - kappa3 delta / (3 S^2) + O(delta^2)):
     * the relative deviation from the quadratic must be below 2 |kappa3| delta / (3 S^2), and it
     * must also show (the cubic term is there), at the reduced N = 5 model's cold reservoir.
     */
    @Test
    void quadraticNearTheMean() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withKind(ModelKind.REDUCED).withN(5));
        RateFunction rf = RateFunction.of(p, Refrigerator.COLD);
        double s2 = rf.noise();
        double k3 = ExactSolver.solve(p, 3).reservoirs().get(0).cumulants()[2];
        double delta = 0.02 * Math.sqrt(s2);
        for (double sign : new double[] {-1, 1}) {
            double dj = sign * delta;
            double quad = dj * dj / (2 * s2);
            double got = rf.rate(rf.current() + dj);
            double bound = 2 * Math.abs(k3) * delta / (3 * s2 * s2);
            assertEquals(quad, got, bound * quad, "delta = " + dj);
        }
        assertEquals(0.0, rf.rate(rf.current()));
    }

    /** I >= 0, j increasing and I convex on the curve across both tails (slopes non-decreasing up to rounding). */
    @Test
    void curveIsNonNegativeAndConvex() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        RateFunction.Curve c = RateFunction.of(p, Refrigerator.COLD).curve(41, 4.0);
        double[] r = c.rate();
        for (int k = 0; k < r.length; k++) {
            assertTrue(r[k] >= 0, "I >= 0");
        }
        double[] j = c.current();
        for (int k = 1; k + 1 < r.length; k++) {
            assertTrue(j[k + 1] > j[k], "j increasing at " + k);
            double left = (r[k] - r[k - 1]) / (j[k] - j[k - 1]);
            double right = (r[k + 1] - r[k]) / (j[k + 1] - j[k]);
            // slopes are the tilts s (I'(j) = s), good to ~1e-9 relative from the central differences
            assertTrue(right >= left - 1e-7 * (Math.abs(left) + Math.abs(right)), "convex at " + k);
        }
        assertTrue(j[0] < rfCurrent(p) && j[j.length - 1] > rfCurrent(p), "the curve spans the mean current");
    }

    private static double rfCurrent(JumpProcess p) {
        return RateFunction.of(p, Refrigerator.COLD).current();
    }

    /**
     * The curve's parametric pairs (j = lambda'(s) by central difference, I = s j - lambda(s)) agree
     * with the direct supremum at the same j: an error delta in j shifts I by s delta, exactly as
     * I(j + delta) does to first order, so the pair is exact up to delta^2 / (2 S) with delta ~ 1e-10
     * relative (step 1e-5: truncation 1e-10, rounding 1e-16 / 1e-5); the golden search is good to
     * 1e-18 relative. 1e-9 of I (plus 1e-14 absolute near j = I) is a safe band.
     */
    @Test
    void curveAgreesWithTheDirectSupremum() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(7));
        RateFunction rf = RateFunction.of(p, Refrigerator.HOT);
        RateFunction.Curve c = rf.curve(21, 6.0);
        for (int k = 0; k < c.current().length; k++) {
            double direct = rf.rate(c.current()[k]);
            assertEquals(direct, c.rate()[k], 1e-9 * direct + 1e-14, "j = " + c.current()[k]);
        }
    }

    /**
     * -ln P(n, t) / t -> I(j) with n = j t: P ~ C e^{-t I} / sqrt(t) gives
     * c(t) = t (-ln P / t - I) - (1/2) ln t -> -ln C, with O(1/t) corrections. On the telegraph
     * (0 -> 1 at a counted, 1 -> 0 at b uncounted) at j = 2 I, c(t) at t = 10, 20, 40, 80 must
     * settle: successive differences shrink (roughly halving for an O(1/t) correction) and the last
     * is below 0.05, while the raw gap -ln P / t - I stays positive and decreases.
     */
    @Test
    void finiteTimeDistributionApproachesTheRateFunction() {
        double a = 1.0;
        double b = 2.0;
        JumpProcess p = JumpProcess.of(2, 1.0, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, b, 0)));
        RateFunction rf = RateFunction.of(p, 0);
        CountingDistribution cd = CountingDistribution.of(p, 0);
        double current = a * b / (a + b);
        assertEquals(current, rf.current(), 1e-14);
        double j = 1.5; // 2.25 I: n = j t is an integer for the times below
        double rate = rf.rate(j);
        double[] ts = {10, 20, 40, 80};
        double[] c = new double[ts.length];
        double[] gap = new double[ts.length];
        for (int k = 0; k < ts.length; k++) {
            double t = ts[k];
            double pn = cd.distribution(t, new double[] {b / (a + b), a / (a + b)}, 1e-100).at(Math.round(j * t));
            gap[k] = -Math.log(pn) / t - rate;
            c[k] = t * gap[k] - 0.5 * Math.log(t);
        }
        for (int k = 1; k < ts.length; k++) {
            assertTrue(gap[k] > 0 && gap[k] < gap[k - 1], "gap shrinks: " + java.util.Arrays.toString(gap));
        }
        for (int k = 2; k < ts.length; k++) {
            assertTrue(Math.abs(c[k] - c[k - 1]) < 0.75 * Math.abs(c[k - 1] - c[k - 2]),
                    "prefactor settles: " + java.util.Arrays.toString(c));
        }
        assertTrue(Math.abs(c[3] - c[2]) < 0.05, java.util.Arrays.toString(c));
    }

    @Test
    void rejectsBadArguments() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        RateFunction rf = RateFunction.of(p, 0);
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> RateFunction.of(p, 3)),
                () -> assertThrows(IllegalArgumentException.class, () -> rf.rate(Double.NaN)),
                () -> assertThrows(IllegalArgumentException.class, () -> rf.curve(1, 1.0)),
                () -> assertThrows(IllegalArgumentException.class, () -> rf.curve(5, 0.0)));
    }
}
