package qar.bench;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.Campaign;

/**
 * Coverage campaign on the refrigerator: M independent runs of {@code qar sample} (full model,
 * defaults but N), and per reservoir and order the number of 95 % intervals that contain the exact
 * finite-time value &lt;&lt;Q_T^n&gt;&gt; / T ({@link FiniteTimeTruth}), next to the central 95 % band of
 * Binomial(M, 0.95). "plain" is the batch-t interval without the reliability check (the old
 * output); "checked" counts the intervals qar prints now and how many of them cover.
 *
 * <p>Usage: {@code mvn -o -Pbench test-compile exec:exec -Dbench.main=qar.bench.CoverageCampaign
 * -Dbench.args="N T R M seed [threads]"}, e.g. {@code "5 100 256 200 1"}.
 */
public final class CoverageCampaign {
    private CoverageCampaign() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        double time = Double.parseDouble(args[1]);
        long replicas = Long.parseLong(args[2]);
        int runs = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
        JumpProcess process = Refrigerator.process(ModelParameters.defaults().withN(n));
        ExactSolution exact = ExactSolver.solve(process, BatchCumulants.ORDER);
        double[][] truth = FiniteTimeTruth.cumulantRates(process, exact.populations(), time);
        Campaign campaign = Campaign.of(process, exact.populations(), time, replicas);
        // the effective exchanges from the exact variance, as qar sample does
        double[] exchanges = new double[process.reservoirs().size()];
        for (int i = 0; i < exchanges.length; i++) {
            double unit = process.energyUnit();
            exchanges[i] = BatchCumulants.effectiveExchanges(replicas, truth[i][1] * time / (unit * unit),
                    process.largestQuanta()[i]);
        }
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        int res = process.reservoirs().size();
        int order = BatchCumulants.ORDER;
        int[][] plain = new int[res][order];
        int[][] printed = new int[res][order];
        int[][] covered = new int[res][order];
        long t0 = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            Campaign.Result r = campaign.run(master, threads, null, null);
            Estimate[][] old = BatchCumulants.estimate(r.moments(), time, process.energyUnit());
            Estimate[][] now = BatchCumulants.estimate(r.moments(), time, process.energyUnit(), exchanges);
            for (int i = 0; i < res; i++) {
                for (int k = 0; k < order; k++) {
                    double x = truth[i][k];
                    if (old[i][k].ciLow() <= x && x <= old[i][k].ciHigh()) {
                        plain[i][k]++;
                    }
                    if (now[i][k].reliable()) {
                        printed[i][k]++;
                        if (now[i][k].ciLow() <= x && x <= now[i][k].ciHigh()) {
                            covered[i][k]++;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "coverage campaign: N = %d, T = %s, R = %d (%d groups), %d runs, seed %d,"
                        + " %.1f s%n", n, args[1], replicas, campaign.groups(), runs, seed,
                (System.nanoTime() - t0) * 1e-9);
        System.out.printf(Locale.ROOT, "central 95%% band of Binomial(%d, 0.95): %s%n", runs, band(runs));
        List<String> names = Refrigerator.NAMES;
        for (int i = 0; i < res; i++) {
            for (int k = 0; k < order; k++) {
                String inBand = printed[i][k] == 0 ? "none printed"
                        : covered[i][k] + " of " + printed[i][k] + " printed, band " + band(printed[i][k]);
                System.out.printf(Locale.ROOT, "  %s kappa_%d  truth %+.6e  plain %4d/%d  checked: %s%n",
                        names.get(i), k + 1, truth[i][k], plain[i][k], runs, inBand);
            }
        }
    }

    /** Central 95 % band [lo, hi] of Binomial(m, 0.95): each tail outside it holds at most 2.5 %. */
    static String band(int m) {
        BinomialDistribution b = BinomialDistribution.of(m, 0.95);
        return "[" + b.inverseCumulativeProbability(0.025) + ", " + b.inverseSurvivalProbability(0.025) + "]";
    }
}
