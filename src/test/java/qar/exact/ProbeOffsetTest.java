package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The resolution probes' fixed offsets are, bit for bit, the draws the solver once took from its
 * own commons-rng SPLIT_MIX_64 generator (so every printed resolution stays as it was).
 */
class ProbeOffsetTest {
    @Test
    void theOffsetsAreTheFormerGeneratorsDraws() {
        UniformRandomProvider former = RandomSource.SPLIT_MIX_64.create(0x5EED_CAFE_F00DL);
        double min = 1;
        double max = -1;
        for (int i = 0; i < 10_000; i++) {
            double u = ExactSolver.probeOffset(i);
            assertEquals(Double.doubleToRawLongBits(2 * former.nextDouble() - 1), Double.doubleToRawLongBits(u),
                    "draw " + i);
            min = Math.min(min, u);
            max = Math.max(max, u);
        }
        assertTrue(min >= -1 && min < -0.999 && max < 1 && max > 0.999, min + " " + max);
    }
}
