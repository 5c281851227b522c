package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BatchCumulantsTest {
    private static final long[] NO_JUMPS = {0};

    /** Groups of replicas whose single reservoir gets energy +-1 alternately: k2 = R/(R-1) exactly. */
    private static List<ReplicaMoments> alternating(int groups, int size) {
        List<ReplicaMoments> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            ReplicaMoments m = ReplicaMoments.create(1);
            for (int i = 0; i < size; i++) {
                m.accept(new long[] {(i + g) % 3 == 0 ? 1 : -1}, NO_JUMPS);
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void intervalsAreWithheldBelowTheEffectiveExchangeThresholds() {
        // 64 groups of 160: R = 10240 replicas of +-1
        List<ReplicaMoments> groups = alternating(64, 160);
        assertEquals(10240 * 0.25 / 4, BatchCumulants.effectiveExchanges(10240, 0.25, 2));
        for (int n = 1; n <= BatchCumulants.ORDER; n++) {
            double need = BatchCumulants.minExchanges(n);
            // exactly the threshold passes, the next double below it does not
            Estimate ok = BatchCumulants.estimate(groups, 1.0, 1.0, new double[] {need})[0][n - 1];
            assertTrue(ok.reliable(), "kappa_" + n + " at n_eff = " + need + ": " + ok.reason());
            assertNull(ok.reason());
            if (need > 0) {
                Estimate no = BatchCumulants.estimate(groups, 1.0, 1.0, new double[] {Math.nextDown(need)})[0][n - 1];
                assertFalse(no.reliable(), "kappa_" + n + " below n_eff = " + need);
                assertTrue(Double.isNaN(no.ciLow()) && Double.isNaN(no.ciHigh()));
                assertTrue(no.reason().contains("kappa_" + n), no.reason());
                assertEquals(ok.value(), no.value(), "the estimate itself is kept");
                assertEquals(ok.stderr(), no.stderr());
            }
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        List<ReplicaMoments> groups = alternating(4, 8);
        assertThrows(IllegalArgumentException.class,
                () -> BatchCumulants.estimate(groups, 1.0, 1.0, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> BatchCumulants.estimate(groups.subList(0, 1), 1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> BatchCumulants.estimate(alternating(2, 7), 1.0, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new Estimate(1, 1, 5, Double.NaN, Double.NaN, false, null));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 1, 5, 0, 2, true, "why"));
    }

    /**
     * Rounded Gaussian replicas (sigma = 10), where the t intervals are accurate: 400 data sets of
     * 512 replicas in 64 groups, and every kappa_n is checked (n_eff infinite: no reliability check, so
     * every interval is printed). Rounding to integers adds 1/12 to kappa_2 and -1/120 to kappa_4
     * (Sheppard). If the intervals were exact the covering count is Binomial(400, 0.95); we accept
     * the central band holding all but 1e-4 on each side (363 to 393), 4 checks, so a correct
     * estimator fails with probability below 1e-3 (and the seed is fixed). Intervals of half the
     * width would cover about 68 % (272 of 400) and fail.
     */
    @Test
    void gaussianIntervalsCoverAtTheNominalRate() {
        int sets = 400;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(2718L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] truth = {0, 100 + 1.0 / 12, 0, -1.0 / 120};
        int[] covered = new int[4];
        for (int s = 0; s < sets; s++) {
            List<ReplicaMoments> groups = new ArrayList<>();
            for (int g = 0; g < 64; g++) {
                ReplicaMoments m = ReplicaMoments.create(1);
                for (int i = 0; i < 8; i++) {
                    m.accept(new long[] {Math.round(10 * gauss.sample())}, NO_JUMPS);
                }
                groups.add(m);
            }
            Estimate[] e = BatchCumulants.estimate(groups, 1.0, 1.0, new double[] {Double.POSITIVE_INFINITY})[0];
            for (int n = 0; n < 4; n++) {
                assertTrue(e[n].reliable(), e[n].reason());
                if (e[n].ciLow() <= truth[n] && truth[n] <= e[n].ciHigh()) {
                    covered[n]++;
                }
            }
        }
        BinomialDistribution b = BinomialDistribution.of(sets, 0.95);
        int lo = b.inverseCumulativeProbability(1e-4);
        int hi = b.inverseSurvivalProbability(1e-4);
        for (int n = 0; n < 4; n++) {
            assertTrue(covered[n] >= lo && covered[n] <= hi,
                    "kappa_" + (n + 1) + ": " + covered[n] + " of " + sets + " cover, accepted " + lo + " to " + hi);
        }
    }
}
