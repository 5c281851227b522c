package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** z-scores mean the same at every number of groups: 2 groups (16 replicas) gave |t| > 10 in 5 % of runs. */
class EstimateTest {
    /**
     * A t statistic at the p-quantile of Student's t with df degrees of freedom must come out as
     * the p-quantile of the standard normal: then |z| > 3 has probability 0.27 % at any df.
     * Both sides are library quantiles; 1e-9 is their accuracy, far below any reading of a z.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 1000})
    void zHasTheNormalLawWhateverTheGroups(int df) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        TDistribution t = TDistribution.of(df);
        for (double p : new double[] {1e-6, 0.00135, 0.025, 0.3, 0.5, 0.8, 0.975, 0.99865}) {
            double tq = t.inverseCumulativeProbability(p);
            Estimate e = Estimate.of(tq * 2 + 5, 2, df, 0, 10);
            assertEquals(normal.inverseCumulativeProbability(p), e.z(5), 1e-9 * (1 + Math.abs(tq)), "p = " + p);
        }
    }

    /** The case: with 2 groups a t of 10 is a 1-in-16 event, not a 10-sigma failure. */
    @ParameterizedTest
    @ValueSource(doubles = {10, -10})
    void twoGroupsTurnATOfTenIntoAModestZ(double tValue) {
        double z = Estimate.of(tValue, 1, 1, 0, 1).z(0);
        assertTrue(Math.abs(z) > 1.5 && Math.abs(z) < 1.9, "z = " + z);
        assertEquals(Math.signum(tValue), Math.signum(z));
    }
}
