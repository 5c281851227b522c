package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/** The solver at the largest size the brief asks for, N = 1,000,001 (500,001 levels). */
class LargeSizeTest {

    /**
     * Checks that hold exactly whatever the size: populations are a probability vector, the first
     * law (to rounding of the largest current), sigma >= 0 and the TUR S sigma / I^2 >= 2 of
     * every reservoir (eq. 19). And the paper's N^2 scaling of the cooling current: near the ground
     * state every rate grows like j(j+1) ~ N^2 / 4 at fixed spectral densities, so I_c(N) / N^2
     * converges; between N = 100,001 and 1,000,001 it must agree to 1e-3 (the corrections are
     * O(1/N) relative, measured 3.9e-5 here; a wrong band structure would break it).
     */
    @Test
    void millionSpinsGiveAPhysicalAnswer() {
        ExactSolution big = ExactSolver.solve(Refrigerator.process(ModelParameters.defaults().withN(1_000_001)), 2);
        assertEquals(500_001, big.populations().length);
        double sum = 0;
        for (double p : big.populations()) {
            assertTrue(p >= 0);
            sum += p;
        }
        assertEquals(1.0, sum, 1e-12);
        double max = 0;
        for (ReservoirStatistics r : big.reservoirs()) {
            assertTrue(Double.isFinite(r.current()) && r.noise() > 0, r.toString());
            max = Math.max(max, Math.abs(r.current()));
        }
        assertTrue(Math.abs(big.thermodynamics().firstLawResidual()) <= 1e-12 * max);
        assertTrue(big.thermodynamics().entropyProduction() > 0);
        for (double tur : big.thermodynamics().tur()) {
            assertTrue(tur >= 2, "TUR " + tur);
        }
        ExactSolution mid = ExactSolver.solve(Refrigerator.process(ModelParameters.defaults().withN(100_001)), 2);
        double scaledBig = big.reservoir("c").current() / (1_000_001.0 * 1_000_001.0);
        double scaledMid = mid.reservoir("c").current() / (100_001.0 * 100_001.0);
        assertEquals(scaledMid, scaledBig, 1e-3 * scaledMid);
    }
}
