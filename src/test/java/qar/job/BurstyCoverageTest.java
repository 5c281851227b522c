package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import qar.estimate.BatchCumulants;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.exact.FiniteTimeCumulants;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.EngineChoice;

/**
 * The cumulant intervals count independent events, not quanta: on a chain whose quanta come in
 * bursts the kappa_3, kappa_4 intervals the old rule printed under-cover and are withheld now;
 * what is printed covers, there and on the refrigerator, whose decisions do not change.
 *
 * <p>Allowance: if the intervals were exact, the covering count of m printed intervals would be
 * Binomial(m, 0.95). A count is accepted inside the central band holding all but 1e-4 of that
 * law on each side (for m = 200: 177 to 199); with at most 8 counts per test a correct estimator
 * fails with probability below 2e-3, and the seeds are fixed.
 */
class BurstyCoverageTest {
    private static final double TAIL = 1e-4;
    private static final int RUNS = 200;

    @Test
    void burstyChainPrintsOnlyIntervalsThatCover() throws InterruptedException {
        // T = 20, R = 1024: about 0.95 bursts of ~18 quanta per replica, 212 effective events
        // (R var / q^2 counts 567,000 exchanges, so the old rule printed every order)
        ChainCoverage.Counts c = ChainCoverage.cumulants(ChainCoverage.bursty(0.05), 20, 1024, RUNS, 1,
                EngineChoice.DIRECT, 2);
        int x = 0;
        // the old rule printed kappa_4 of x in every run and it missed far outside the band
        assertEquals(RUNS, c.oldPrinted()[x][3]);
        assertTrue(c.oldCovered()[x][3] < BinomialDistribution.of(RUNS, 0.95).inverseCumulativeProbability(TAIL),
                "old kappa_4 coverage " + c.oldCovered()[x][3]);
        // now kappa_3, kappa_4 are withheld; kappa_1, kappa_2 printed in every run
        assertEquals(0, c.printed()[x][2]);
        assertEquals(0, c.printed()[x][3]);
        assertEquals(RUNS, c.printed()[x][0]);
        assertEquals(RUNS, c.printed()[x][1]);
        assertCovers(c);
    }

    @Test
    void refrigeratorIntervalsCover() throws InterruptedException {
        // N = 5, T = 20, R = 2048: kappa_1 of all three and kappa_2 of w printed
        ChainCoverage.Counts c = ChainCoverage.cumulants(Refrigerator.process(ModelParameters.defaults().withN(5)),
                20, 2048, RUNS, 1, EngineChoice.AUTO, 2);
        assertEquals(RUNS, c.printed()[2][1]);
        assertCovers(c);
    }

    /**
     * On the refrigerator the events never bind: for jumps of at most q quanta |k_n| &lt;= q^(n-2)
     * k_2, so R k_2^3 / k_3^2 and R k_2^2 / |k_4| are at least R k_2 / q^2 where the jumps are
     * nearly independent. Checked at the default baths on the exact finite-time cumulants of the
     * settings of the manual's coverage tables (src/site/markdown/sampling.md) and of window lengths, so every interval printed there
     * is printed still. (A slow mode correlates the jumps: then the events do bind, sampling.md "slow".)
     */
    @Test
    void refrigeratorDecisionsAreUnchanged() {
        for (int n : new int[] {5, 7, 15, 31}) {
            JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
            ExactSolution exact = ExactSolver.solve(p, 4);
            for (double t : new double[] {1, 2, 10, 100, 200, 1000}) {
                for (int r = 0; r < 3; r++) {
                    double[] k = FiniteTimeCumulants.resolved(FiniteTimeCumulants.of(p, p.energyWeights(r),
                            exact.populations(), 4).at(t), exact.reservoirs().get(r), t);
                    double u = p.energyUnit();
                    double exchanges = BatchCumulants.effectiveExchanges(1, k[1] / (u * u), p.largestQuanta()[r]);
                    double events = BatchCumulants.effectiveEvents(1, k);
                    assertTrue(events >= exchanges, "N " + n + " t " + t + " reservoir " + r + ": " + events
                            + " events, " + exchanges + " exchanges");
                }
            }
        }
    }

    @Test
    void eventsOfCompoundPoissonAreItsEvents() {
        // Poisson(lambda) events of q quanta: k_n = lambda q^n, so both ratios give lambda
        double lambda = 3.5;
        int q = 4;
        double[] k = {lambda * q, lambda * q * q, lambda * q * q * q, lambda * q * q * q * q};
        assertEquals(10 * lambda, BatchCumulants.effectiveEvents(10, k), 1e-12);
        assertEquals(10 * lambda, BatchCumulants.effectiveExchanges(10, k[1], q), 1e-12);
        assertEquals(0, BatchCumulants.effectiveEvents(10, new double[] {1, 0, 0, 0}));
        assertEquals(Double.POSITIVE_INFINITY, BatchCumulants.effectiveEvents(10, new double[] {0, 2, 0, 0}));
    }

    private static void assertCovers(ChainCoverage.Counts c) {
        for (int r = 0; r < c.printed().length; r++) {
            for (int n = 0; n < BatchCumulants.ORDER; n++) {
                int m = c.printed()[r][n];
                int k = c.covered()[r][n];
                assertTrue(ChainCoverage.Counts.inBand(k, m, TAIL), "reservoir " + r + " kappa_" + (n + 1) + ": "
                        + k + " of " + m + " printed intervals cover");
            }
        }
        assertFalse(c.printed()[0][0] == 0, "kappa_1 is always printed");
    }
}
