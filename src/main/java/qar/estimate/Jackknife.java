package qar.estimate;

import java.util.EnumSet;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
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
        for (double v : leave) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        DoubleStatistics s = DoubleStatistics.of(EnumSet.of(Statistic.MEAN, Statistic.VARIANCE), leave);
        double mean = s.getAsDouble(Statistic.MEAN);
        // sum (theta_(i) - mean)^2 = (G - 1) var
        double value = g * full - (g - 1) * mean;
        double err = Math.sqrt((g - 1.0) / g * ((g - 1.0) * s.getAsDouble(Statistic.VARIANCE)));
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        return Estimate.of(value, err, g - 1, value - t * err, value + t * err);
    }

    /**
     * The jackknife of ln|theta| instead, for a ratio of moments over few groups (a TUR ratio
     * Var &lt;s&gt; / &lt;n&gt;^2, a COP): with a denominator of 10-15 % relative error the ratio is
     * skewed, and its error falls as the estimate rises, so the linear interval missed from below
     * (src/site/markdown/sampling.md, "Coverage"). On the log scale the pseudo-values are
     * nearly symmetric; the value is exp of the bias-corrected ln|theta| with theta's sign, the
     * interval exp(ln|theta| +- t se) ({@link Estimate#ofLog}). Falls back to {@link #of} where
     * theta or a leave-one-out value is zero or of the other sign.
     */
    public static Estimate ofLog(double full, double[] leave) {
        double sign = Math.signum(full);
        double[] l = new double[leave.length];
        for (int i = 0; i < l.length; i++) {
            if (sign == 0 || Math.signum(leave[i]) != sign) {
                return of(full, leave);
            }
            l[i] = Math.log(Math.abs(leave[i]));
        }
        Estimate e = of(Math.log(Math.abs(full)), l);
        if (e == null) {
            return null;
        }
        double v = sign * Math.exp(e.value());
        double lo = sign * Math.exp(sign > 0 ? e.ciLow() : e.ciHigh());
        double hi = sign * Math.exp(sign > 0 ? e.ciHigh() : e.ciLow());
        return Estimate.ofLog(v, e.stderr(), e.degreesOfFreedom(), lo, hi);
    }
}
