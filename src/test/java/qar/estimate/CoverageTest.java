package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;
import qar.sample.Campaign;

/**
 * Validates the standard errors: many small campaigns with independent streams, and the share of
 * 95 % intervals that cover the exact finite-time value (kappa_n + g_n / T).
 *
 * <p>If the intervals were exact, the number of covering runs out of M would be Binomial(M, 0.95).
 * We accept the central band of that distribution holding all but 1e-4 of its mass on each side
 * (for M = 500: about 458 to 492); jackknife-t intervals are only asymptotically exact, but with 64
 * groups their coverage error is well inside this band, while an error bar off by 20 % (coverage
 * 89 % or 99 %) falls outside it.
 */
class CoverageTest {
    private static final int RUNS = 500;

    @Test
    void ninetyFivePercentIntervalsCoverAtTheNominalRate() throws InterruptedException {
        // a three-level ring with a net circulation, counted by two reservoirs
        JumpProcess p = JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("y", Double.NaN)),
                List.of(new Channel(0, 1, 0, 2.0, 1), new Channel(1, 0, 0, 0.7, -1),
                        new Channel(1, 2, 1, 1.5, 2), new Channel(2, 1, 1, 0.4, -2),
                        new Channel(2, 0, 0, 1.1, -3), new Channel(0, 2, 1, 0.3, 3)));
        ExactSolution exact = ExactSolver.solve(p, 4);
        double[][] g = ExactSolver.finiteTimeOffsets(p, 4);
        double t = 20;
        Campaign campaign = Campaign.of(p, exact.populations(), t, 128);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(314159L);
        int[][] covered = new int[2][2];
        for (int run = 0; run < RUNS; run++) {
            Campaign.Result r = campaign.run(master, 2, false, null);
            Estimate[][] e = JackknifeCumulants.estimate(r.moments(), t, 1.0);
            for (int res = 0; res < 2; res++) {
                for (int n = 0; n < 2; n++) {
                    double target = exact.reservoirs().get(res).cumulants()[n] + g[res][n] / t;
                    if (e[res][n].ciLow() <= target && target <= e[res][n].ciHigh()) {
                        covered[res][n]++;
                    }
                }
            }
        }
        BinomialDistribution b = BinomialDistribution.of(RUNS, 0.95);
        int lo = b.inverseCumulativeProbability(1e-4);
        int hi = b.inverseSurvivalProbability(1e-4);
        for (int res = 0; res < 2; res++) {
            for (int n = 0; n < 2; n++) {
                int c = covered[res][n];
                assertTrue(c >= lo && c <= hi, "reservoir " + res + " kappa_" + (n + 1) + ": " + c + " of " + RUNS
                        + " intervals cover, accepted " + lo + " to " + hi);
            }
        }
    }
}
