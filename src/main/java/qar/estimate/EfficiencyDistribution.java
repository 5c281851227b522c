package qar.estimate;

import java.util.List;
import qar.model.RecordValues;

/**
 * The distribution of the finite-time efficiency eta = n_c / n_w of windows of one length: per bin
 * of {@link EfficiencyHistogram} the share of all windows (those with n_w = 0 included in the
 * total, so the shares add up to 1 minus {@link #undefined}), with ratio-estimator errors from the
 * groups as for P(n, t) ({@link WindowEstimate}), and the exact shares of windows with eta &lt; 0
 * and above the Carnot value.
 *
 * @param edges       B + 1 bin edges in eta, from -infinity to +infinity
 * @param middles     eta at the middle of each bin in theta = atan(eta / scale)
 * @param probability share of all windows in each bin
 * @param stderr      its standard error
 * @param undefined   share of windows with n_w = 0 (no efficiency)
 * @param negative    share of windows with eta &lt; 0
 * @param above       share of windows with eta above {@code carnot}; NaN without one
 * @param carnot      the threshold of {@code above}
 * @param windows     windows counted
 */
public record EfficiencyDistribution(double[] edges, double[] middles, double[] probability, double[] stderr,
                                     Estimate undefined, Estimate negative, Estimate above, double carnot,
                                     long windows) {

    public static EfficiencyDistribution of(List<EfficiencyHistogram> groups) {
        int g = groups.size();
        EfficiencyHistogram first = groups.get(0);
        int b = first.bins();
        long[] totals = new long[g];
        long n = 0;
        for (int i = 0; i < g; i++) {
            totals[i] = groups.get(i).total();
            n += totals[i];
        }
        if (n == 0) {
            throw new IllegalArgumentException("no window was recorded");
        }
        double[] edges = new double[b + 1];
        for (int k = 0; k <= b; k++) {
            edges[k] = first.edge(k);
        }
        double[] middles = new double[b];
        double[] p = new double[b];
        double[] se = new double[b];
        long[] c = new long[g];
        for (int k = 0; k < b; k++) {
            middles[k] = first.middle(k);
            for (int i = 0; i < g; i++) {
                c[i] = groups.get(i).count(k);
            }
            Estimate e = share(c, totals);
            p[k] = e.value();
            se[k] = e.stderr();
        }
        for (int i = 0; i < g; i++) {
            c[i] = groups.get(i).undefined();
        }
        Estimate undefined = share(c, totals);
        for (int i = 0; i < g; i++) {
            c[i] = groups.get(i).negative();
        }
        Estimate negative = share(c, totals);
        Estimate above = null;
        if (!Double.isNaN(first.threshold())) {
            for (int i = 0; i < g; i++) {
                c[i] = groups.get(i).above();
            }
            above = share(c, totals);
        }
        return new EfficiencyDistribution(edges, middles, p, se, undefined, negative, above, first.threshold(), n);
    }

    /** The pooled share of {@code hits} in {@code totals}, with the ratio-estimator error over the groups. */
    static Estimate share(long[] hits, long[] totals) {
        int g = hits.length;
        long n = 0;
        long h = 0;
        for (int i = 0; i < g; i++) {
            n += totals[i];
            h += hits[i];
        }
        double share = (double) h / n;
        double mean = (double) n / g;
        double ss = 0;
        for (int i = 0; i < g; i++) {
            double r = hits[i] - share * totals[i];
            ss += r * r;
        }
        double err = Math.sqrt(ss / (mean * mean * g * (g - 1.0)));
        double t = org.apache.commons.statistics.distribution.TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        return Estimate.of(share, err, g - 1, share - t * err, share + t * err);
    }

    /** The bin with the largest share: where the efficiency piles up. */
    public int mode() {
        int best = 0;
        for (int k = 1; k < probability.length; k++) {
            if (probability[k] > probability[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EfficiencyDistribution d && java.util.Arrays.equals(d.edges, edges)
                && java.util.Arrays.equals(d.probability, probability) && java.util.Arrays.equals(d.stderr, stderr)
                && d.undefined.equals(undefined) && d.negative.equals(negative)
                && java.util.Objects.equals(d.above, above) && d.windows == windows;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(probability);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
