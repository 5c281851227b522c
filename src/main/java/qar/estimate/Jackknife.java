package qar.estimate;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Delete-one-group jackknife of a smooth statistic of pooled group sums: the bias-corrected value
 * G theta - (G - 1) mean(theta_(i)), the error sqrt((G - 1) / G sum (theta_(i) - mean)^2) and the
 * 95 % Student interval with G - 1 degrees of freedom. The groups are independent (contiguous
 * replica ranges), so this holds however dependent the windows inside one replica are.
 */
public final class Jackknife {
    private Jackknife() {
    }

    /**
     * @param full  the statistic on all groups
     * @param leave the statistic without group i, one per group (at least 2)
     * @return null where the statistic or a leave-one-out value is not finite
     */
    public static Estimate of(double full, double[] leave) {
        int g = leave.length;
        if (g < 2) {
            throw new IllegalArgumentException("a jackknife needs at least 2 groups, got " + g);
        }
        if (!Double.isFinite(full)) {
            return null;
        }
        double mean = 0;
        for (double v : leave) {
            if (!Double.isFinite(v)) {
                return null;
            }
            mean += v / g;
        }
        double ss = 0;
        for (double v : leave) {
            ss += (v - mean) * (v - mean);
        }
        double value = g * full - (g - 1) * mean;
        double err = Math.sqrt((g - 1.0) / g * ss);
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        return Estimate.of(value, err, g - 1, value - t * err, value + t * err);
    }
}
