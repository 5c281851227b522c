package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;
import qar.sample.AggregatedEngine;
import qar.sample.Campaign;
import qar.sample.Engine;
import qar.sample.FlipPairs;
import qar.sample.GillespieEngine;
import qar.sample.Recording;

/**
 * Validates the standard errors: 500 independent campaigns of 512 replicas (64 groups of 8), and
 * the share of 95 % intervals that cover the exact finite-time value (kappa_n + g_n / T) of
 * kappa_1 .. kappa_4 of both reservoirs.
 *
 * <p>If the intervals were exact, the number of covering runs out of M would be Binomial(M, 0.95).
 * We accept the central band of that distribution holding all but 1e-4 of its mass on each side
 * (for M = 500: 455 to 491; 16 checks, so a correct estimator fails with probability below 3e-3,
 * and the seed is fixed). Batch-t intervals are only asymptotically exact, but their measured
 * coverage (464 to 475 of 500) is well inside; error bars scaled by 0.8 fall outside (437 of 500).
 *
 * <p>It runs on the direct engine and on the aggregated one over every flip pair, however slow
 * (the ring's pairs make 2 flips or fewer per sojourn): the same intervals from either.
 */
class CoverageTest {
    private static final int RUNS = 500;

    @ParameterizedTest
    @ValueSource(strings = {"direct", "aggregated"})
    void ninetyFivePercentIntervalsCoverAtTheNominalRate(String engineName) throws InterruptedException {
        // a three-level ring with a net circulation, counted by two reservoirs
        JumpProcess p = JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("y", Double.NaN)),
                List.of(new Channel(0, 1, 0, 2.0, 1), new Channel(1, 0, 0, 0.7, -1),
                        new Channel(1, 2, 1, 1.5, 2), new Channel(2, 1, 1, 0.4, -2),
                        new Channel(2, 0, 0, 1.1, -3), new Channel(0, 2, 1, 0.3, 3)));
        ExactSolution exact = ExactSolver.solve(p, 4);
        double[][] g = ExactSolver.of(p).finiteTimeOffsets(4);
        double t = 20;
        Engine engine = engineName.equals("direct") ? GillespieEngine.of(p)
                : AggregatedEngine.of(p, FlipPairs.of(p, 0));
        Campaign campaign = Campaign.of(p, exact.populations(), t, 512, Recording.energiesOnly(), engine);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(314159L);
        int[][] covered = new int[2][4];
        for (int run = 0; run < RUNS; run++) {
            Campaign.Result r = campaign.run(master, 2, null, null);
            Estimate[][] e = BatchCumulants.estimate(r.moments(), t, 1.0);
            for (int res = 0; res < 2; res++) {
                for (int n = 0; n < 4; n++) {
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
            for (int n = 0; n < 4; n++) {
                int c = covered[res][n];
                assertTrue(c >= lo && c <= hi, engineName + ": reservoir " + res + " kappa_" + (n + 1) + ": " + c
                        + " of " + RUNS
                        + " intervals cover, accepted " + lo + " to " + hi);
            }
        }
    }
}
