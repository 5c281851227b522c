package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * The efficiency rate function J(eta) = -min_gamma lambda(s_c = gamma, s_w = -eta gamma): a closed form
 * and the symmetry that fixes the sign conventions. The search stops at 1e-3 of gamma; the minimum
 * value's error is second order, (1/2) lambda'' (1e-3 gamma)^2, about 1e-6 of J itself where J ~
 * lambda'' gamma^2 / 2, so 1e-6 relative is the tolerance against closed forms.
 */
class EfficiencyRateTest {

    @Test
    void independentPoissonCountersMatchTheClosedForm() {
        // c and w count independent Poisson processes of rates a and b (one quantum per jump, in both
        // levels), so lambda = a (e^{s_c} - 1) + b (e^{s_w} - 1) and, for eta > 0, the minimiser of
        // a (e^g - 1) + b (e^{-eta g} - 1) is g* = ln(b eta / a) / (1 + eta)
        double a = 0.7;
        double b = 2.0;
        JumpProcess p = JumpProcess.of(2, 1.0, List.of(new Reservoir("c", 1.0), new Reservoir("w", 0.1)),
                List.of(new Channel(0, 1, 0, a, 1), new Channel(1, 0, 0, a, 1), new Channel(0, 1, 1, b, 1),
                        new Channel(1, 0, 1, b, 1)));
        EfficiencyRate j = EfficiencyRate.of(p, ExactSolver.solve(p, 2), 0, 1);
        assertEquals(a / b, j.mean(), 1e-14);
        for (double eta : new double[] {0.01, 0.1, 0.35, 0.5, 1, 3, 30}) {
            double g = Math.log(b * eta / a) / (1 + eta);
            double expected = -(a * Math.expm1(g) + b * Math.expm1(-eta * g));
            assertEquals(expected, j.rate(eta), 1e-6 * expected + 1e-15, "eta = " + eta);
            assertEquals(g, j.minimiser(eta), 2e-3 * Math.abs(g), "eta = " + eta);
        }
        // eta < 0 needs both counts near 0 (no jump at all): the infimum -(a + b) is approached as gamma ->
        // -infinity, and reached in double precision well inside the search's reach
        assertEquals(a + b, j.rate(-1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> j.rate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> EfficiencyRate.of(p, ExactSolver.solve(p, 2), 0, 0));
    }

    @Test
    void theRefrigeratorsEfficiencyIsLeastLikelyAtCarnot() {
        // Gallavotti-Cohen, lambda(s) = lambda(beta - s), and energy conservation (lambda does not change
        // along (1, 1, 1)) put the global minimum of the convex lambda at beta / 2 ~ (b_c - b_h, 0,
        // b_w - b_h) / 2 on the plane s_h = 0, which lies on the line of eta_C = (b_h - b_w) / (b_c - b_h):
        // J is largest there, equal to -lambda at that point, and zero at the mean efficiency. A wrong
        // sign of s_w or of the energies moves every one of these.
        ModelParameters m = ModelParameters.defaults().withN(5);
        JumpProcess p = Refrigerator.process(m);
        ExactSolution sol = ExactSolver.solve(p, 2);
        EfficiencyRate j = EfficiencyRate.of(p, sol, Refrigerator.COLD, Refrigerator.WORK);
        double bc = 2;
        double bh = 1;
        double bw = 1e-3;
        double carnot = (bh - bw) / (bc - bh);
        double top = j.rate(carnot);
        double symmetric = GeneratingFunction.of(p).lambda((bc - bh) / 2, 0, (bw - bh) / 2);
        assertEquals(-symmetric, top, 1e-6 * top);
        assertEquals((bc - bh) / 2, j.minimiser(carnot), 1e-3);
        assertTrue(j.rate(j.mean()) < 1e-12 * top, "J at the mean efficiency: " + j.rate(j.mean()));
        for (double eta = -3; eta <= 3; eta += 0.05) {
            double r = j.rate(eta);
            assertTrue(r >= 0 && r <= top * (1 + 1e-6), "eta = " + eta + ": " + r + " vs " + top);
        }
    }
}
