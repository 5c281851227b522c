package qar.estimate;

import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Scaled cumulant estimates kappa_n ~ k_n / T from independent stationary replicas of length T,
 * cut into G groups (batches): k_n is the mean over the groups of each group's unbiased
 * k-statistic, its standard error the groups' standard deviation over sqrt(G), and the interval
 * Student's t with G - 1 degrees of freedom. k-statistics are unbiased for the cumulants of Q_T
 * in every group, so the only bias is the exact finite-time offset g_n / T, which the caller
 * compares against. Unlike a jackknife of the pooled k_4, these intervals keep their nominal
 * coverage for the fourth cumulant (CoverageTest).
 */
public final class BatchCumulants {
    /** Cumulant orders estimated: current, noise, kappa_3, kappa_4. */
    public static final int ORDER = 4;
    /** Smallest group: k_4 needs 4 replicas, 8 keeps its group-to-group spread moderate. */
    public static final int MIN_GROUP_SIZE = 8;

    private BatchCumulants() {
    }

    /**
     * @param groups   per group, the moments of its replicas; at least 2 groups of 8 replicas
     * @param duration trajectory length T of every replica
     * @param scale    energy of one quantum (Omega): estimates are in energy units
     * @return [reservoir][n-1] the estimates of kappa_1 .. kappa_4
     */
    public static Estimate[][] estimate(List<ReplicaMoments> groups, double duration, double scale) {
        int g = groups.size();
        if (g < 2) {
            throw new IllegalArgumentException("need at least 2 groups, got " + g);
        }
        for (ReplicaMoments m : groups) {
            if (m.replicas() < MIN_GROUP_SIZE) {
                throw new IllegalArgumentException("every group needs " + MIN_GROUP_SIZE + " replicas, one has "
                        + m.replicas());
            }
        }
        int reservoirs = groups.get(0).reservoirs();
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        Estimate[][] out = new Estimate[reservoirs][ORDER];
        double[][] k = new double[g][];
        for (int r = 0; r < reservoirs; r++) {
            for (int i = 0; i < g; i++) {
                k[i] = groups.get(i).kStatistics(r);
            }
            for (int n = 0; n < ORDER; n++) {
                double mean = 0;
                for (int i = 0; i < g; i++) {
                    mean += k[i][n];
                }
                mean /= g;
                double ss = 0;
                for (int i = 0; i < g; i++) {
                    double dv = k[i][n] - mean;
                    ss += dv * dv;
                }
                double unit = Math.pow(scale, n + 1) / duration;
                double value = mean * unit;
                double se = Math.sqrt(ss / ((g - 1.0) * g)) * unit;
                out[r][n] = new Estimate(value, se, value - t * se, value + t * se);
            }
        }
        return out;
    }
}
