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
 * <p><b>When the interval is not printed.</b> The mean of e^-s is dominated by rare windows of
 * negative s (under the detailed theorem, e^-s P(s) = P(-s): the windows that matter are the
 * mirror images of the typical ones). A run that has not sampled them gives a mean below 1 and a
 * small error: a confident wrong answer. Two diagnostics, both from Kish's effective sample size
 * ESS = (sum w)^2 / sum w^2 (the number of equally weighted windows with the same precision; the
 * largest single window holds at most 1/sqrt(ESS) of the sum):
 * <ul>
 *   <li>ESS over windows below {@link #MIN_ESS_PER_GROUP} G: each group's mean rests on a handful
 *       of dominant windows, far from the normal law the t interval assumes (and the ESS also
 *       bounds the share of any one window: 10 G = 640 windows caps it at 4 %);</li>
 *   <li>ESS over the group sums W_g below G / 2: a few groups hold most of the weight (with G
 *       equal groups of well-sampled windows it is about G / (1 + CV^2) with CV = 1/sqrt(ESS/G),
 *       so above 0.9 G once the first test passes; below G / 2 the dominant windows cluster in few
 *       replicas).</li>
 * </ul>
 * Neither can see windows that were never sampled; the detailed theorem's negative bins, printed
 * beside, show how far the sampled negative tail reaches.
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
