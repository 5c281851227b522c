package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The detailed and integral theorem estimators on synthetic entropy productions with a known law.
 * s ~ Normal(mu, 2 mu) obeys the detailed theorem exactly: P(s) / P(-s) = exp([(s + mu)^2 - (s -
 * mu)^2] / (4 mu)) = e^s, and &lt;e^-s&gt; = exp(-mu + mu) = 1; s ~ Normal(mu, mu) has P(s) / P(-s) =
 * e^{2 s} (slope 2). Draws are independent, in G = 64 groups of equal size, as the campaign's
 * groups. Seeds are fixed.
 *
 * <p>Bands: a correct estimator's normal-equivalent |z| exceeds 4 with probability 6.3e-5, so |z|
 * &lt; 4 is required where the law holds (5 assertions of that kind: a correct estimator fails one
 * with probability 3e-4 per seed); violations are required to reach |z| &gt; 10.
 */
class FluctuationTheoremEstimatesTest {
    private static final int GROUPS = 64;

    private static List<EntropyHistogram> histograms(double mean, double variance, double width, int perGroup,
            long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = Math.sqrt(variance);
        List<EntropyHistogram> out = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            EntropyHistogram h = EntropyHistogram.of(width);
            for (int i = 0; i < perGroup; i++) {
                h.accept(mean + sd * gauss.sample());
            }
            out.add(h);
        }
        return out;
    }

    private static List<ExponentialSums> sums(double mean, double variance, int perGroup, long seed) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = Math.sqrt(variance);
        List<ExponentialSums> out = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            ExponentialSums e = ExponentialSums.create();
            for (int i = 0; i < perGroup; i++) {
                e.accept(mean + sd * gauss.sample());
            }
            out.add(e);
        }
        return out;
    }

    @Test
    void detailedSlopeIsOneWithoutBinningBiasEvenWithCoarseBins() {
        // bins of width 1 against an sd of 2: the bin centres would be off by up to h^2/8
        DetailedFluctuation d = DetailedFluctuation.of(histograms(2, 4, 1.0, 20_000, 11L));
        Estimate slope = d.slope();
        assertNotNull(slope, d.reason());
        assertTrue(slope.reliable(), slope.reason());
        assertTrue(Math.abs(slope.z(1.0)) < 4, slope.toString());
        assertEquals(Check.Verdict.CONSISTENT, Check.of(Check.Kind.DFT_SLOPE, slope, 1.0, null).verdict());
        // every point lies inside its bin, and y agrees with x within 4 jackknife errors where counts are large
        for (DetailedFluctuation.Point p : d.points()) {
            assertTrue(p.s() >= p.low() && p.s() <= p.high(), p.toString());
            if (p.minus() > 1000) {
                assertTrue(Math.abs(p.lnRatio() - p.s()) < 4 * p.stderr(), p.toString());
            }
        }
        // the same fit against the bin centres is biased by far more than the error: what the
        // abscissa x_k = -ln E[e^-s | bin] avoids
        double sxy = 0;
        double sxx = 0;
        for (DetailedFluctuation.Point p : d.points()) {
            if (p.fitted()) {
                double c = 0.5 * (p.low() + p.high());
                double w = 1 / (1 / (p.plus() + 0.5) + 1 / (p.minus() + 0.5));
                sxy += w * c * p.lnRatio();
                sxx += w * c * c;
            }
        }
        assertTrue(Math.abs(sxy / sxx - 1) > 5 * slope.stderr(), "centre slope " + sxy / sxx + " vs " + slope);
    }

    @Test
    void aLawThatBreaksTheTheoremIsReportedViolated() {
        // P(s)/P(-s) = e^{2s}: the slope is 2, and the estimator finds it
        Estimate slope = DetailedFluctuation.of(histograms(2, 2, 0.25, 20_000, 12L)).slope();
        assertTrue(Math.abs(slope.z(2.0)) < 4, slope.toString());
        Check c = Check.of(Check.Kind.DFT_SLOPE, slope, 1.0, null);
        assertEquals(Check.Verdict.VIOLATED, c.verdict());
        assertTrue(Math.abs(c.z()) > 10, c.toString());
    }

    @Test
    void withoutNegativeWindowsThereIsNoSlope() {
        DetailedFluctuation d = DetailedFluctuation.of(histograms(50, 100, 0.5, 200, 13L));
        assertNull(d.slope());
        assertTrue(d.reason().startsWith("no pair of bins"), d.reason());
        assertEquals(Check.Verdict.NOT_COMPUTED, Check.of(Check.Kind.DFT_SLOPE, d.slope(), 1, d.reason()).verdict());
    }

    @Test
    void integralTheoremIsOneWhereTheWeightsAreSampled() {
        // mu = 1: E[w^2] = e^{2 mu}, so Kish's ESS is about n e^-2 = 87,000 of 640,000
        IntegralFluctuation f = IntegralFluctuation.of(sums(1, 2, 10_000, 21L));
        assertTrue(f.mean().reliable(), f.mean().reason());
        assertTrue(Math.abs(f.mean().z(1.0)) < 4, f.toString());
        assertEquals(640_000, f.windows());
        assertEquals(640_000 * Math.exp(-2), f.effectiveSize(), 0.1 * 640_000 * Math.exp(-2));
        assertTrue(f.groupEffective() > 0.9 * GROUPS, f.toString());
    }

    @Test
    void anUndersampledIntegralTheoremIsSaidToBeUntrusted() {
        // mu = 12: the windows that carry <e^-s> lie near s = -12, 4.9 sd below the mean, and almost none
        // is drawn; the naive mean is far below 1 with a small error, a confident wrong answer
        IntegralFluctuation f = IntegralFluctuation.of(sums(12, 24, 10_000, 22L));
        Estimate e = f.mean();
        assertTrue(!e.reliable() && e.reason().contains("effective sample size"), e.toString());
        assertTrue(Double.isNaN(e.ciLow()) && Double.isNaN(e.ciHigh()));
        // a printed interval would have called a law that holds "violated" (|z| >= 3)
        assertTrue(Math.abs(e.z(1.0)) > Check.Z_LIMIT, "the interval would have misled: " + e);
        assertEquals(Check.Verdict.INCONCLUSIVE, Check.of(Check.Kind.IFT_MEAN, e, 1.0, null).verdict());
        assertTrue(f.effectiveSize() < IntegralFluctuation.MIN_ESS_PER_GROUP * GROUPS, f.toString());
    }
}
