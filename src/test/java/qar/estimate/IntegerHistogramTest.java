package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class IntegerHistogramTest {
    @Test
    void countsEveryValueAndCombinesExactly() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(4L);
        IntegerHistogram all = IntegerHistogram.create();
        IntegerHistogram a = IntegerHistogram.create();
        IntegerHistogram b = IntegerHistogram.create();
        long[] direct = new long[2001];
        for (int i = 0; i < 20_000; i++) {
            // values far on both sides of the first one force growth in both directions
            long v = i == 0 ? 3 : rng.nextLong(-1000, 1001);
            direct[(int) v + 1000]++;
            all.accept(v);
            (i % 3 == 0 ? a : b).accept(v);
        }
        for (long v = -1000; v <= 1000; v++) {
            assertEquals(direct[(int) v + 1000], all.count(v), "value " + v);
        }
        assertEquals(0, all.count(5000));
        assertEquals(all, a.combine(b));
        assertEquals(20_000, all.total());
        assertEquals(-1000, all.min());
        assertEquals(1000, all.max());
    }
}
