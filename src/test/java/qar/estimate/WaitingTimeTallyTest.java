package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class WaitingTimeTallyTest {
    /**
     * Bins whose edges are bucket edges receive exactly the values that lie in them, whatever the
     * order of recording and however the tallies were split and added: the goodness-of-fit tests
     * rely on exact counts.
     */
    @Test
    void binCountsAreExactAndSurviveAdd() {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(9L);
        double lowest = WaitingTimeTally.bucketEdge(1e-6);
        double highest = 1e4;
        WaitingTimeTally[] parts = new WaitingTimeTally[4];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = WaitingTimeTally.of(lowest, highest);
        }
        double[] raw = new double[50_000];
        for (int i = 0; i < raw.length; i++) {
            // log-uniform over 1e-8 .. 1e5: some below lowest, some above highest
            raw[i] = Math.pow(10, -8 + 13 * rng.nextDouble());
            parts[i % parts.length].accept(raw[i]);
        }
        double[] grid = new double[40];
        for (int k = 0; k < grid.length; k++) {
            grid[k] = Math.pow(10, -6 + 10.0 * k / (grid.length - 1));
        }
        double[] edges = WaitingTimeEstimate.snap(grid, 1e300);
        double[] all = new double[edges.length + 2];
        all[0] = 0;
        System.arraycopy(edges, 0, all, 1, edges.length);
        all[all.length - 1] = Double.MAX_VALUE;
        long[] expected = new long[all.length - 1];
        for (double x : raw) {
            int i = Arrays.binarySearch(all, x);
            expected[i >= 0 ? i : -i - 2]++;
        }
        WaitingTimeTally merged = WaitingTimeTally.of(lowest, highest);
        for (int i = parts.length - 1; i >= 0; i--) {
            merged.combine(parts[i]);
        }
        assertEquals(Arrays.toString(expected), Arrays.toString(merged.counts(all)));
        assertEquals(raw.length, merged.total());
    }

    @Test
    void bucketEdgesHaveTwoSignificantDigits() {
        for (double v : new double[] {1e-300, 3.3e-7, 1.0, 1.5, 1000.7, 6.02e23}) {
            double e = WaitingTimeTally.bucketEdge(v);
            assertEquals(true, e <= v && v - e < v / 128, v + " -> " + e);
            assertEquals(e, WaitingTimeTally.bucketEdge(e));
        }
    }

    @Test
    void rejectsUnusableRanges() {
        assertThrows(IllegalArgumentException.class, () -> WaitingTimeTally.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> WaitingTimeTally.of(1, 1));
        assertThrows(IllegalArgumentException.class, () -> WaitingTimeTally.of(1e-20, 1e0));
    }
}
