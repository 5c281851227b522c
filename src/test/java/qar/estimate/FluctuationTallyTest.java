package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The accumulators of the fluctuation checks: bins, sums, combining. */
class FluctuationTallyTest {

    @Test
    void entropyBinsAreExactMirrorImagesTiesIncluded() {
        EntropyHistogram h = EntropyHistogram.of(0.25);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(1L);
        for (int i = 0; i < 10_000; i++) {
            double s = (rng.nextDouble() - 0.5) * 40;
            assertEquals(-h.bin(s), h.bin(-s), "s = " + s);
        }
        // edges (k +- 1/2) h: the upper edge belongs to the next bin, on both sides
        assertEquals(0, h.bin(0.0));
        assertEquals(1, h.bin(0.125));
        assertEquals(-1, h.bin(-0.125));
        assertEquals(0, h.bin(0.1249));
        assertEquals(2, h.bin(0.375));
        assertEquals(-2, h.bin(-0.375));
        assertEquals(EntropyHistogram.MAX_BIN, h.bin(1e300));
        assertEquals(0.125, h.lowerEdge(1));
    }

    @Test
    void entropyHistogramCombinesLikeOneAndKeepsTiltedSums() {
        EntropyHistogram a = EntropyHistogram.of(0.5);
        EntropyHistogram b = EntropyHistogram.of(0.5);
        EntropyHistogram all = EntropyHistogram.of(0.5);
        double[] s = {0.3, 0.7, -0.3, 1.2, 5.0, -4.9, 0.1, 30.0};
        for (int i = 0; i < s.length; i++) {
            (i % 2 == 0 ? a : b).accept(s[i]);
            all.accept(s[i]);
        }
        a.combine(b);
        assertEquals(all, a);
        assertEquals(8, a.total());
        assertEquals(2, a.count(1)); // 0.3, 0.7 in [0.25, 0.75)
        assertEquals(1, a.count(-1));
        // bin 1: exp(-(0.3 - 0.25)) + exp(-(0.7 - 0.25))
        assertEquals(Math.exp(-0.05) + Math.exp(-0.45), a.tiltedSum(1), 1e-15);
        assertEquals(60, a.reach());
        assertThrows(IllegalArgumentException.class, () -> a.combine(EntropyHistogram.of(0.4)));
        assertThrows(IllegalArgumentException.class, () -> a.accept(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> a.tiltedSum(0));
        assertThrows(IllegalArgumentException.class, () -> EntropyHistogram.of(0));
        assertThrows(IllegalArgumentException.class, () -> EntropyHistogram.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void exponentialSumsNeitherOverflowNorLoseTheSmallWeights() {
        ExponentialSums a = ExponentialSums.create();
        ExponentialSums b = ExponentialSums.create();
        for (int i = 0; i < 1000; i++) {
            a.accept(1.0);
        }
        b.accept(-800); // e^800 overflows a double
        assertEquals(1000, a.count());
        assertEquals(Math.log(1000) - 1, a.logSum(), 1e-12);
        assertEquals(1000, a.effectiveSize(), 1e-9);
        ExponentialSums c = ExponentialSums.create().combine(a).combine(b);
        assertEquals(1001, c.count());
        // one window of weight e^800 against 1000 of e^-1: the effective size is 1
        assertEquals(800, c.logSum(), 1e-12);
        assertEquals(1.0, c.effectiveSize(), 1e-12);
        // combining in the other order gives the same sums
        ExponentialSums d = ExponentialSums.create().combine(b).combine(a);
        assertEquals(c.logSum(), d.logSum(), 1e-12);
        assertEquals(0, ExponentialSums.create().effectiveSize());
    }

    @Test
    void vectorHistogramCountsAndCombines() {
        VectorHistogram a = VectorHistogram.create(3);
        VectorHistogram b = VectorHistogram.create(3);
        a.accept(new long[] {2, -6, 4});
        a.accept(new long[] {2, -6, 4});
        a.accept(new long[] {0, 0, 0});
        b.accept(new long[] {-2, 6, -4});
        b.accept(new long[] {2, -6, 4});
        a.combine(b);
        assertEquals(5, a.total());
        assertEquals(3, a.count(new long[] {2, -6, 4}));
        assertEquals(1, a.count(new long[] {-2, 6, -4}));
        assertEquals(1, a.count(new long[] {0, 0, 0}));
        assertEquals(0, a.count(new long[] {1, 0, 0}));
        Map<long[], Long> e = a.entries();
        assertEquals(2, e.size());
        assertEquals(-2, e.keySet().iterator().next()[0]); // lexicographic
        VectorHistogram c = VectorHistogram.create(3);
        for (long[] v : List.of(new long[] {2, -6, 4}, new long[] {-2, 6, -4}, new long[] {2, -6, 4},
                new long[] {0, 0, 0}, new long[] {2, -6, 4})) {
            c.accept(v);
        }
        assertEquals(c, a);
        assertThrows(IllegalArgumentException.class, () -> a.combine(VectorHistogram.create(2)));
        assertThrows(IllegalArgumentException.class, () -> VectorHistogram.create(0));
    }

    @Test
    void efficiencyBinsPutZeroInTheMiddleAndCountTheRestApart() {
        EfficiencyHistogram h = EfficiencyHistogram.of(0.5, 11, 1.0);
        h.accept(0, 4);     // eta = 0: the middle bin
        h.accept(2, 4);     // 0.5 = scale: theta = pi/4, bin floor(0.75 * 11) = 8
        h.accept(-2, 4);    // -0.5: bin 2
        h.accept(6, 4);     // 1.5 > the threshold 1
        h.accept(2, 0);     // no work: undefined
        h.accept(1_000_000, 1); // far tail: the last bin
        assertEquals(1, h.count(5));
        assertEquals(1, h.count(8));
        assertEquals(1, h.count(2));
        assertEquals(1, h.count(10));
        assertEquals(1, h.undefined());
        assertEquals(1, h.negative());
        assertEquals(2, h.above());
        assertEquals(6, h.total());
        assertEquals(Double.NEGATIVE_INFINITY, h.edge(0));
        assertEquals(Double.POSITIVE_INFINITY, h.edge(11));
        for (int k = 1; k < 11; k++) {
            assertTrue(h.edge(k) > h.edge(k - 1));
            assertTrue(h.middle(k - 1) > h.edge(k - 1) && h.middle(k - 1) < h.edge(k));
        }
        assertEquals(0.0, h.middle(5), 1e-15);
        EfficiencyHistogram g = EfficiencyHistogram.of(0.5, 11, 1.0);
        g.accept(0, 4);
        assertNotEquals(g, h);
        assertEquals(7, h.combine(g).total());
        assertThrows(IllegalArgumentException.class, () -> EfficiencyHistogram.of(0.5, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> EfficiencyHistogram.of(0, 11, 1.0));
        assertThrows(IllegalArgumentException.class, () -> h.combine(EfficiencyHistogram.of(0.5, 11, 2.0)));
    }

    @Test
    void fluctuationTallyRefusesBadRoles() {
        assertThrows(IllegalArgumentException.class, () -> FluctuationTally.of(3, 0.1, 0, 0, 1, 11, 1));
        assertThrows(IllegalArgumentException.class, () -> FluctuationTally.of(3, 0.1, 0, 3, 1, 11, 1));
        FluctuationTally t = FluctuationTally.of(3, 0.1, -1, -1, 1, 11, 1);
        t.accept(new long[] {2, -6, 4}, 1.9, true);
        assertEquals(null, t.efficiency());
        assertEquals(1, t.closed().total());
        assertEquals(1.9, t.entropySum());
    }
}
