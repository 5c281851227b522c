package qar.estimate;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The integral fluctuation theorem &lt;e^-s&gt; = 1 from windows: the mean of w = e^-s over all
 * windows, with the ratio-estimator error from the groups (windows of one replica are dependent;
 * the groups are not): se^2 = sum_g (W_g - m n_g)^2 / (nbar^2 G (G - 1)), W_g the group's sum of
 * w, n_g its windows.
 *
 * <p>Pitfall: the mean is carried by rare windows of negative s, and a run that missed them gives
 * a mean below 1 with a small error. So the interval is withheld where Kish's effective sample
 * size ESS = (sum w)^2 / sum w^2 over windows is below {@link #MIN_ESS_PER_GROUP} G (each group's
 * mean rests on a handful of windows) or the ESS over the group sums W_g is below G / 2 (the weight
 * sits in few replicas). Neither sees windows never sampled. Why these thresholds:
 * src/site/markdown/sampling.md, "Fluctuation theorems".
 *
 * @param mean            the estimate of &lt;e^-s&gt; (interval withheld where not trusted)
 * @param effectiveSize   Kish ESS over all windows
 * @param groupEffective  Kish ESS over the group sums
 * @param windows         windows counted
 */
public record IntegralFluctuation(Estimate mean, double effectiveSize, double groupEffective, long windows) {
    /** Least effective windows per group for an interval. */
    public static final double MIN_ESS_PER_GROUP = 10;
    /**
     * Smallest standard error, relative to the mean: s is a sum of terms as large as |ln rho| (up to
     * 744) and beta Q, each rounded to u = 1.1e-16, so a spread of e^-s below ~1e-13 is round-off (an
     * equilibrium gives s = 0 in every window, up to that).
     */
    public static final double RESOLUTION = 0x1p-40;

    public static IntegralFluctuation of(List<ExponentialSums> groups) {
        int g = groups.size();
        ExponentialSums all = ExponentialSums.create();
        double top = Double.NEGATIVE_INFINITY;
        for (ExponentialSums s : groups) {
            all.combine(s);
            if (s.count() > 0) {
                top = Math.max(top, s.logSum());
            }
        }
        long n = all.count();
        if (n == 0) {
            throw new IllegalArgumentException("no window was recorded");
        }
        // group sums relative to the largest one, so nothing overflows
        double[] w = new double[g];
        long[] c = new long[g];
        double sw = 0;
        double sw2 = 0;
        for (int i = 0; i < g; i++) {
            ExponentialSums s = groups.get(i);
            c[i] = s.count();
            w[i] = s.count() == 0 ? 0 : Math.exp(s.logSum() - top);
            sw += w[i];
            sw2 += w[i] * w[i];
        }
        double m = sw / n;
        double nbar = (double) n / g;
        double ss = 0;
        for (int i = 0; i < g; i++) {
            double r = w[i] - m * c[i];
            ss += r * r;
        }
        double scale = Math.exp(top);
        double value = m * scale;
        double err = Math.max(Math.sqrt(ss / (nbar * nbar * g * (g - 1.0))) * scale, RESOLUTION * Math.abs(value));
        double ess = all.effectiveSize();
        double groupEss = sw * sw / sw2;
        String why = null;
        if (!Double.isFinite(value) || !Double.isFinite(err)) {
            why = "the mean of e^-s overflows: windows with s below -700";
        } else if (ess < MIN_ESS_PER_GROUP * g) {
            why = String.format(Locale.ROOT, "effective sample size %.3g (Kish, of e^-s over %d windows) is below %.0f"
                    + " per group: the mean rests on a few windows of negative s", ess, n, MIN_ESS_PER_GROUP);
        } else if (groupEss < g / 2.0) {
            why = String.format(Locale.ROOT, "the weight e^-s sits in few groups (effective %.3g of %d)", groupEss, g);
        }
        Estimate e;
        if (why == null) {
            double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
            e = Estimate.of(value, err, g - 1, value - t * err, value + t * err);
        } else {
            e = Estimate.unreliable(value, err, g - 1, why);
        }
        return new IntegralFluctuation(e, ess, groupEss, n);
    }
}
