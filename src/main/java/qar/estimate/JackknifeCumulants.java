package qar.estimate;

import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Scaled cumulant estimates kappa_n ~ k_n / T from independent stationary replicas of length T,
 * with delete-one-group jackknife standard errors and Student-t intervals (G - 1 degrees of
 * freedom for G groups). k-statistics are unbiased for the cumulants of Q_T, so the only bias is
 * the exact finite-time offset g_n / T, which the caller compares against.
 */
public final class JackknifeCumulants {
    /** Cumulant orders estimated: current, noise, kappa_3, kappa_4. */
    public static final int ORDER = 4;

    private JackknifeCumulants() {
    }

    /**
     * @param groups   per group, the moments of its replicas; at least 2 groups, 8 replicas
     * @param duration trajectory length T of every replica
     * @param scale    energy of one quantum (Omega): estimates are in energy units
     * @return [reservoir][n-1] the estimates of kappa_1 .. kappa_4
     */
    public static Estimate[][] estimate(List<ReplicaMoments> groups, double duration, double scale) {
        int g = groups.size();
        if (g < 2) {
            throw new IllegalArgumentException("the jackknife needs at least 2 groups, got " + g);
        }
        int reservoirs = groups.get(0).reservoirs();
        ReplicaMoments all = combineExcept(groups, -1);
        if (all.replicas() < 8) {
            throw new IllegalArgumentException("need at least 8 replicas, got " + all.replicas());
        }
        double[][] leaveOut = new double[g][];
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        Estimate[][] out = new Estimate[reservoirs][ORDER];
        ReplicaMoments[] partial = new ReplicaMoments[g];
        for (int i = 0; i < g; i++) {
            partial[i] = combineExcept(groups, i);
        }
        for (int r = 0; r < reservoirs; r++) {
            double[] full = all.kStatistics(r);
            for (int i = 0; i < g; i++) {
                leaveOut[i] = partial[i].kStatistics(r);
            }
            for (int n = 0; n < ORDER; n++) {
                double mean = 0;
                for (int i = 0; i < g; i++) {
                    mean += leaveOut[i][n];
                }
                mean /= g;
                double ss = 0;
                for (int i = 0; i < g; i++) {
                    double dv = leaveOut[i][n] - mean;
                    ss += dv * dv;
                }
                double unit = Math.pow(scale, n + 1) / duration;
                double value = full[n] * unit;
                double se = Math.sqrt((g - 1.0) / g * ss) * unit;
                out[r][n] = new Estimate(value, se, value - t * se, value + t * se);
            }
        }
        return out;
    }

    private static ReplicaMoments combineExcept(List<ReplicaMoments> groups, int skip) {
        ReplicaMoments m = ReplicaMoments.create(groups.get(0).reservoirs());
        for (int i = 0; i < groups.size(); i++) {
            if (i != skip) {
                m.combine(groups.get(i));
            }
        }
        return m;
    }
}
