package qar.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of binned counts against exact bin probabilities, with the
 * second-order Rao-Scott (Satterthwaite) correction for clustered samples.
 *
 * <p>Why the correction: the counts come from replicas, and the waiting times or windows of one
 * replica are dependent, so the bin counts are not multinomial and the plain statistic would
 * reject a correct sampler (or accept a wrong one). The groups are independent, so the covariance
 * V of the bin shares is estimated from them. Under the model X^2 is then a weighted sum of
 * chi-square(1) variables with weights delta_i, the eigenvalues of P^-1 V (P the multinomial
 * covariance, over K - 1 bins). The first-order correction divided X^2 by their mean only: where
 * one direction dominates (a slow mode that moves the whole histogram of a replica, design
 * effects of 3-7) X^2 / mean is far from chi-square(K - 1), and the p-values piled up near 1
 * with the rare runs far in the tail. The second order matches the variance too: X^2 / (mean
 * (1 + a^2)) against chi-square with (K - 1) / (1 + a^2) degrees of freedom, a^2 the squared
 * coefficient of variation of the delta_i (Rao and Scott, Ann. Stat. 12, 46, 1984). The sum of
 * the squared delta_i is taken from the groups' covariance without its Wishart bias (an estimate
 * from G - 1 degrees of freedom spreads the eigenvalues by tr(V)^2 / (G - 1)). Bins are merged
 * left to right until each expects at least {@link #MIN_EXPECTED} counts.
 *
 * @param statistic    the corrected statistic X^2 / (designEffect (1 + a^2))
 * @param dof          Satterthwaite degrees of freedom (merged bins - 1) / (1 + a^2); merged bins - 1
 *                     for independent samples
 * @param designEffect the mean design effect (mean delta_i); 1 for independent samples
 * @param pValue       upper tail probability of chi-square(dof) at the statistic
 */
public record GoodnessOfFit(double statistic, double dof, double designEffect, double pValue) {
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
        double[] p = new double[m];
        double[] share = new double[m];
        // residuals of the ratio estimator of each bin share, per group
        double[][] res = new double[groups][m];
        double chi2 = 0;
        for (int j = 0; j < m; j++) {
            int[] b = merged.get(j);
            long[] og = new long[groups];
            long observed = 0;
            for (int k = b[0]; k < b[1]; k++) {
                p[j] += probability[k] / mass;
                for (int g = 0; g < groups; g++) {
                    og[g] += counts[g][k];
                }
            }
            for (long o : og) {
                observed += o;
            }
            double e = p[j] * n;
            chi2 += (observed - e) * (observed - e) / e;
            share[j] = (double) observed / n;
            for (int g = 0; g < groups; g++) {
                res[g][j] = og[g] - share[j] * total[g];
            }
        }
        // W = P^-1/2 V P^-1/2 over the first m - 1 bins has the eigenvalues delta_i. With
        // P^-1 = n (diag(1/p) + 1 1^T / p_m), tr(P^-1 V) and tr((P^-1 V)^2) come from the
        // whitened group residuals u_g = L^T r_g: write P^-1 = n L L^T is not needed, since
        // tr(P^-1 V) = n sum_g r_g^T A r_g c and tr((P^-1 V)^2) = n^2 c^2 sum_gh (r_g^T A r_h)^2,
        // with A = diag(1/p) + 1 1^T / p_m and V = c sum_g r_g r_g^T.
        double meanSize = (double) n / groups;
        double c = 1 / (meanSize * meanSize * groups * (groups - 1.0));
        int d = m - 1;
        double[][] gram = new double[groups][groups];
        for (int g = 0; g < groups; g++) {
            for (int h = g; h < groups; h++) {
                double sumDiag = 0;
                double sumG = 0;
                double sumH = 0;
                for (int j = 0; j < d; j++) {
                    sumDiag += res[g][j] * res[h][j] / p[j];
                    sumG += res[g][j];
                    sumH += res[h][j];
                }
                gram[g][h] = sumDiag + sumG * sumH / p[m - 1];
                gram[h][g] = gram[g][h];
            }
        }
        double trace = 0;
        double trace2 = 0;
        for (int g = 0; g < groups; g++) {
            trace += gram[g][g];
            for (int h = 0; h < groups; h++) {
                trace2 += gram[g][h] * gram[g][h];
            }
        }
        trace *= n * c;
        trace2 *= n * n * c * c;
        if (!(trace > 0)) {
            // no spread between the groups: nothing to correct with
            int dof = d;
            return new GoodnessOfFit(chi2, dof, 1, ChiSquaredDistribution.of(dof).survivalProbability(chi2));
        }
        // Wishart bias: E tr(S^2) = (1 + 1/nu) tr(W^2) + tr(W)^2 / nu, E tr(S)^2 = tr(W)^2 + 2 tr(W^2) / nu
        double nu = groups - 1.0;
        double sumSquares = (nu * trace2 - trace * trace) / (nu + 1 - 2 / nu);
        double mean = trace / d;
        // the eigenvalues spread at least 0 (a^2 >= 0) and at most as one nonzero value (a^2 <= d - 1)
        double a2 = Math.min(d - 1.0, Math.max(0, sumSquares / (d * mean * mean) - 1));
        double statistic = chi2 / (mean * (1 + a2));
        double dof = d / (1 + a2);
        return new GoodnessOfFit(statistic, dof, mean, ChiSquaredDistribution.of(dof).survivalProbability(statistic));
    }
}
