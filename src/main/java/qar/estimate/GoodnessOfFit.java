package qar.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of binned counts against exact bin probabilities, with the
 * first-order Rao-Scott correction for clustered samples.
 *
 * <p>Why the correction: the counts come from replicas, and the waiting times or windows of one
 * replica are dependent, so the bin counts are not multinomial and the plain statistic would
 * reject a correct sampler (or accept a wrong one). The groups are independent, so each bin's
 * variance is estimated from them; the mean design effect (that variance over the multinomial
 * p (1 - p) / n) divides the statistic, which is then referred to chi-square with K - 1 degrees
 * of freedom (Rao and Scott, JASA 76, 221, 1981). Bins are merged left to right until each
 * expects at least {@link #MIN_EXPECTED} counts.
 *
 * @param statistic    the corrected statistic X^2 / designEffect
 * @param dof          degrees of freedom (merged bins - 1)
 * @param designEffect the mean design effect; 1 for independent samples
 * @param pValue       upper tail probability of chi-square(dof) at the statistic
 */
public record GoodnessOfFit(double statistic, int dof, double designEffect, double pValue) {
    /** Smallest expected count of a merged bin. */
    public static final double MIN_EXPECTED = 20;

    /**
     * @param counts      [group][bin] observed counts, every group over the same bins
     * @param probability per bin, the exact probability; together they need not sum to one
     *                    (mass outside the bins is left out of both sides)
     * @return the test, or null where fewer than two bins expect enough counts
     */
    public static GoodnessOfFit of(long[][] counts, double[] probability) {
        int groups = counts.length;
        int bins = probability.length;
        long[] total = new long[groups];
        long n = 0;
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < bins; k++) {
                total[g] += counts[g][k];
            }
            n += total[g];
        }
        double mass = 0;
        for (double p : probability) {
            mass += p;
        }
        // merge bins until each expects MIN_EXPECTED counts
        List<int[]> merged = new ArrayList<>();
        int startBin = 0;
        double acc = 0;
        for (int k = 0; k < bins; k++) {
            acc += probability[k] / mass * n;
            if (acc >= MIN_EXPECTED) {
                merged.add(new int[] {startBin, k + 1});
                startBin = k + 1;
                acc = 0;
            }
        }
        if (merged.isEmpty()) {
            return null;
        }
        if (startBin < bins) {
            merged.get(merged.size() - 1)[1] = bins;
        }
        int m = merged.size();
        if (m < 2 || groups < 2 || n == 0) {
            return null;
        }
        double chi2 = 0;
        double deff = 0;
        double meanSize = (double) n / groups;
        for (int[] b : merged) {
            double p = 0;
            long observed = 0;
            long[] og = new long[groups];
            for (int k = b[0]; k < b[1]; k++) {
                p += probability[k] / mass;
                for (int g = 0; g < groups; g++) {
                    og[g] += counts[g][k];
                }
            }
            for (long o : og) {
                observed += o;
            }
            double e = p * n;
            chi2 += (observed - e) * (observed - e) / e;
            // ratio-estimator variance of the bin share from the independent groups
            double share = (double) observed / n;
            double ss = 0;
            for (int g = 0; g < groups; g++) {
                double r = og[g] - share * total[g];
                ss += r * r;
            }
            double variance = ss / (meanSize * meanSize * groups * (groups - 1.0));
            double multinomial = p * (1 - p) / n;
            deff += multinomial > 0 ? variance / multinomial : 1;
        }
        deff /= m;
        if (!(deff > 0)) {
            deff = 1;
        }
        double statistic = chi2 / deff;
        int dof = m - 1;
        return new GoodnessOfFit(statistic, dof, deff, ChiSquaredDistribution.of(dof).survivalProbability(statistic));
    }
}
