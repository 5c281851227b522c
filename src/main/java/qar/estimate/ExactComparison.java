package qar.estimate;

import java.util.List;
import qar.exact.ReservoirStatistics;

/**
 * Sampled cumulant rates of every reservoir next to the exact ones.
 *
 * @param comparisons     [reservoir][n-1]
 * @param correlationTime max over reservoirs and orders of |g_n / kappa_n|: the trajectory length
 *                        below which finite-time offsets matter
 */
public record ExactComparison(Comparison[][] comparisons, double correlationTime) {

    /**
     * @param estimates [reservoir][n-1], from {@link BatchCumulants}
     * @param exact     per reservoir, the exact cumulants (at least as many orders as estimated)
     * @param offsets   [reservoir][n-1], the finite-time constants g_n
     * @param duration  trajectory length T of the replicas
     */
    public static ExactComparison of(Estimate[][] estimates, List<ReservoirStatistics> exact, double[][] offsets,
            double duration) {
        Comparison[][] cmp = new Comparison[estimates.length][];
        double correlation = 0;
        for (int r = 0; r < estimates.length; r++) {
            double[] kappa = exact.get(r).cumulants();
            cmp[r] = new Comparison[estimates[r].length];
            for (int n = 0; n < estimates[r].length; n++) {
                double g = offsets[r][n];
                cmp[r][n] = Comparison.of(estimates[r][n], kappa[n], kappa[n] + g / duration);
                if (kappa[n] != 0) {
                    correlation = Math.max(correlation, Math.abs(g / kappa[n]));
                }
            }
        }
        return new ExactComparison(cmp, correlation);
    }
}
