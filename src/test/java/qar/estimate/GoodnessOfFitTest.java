package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class GoodnessOfFitTest {
    private static final int GROUPS = 64;

    /** Poisson(6) counts, 64 groups of 500 draws, binned on 0 .. 20 (the last bin holds the tail). */
    private static long[][] sample(UniformRandomProvider rng, double mean, int clusterSize) {
        long[][] c = new long[GROUPS][21];
        PoissonSampler s = new PoissonSampler(rng, mean);
        for (int g = 0; g < GROUPS; g++) {
            for (int i = 0; i < 500 / clusterSize; i++) {
                int x = Math.min(20, s.sample());
                // clusterSize identical copies: a design effect of clusterSize
                c[g][x] += clusterSize;
            }
        }
        return c;
    }

    private static double[] poisson(double mean) {
        double[] p = new double[21];
        double tail = 1;
        for (int k = 0; k < 20; k++) {
            p[k] = org.apache.commons.statistics.distribution.PoissonDistribution.of(mean).probability(k);
            tail -= p[k];
        }
        p[20] = tail;
        return p;
    }

    /**
     * A correct model passes at level 1e-3 (the seed is fixed; a valid test fails it with
     * probability 1e-3), for independent and for clustered draws, where the uncorrected
     * statistic would be 5 times too large; a mean off by 3 % is rejected at 1e-6.
     */
    @Test
    void acceptsTheTruthRejectsAShiftAndCorrectsForClusters() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(12L);
        GoodnessOfFit iid = GoodnessOfFit.of(sample(rng, 6, 1), poisson(6));
        assertTrue(iid.pValue() > 1e-3, iid.toString());
        GoodnessOfFit clustered = GoodnessOfFit.of(sample(rng, 6, 5), poisson(6));
        assertTrue(clustered.pValue() > 1e-3, clustered.toString());
        // design effect of 5-fold copies is 5; its estimate from 64 groups has relative sd ~ sqrt(2/63) = 0.18
        assertTrue(clustered.designEffect() > 2.5 && clustered.designEffect() < 10, clustered.toString());
        GoodnessOfFit wrong = GoodnessOfFit.of(sample(rng, 6.18, 1), poisson(6));
        assertTrue(wrong.pValue() < 1e-6, wrong.toString());
    }

    @Test
    void tooFewCountsGiveNoTest() {
        long[][] c = new long[2][3];
        c[0][1] = 3;
        assertNull(GoodnessOfFit.of(c, new double[] {0.2, 0.5, 0.3}));
    }
}
