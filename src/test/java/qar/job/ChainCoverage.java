package qar.job;

import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import qar.estimate.BatchCumulants;
import qar.estimate.Comparison;
import qar.estimate.Estimate;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;
import qar.sample.EngineChoice;

/**
 * Coverage of the printed cumulant intervals of {@link SampleJob} over independent seeds, as
 * {@code qar sample --seed s} runs them: per reservoir and order, how many intervals were printed
 * and how many of those cover the exact finite-time value, and how many the old rule (effective
 * exchanges only) would have printed and covered. Shared by the tests and the runs/ campaign.
 */
public final class ChainCoverage {
    private ChainCoverage() {
    }

    /**
     * A bursty chain: an off level 0 and a three-level ring 1 -> 2 -> 3 -> 1 driven out of
     * equilibrium (forward rate 20, backward 2, one quantum of x per step). The switch (reservoir s)
     * turns the ring on at rate {@code on} and off from every ring level at rate 1, so the ring runs
     * a fraction on / (1 + on) of the time, in bursts of about 18 quanta of x (sizes roughly
     * exponential). Counting quanta sees 18 times more independent events in x than there are.
     */
    public static JumpProcess bursty(double on) {
        return JumpProcess.of(4, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("s", Double.NaN)),
                List.of(new Channel(0, 1, 1, on, 1), new Channel(1, 0, 1, 1.0, -1),
                        new Channel(2, 0, 1, 1.0, -1), new Channel(3, 0, 1, 1.0, -1),
                        new Channel(1, 2, 0, 20.0, 1), new Channel(2, 3, 0, 20.0, 1), new Channel(3, 1, 0, 20.0, 1),
                        new Channel(2, 1, 0, 2.0, -1), new Channel(3, 2, 0, 2.0, -1), new Channel(1, 3, 0, 2.0, -1)));
    }

    /**
     * @param printed      [reservoir][n-1] intervals printed under the rule qar applies
     * @param covered      of those, how many cover the exact finite-time value
     * @param oldPrinted   the same under the old rule (effective exchanges only)
     * @param oldCovered   of those, how many cover
     */
    public record Counts(int runs, int[][] printed, int[][] covered, int[][] oldPrinted, int[][] oldCovered) {
        /**
         * Whether c covering intervals of m printed lie in the central band of Binomial(m, 0.95)
         * holding all but {@code tail} on each side.
         */
        public static boolean inBand(int c, int m, double tail) {
            if (m == 0) {
                return true;
            }
            BinomialDistribution b = BinomialDistribution.of(m, 0.95);
            return c >= b.inverseCumulativeProbability(tail) && c <= b.inverseSurvivalProbability(tail);
        }
    }

    /** Runs seeds {@code firstSeed}, {@code firstSeed + 1}, ... of one job. */
    public static Counts cumulants(JumpProcess process, double time, long replicas, int runs, long firstSeed,
            EngineChoice engine, int threads) throws InterruptedException {
        SampleJob job = SampleJob.of(process, time, replicas, List.of(), 2, new double[0],
                FluctuationAnalysis.Mode.OFF, engine);
        int k = process.reservoirs().size();
        int order = BatchCumulants.ORDER;
        int[][] printed = new int[k][order];
        int[][] covered = new int[k][order];
        int[][] oldPrinted = new int[k][order];
        int[][] oldCovered = new int[k][order];
        long[] q = process.largestQuanta();
        double unit = process.energyUnit();
        for (int run = 0; run < runs; run++) {
            LongJumpableUniformRandomProvider master =
                    (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(firstSeed + run);
            SampleJob.Result r = job.run(master, threads, null, null);
            Comparison[][] cmp = r.comparison().comparisons();
            double[] exchanges = new double[k];
            for (int i = 0; i < k; i++) {
                exchanges[i] = BatchCumulants.effectiveExchanges(replicas,
                        cmp[i][1].exactFiniteTime() * time / (unit * unit), q[i]);
            }
            Estimate[][] old = BatchCumulants.estimate(r.campaign().moments(), time, unit, exchanges);
            for (int i = 0; i < k; i++) {
                for (int n = 0; n < order; n++) {
                    double x = cmp[i][n].exactFiniteTime();
                    Estimate e = cmp[i][n].estimate();
                    if (e.reliable()) {
                        printed[i][n]++;
                        covered[i][n] += e.ciLow() <= x && x <= e.ciHigh() ? 1 : 0;
                    }
                    if (old[i][n].reliable()) {
                        oldPrinted[i][n]++;
                        oldCovered[i][n] += old[i][n].ciLow() <= x && x <= old[i][n].ciHigh() ? 1 : 0;
                    }
                }
            }
        }
        return new Counts(runs, printed, covered, oldPrinted, oldCovered);
    }
}
