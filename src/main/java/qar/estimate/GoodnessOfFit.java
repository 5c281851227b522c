package qar.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.FDistribution;

/**
 * Goodness of fit of binned counts against exact bin probabilities for clustered samples:
 * Hotelling's T^2 of the groups' deviations from the model.
 *
 * <p>Why: the waiting times or windows of one replica are dependent, so the bin counts are not
 * multinomial and Pearson's statistic is not chi-square; Rao-Scott corrections of it (first and
 * second order) mis-calibrated the p-values where a slow mode dominates (src/site/markdown/sampling.md,
 * "Coverage of the printed intervals"). The groups are independent and each group's deviation
 * y_g = (o_g - p n_g) / nbar over the first q = K - 1 merged bins is a mean over many windows, so
 * near normal; then T^2 = G ybar^T S^-1 ybar (S their sample covariance) has
 * (G - q) / (q (G - 1)) T^2 ~ F(q, G - q) whatever the dependence inside a replica (Hotelling
 * 1931). Pitfall: it needs q well below G, so bins are merged left to right until each expects
 * {@link #MIN_EXPECTED} counts, then in pairs while q exceeds (G - 1) / 2.
 *
 * @param statistic    Hotelling's T^2
 * @param dof          q, the bins compared (merged bins - 1)
 * @param designEffect the mean design effect tr(P^-1 V) / q (V the groups' covariance of the bin
 *                     shares, P the multinomial one); 1 for independent samples; for information
 * @param pValue       upper tail probability of F(q, G - q) at (G - q) / (q (G - 1)) T^2
 */
public record GoodnessOfFit(double statistic, int dof, double designEffect, double pValue) {
    /** Smallest expected count of a merged bin. */
    public static final double MIN_EXPECTED = 20;

    /**
     * @param counts      [group][bin] observed counts, every group over the same bins
     * @param probability per bin, the exact probability; together they need not sum to one
     *                    (mass outside the bins is left out of both sides)
     * @return the test, or null where fewer than two bins expect enough counts, there are fewer
     *         than 4 groups, or the groups' covariance is singular
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
        if (merged.isEmpty() || groups < 4 || n == 0) {
            return null;
        }
        if (startBin < bins) {
            merged.get(merged.size() - 1)[1] = bins;
        }
        // q must stay well below G for S to be a usable estimate: merge neighbours in pairs
        while (merged.size() - 1 > (groups - 1) / 2) {
            List<int[]> pairs = new ArrayList<>();
            for (int j = 0; j < merged.size(); j += 2) {
                int end = j + 1 < merged.size() ? merged.get(j + 1)[1] : merged.get(j)[1];
                pairs.add(new int[] {merged.get(j)[0], end});
            }
            merged = pairs;
        }
        int m = merged.size();
        if (m < 2) {
            return null;
        }
        int q = m - 1;
        double meanSize = (double) n / groups;
        double[] p = new double[m];
        double[][] y = new double[groups][q];
        double[] mean = new double[q];
        for (int j = 0; j < q; j++) {
            int[] b = merged.get(j);
            for (int k = b[0]; k < b[1]; k++) {
                p[j] += probability[k] / mass;
            }
            for (int g = 0; g < groups; g++) {
                long o = 0;
                for (int k = b[0]; k < b[1]; k++) {
                    o += counts[g][k];
                }
                y[g][j] = (o - p[j] * total[g]) / meanSize;
                mean[j] += y[g][j] / groups;
            }
        }
        p[q] = 1;
        for (int j = 0; j < q; j++) {
            p[q] -= p[j];
        }
        double[][] cov = new double[q][q];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < q; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += (y[g][i] - mean[i]) * (y[g][j] - mean[j]) / (groups - 1.0);
                }
            }
        }
        double[][] chol = cholesky(cov);
        if (chol == null) {
            return null;
        }
        // T^2 = G mean^T S^-1 mean = G |L^-1 mean|^2
        double[] z = new double[q];
        double t2 = 0;
        for (int i = 0; i < q; i++) {
            double v = mean[i];
            for (int j = 0; j < i; j++) {
                v -= chol[i][j] * z[j];
            }
            z[i] = v / chol[i][i];
            t2 += z[i] * z[i];
        }
        t2 *= groups;
        // the mean design effect: tr(P^-1 V) / q, P^-1 = n (diag(1/p) + 1 1^T / p_K), V = S / G
        double trace = 0;
        double sumAll = 0;
        for (int i = 0; i < q; i++) {
            trace += cov[i][i] / p[i];
            for (int j = 0; j < q; j++) {
                sumAll += i >= j ? cov[i][j] : cov[j][i];
            }
        }
        double deff = n / (double) groups * (trace + sumAll / p[q]) / q;
        double f = (groups - q) / (q * (groups - 1.0)) * t2;
        return new GoodnessOfFit(t2, q, deff, FDistribution.of(q, groups - q).survivalProbability(f));
    }

    /** Lower Cholesky factor of the symmetric matrix whose lower triangle is {@code a}; null if not positive definite. */
    private static double[][] cholesky(double[][] a) {
        int q = a.length;
        double[][] l = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 1e-12 * a[i][i]) || !(a[i][i] > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
