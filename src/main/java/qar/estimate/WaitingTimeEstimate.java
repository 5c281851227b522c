package qar.estimate;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The sampled waiting-time distribution of one watched set on bins [tau_k, tau_k+1), next to the
 * exact one: the density averaged over each bin and the CDF at each bin's left edge, each with a
 * standard error from the independent groups (ratio estimator), and a Rao-Scott corrected
 * chi-square test ({@link GoodnessOfFit}) of the bin counts against the exact bin probabilities.
 *
 * @param edges          bin edges (histogram bucket edges, so the counts are exact), increasing
 * @param density        per bin, the sampled density (count / (n width))
 * @param densityStderr  its standard error
 * @param exactBinDensity per bin, the exact (F(tau_k+1) - F(tau_k)) / width, the like-for-like value
 * @param cdf            at each left edge, the sampled share of waits below it
 * @param cdfStderr      its standard error
 * @param waits          waiting times recorded
 * @param test           the goodness-of-fit test, null where there are too few waits
 */
public record WaitingTimeEstimate(double[] edges, double[] density, double[] densityStderr, double[] exactBinDensity,
                                  double[] cdf, double[] cdfStderr, long waits, GoodnessOfFit test) {

    /**
     * @param groups   per group, the tally of this watched set
     * @param grid     increasing waiting times; positive ones are snapped down to bucket edges, duplicates dropped
     * @param exactCdf the exact CDF
     */
    public static WaitingTimeEstimate of(List<WaitingTimeTally> groups, double[] grid, DoubleUnaryOperator exactCdf) {
        double[] edges = snap(grid);
        int bins = edges.length - 1;
        int g = groups.size();
        // [group][bin] counts over [0, e0), the grid bins, [e_last, inf)
        long[][] counts = new long[g][];
        double[] open = new double[edges.length + 2];
        open[0] = 0;
        System.arraycopy(edges, 0, open, 1, edges.length);
        open[open.length - 1] = Double.POSITIVE_INFINITY;
        long n = 0;
        long[] totals = new long[g];
        for (int i = 0; i < g; i++) {
            counts[i] = countsWithTails(groups.get(i), edges);
            for (long c : counts[i]) {
                totals[i] += c;
            }
            n += totals[i];
        }
        double[] density = new double[bins];
        double[] densityErr = new double[bins];
        double[] exactBin = new double[bins];
        double[] cdf = new double[edges.length];
        double[] cdfErr = new double[edges.length];
        double[] probability = new double[bins + 2];
        for (int k = 0; k < bins + 2; k++) {
            double lo = k == 0 ? 0 : exactCdf.applyAsDouble(open[k]);
            double hi = k == bins + 1 ? 1 : exactCdf.applyAsDouble(open[k + 1]);
            probability[k] = Math.max(0, hi - lo);
        }
        for (int k = 0; k < bins; k++) {
            double width = edges[k + 1] - edges[k];
            double[] share = shareAndError(counts, totals, n, k + 1, k + 2);
            density[k] = share[0] / width;
            densityErr[k] = share[1] / width;
            exactBin[k] = probability[k + 1] / width;
        }
        for (int k = 0; k < edges.length; k++) {
            double[] share = shareAndError(counts, totals, n, 0, k + 1);
            cdf[k] = share[0];
            cdfErr[k] = share[1];
        }
        GoodnessOfFit test = n > 0 ? GoodnessOfFit.of(counts, probability) : null;
        return new WaitingTimeEstimate(edges, density, densityErr, exactBin, cdf, cdfErr, n, test);
    }

    private static long[] countsWithTails(WaitingTimeTally t, double[] edges) {
        double[] all = new double[edges.length + 2];
        all[0] = 0;
        System.arraycopy(edges, 0, all, 1, edges.length);
        all[all.length - 1] = Double.MAX_VALUE;
        return t.counts(all);
    }

    /** Pooled share of bins [from, to) and its ratio-estimator standard error over the groups. */
    private static double[] shareAndError(long[][] counts, long[] totals, long n, int from, int to) {
        int g = counts.length;
        long hits = 0;
        long[] per = new long[g];
        for (int i = 0; i < g; i++) {
            for (int k = from; k < to; k++) {
                per[i] += counts[i][k];
            }
            hits += per[i];
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double share = (double) hits / n;
        double mean = (double) n / g;
        double ss = 0;
        for (int i = 0; i < g; i++) {
            double r = per[i] - share * totals[i];
            ss += r * r;
        }
        return new double[] {share, Math.sqrt(ss / (mean * mean * g * (g - 1.0)))};
    }

    /** Grid points snapped down to histogram bucket edges, strictly increasing. */
    static double[] snap(double[] grid) {
        double[] e = new double[grid.length];
        int m = 0;
        for (double x : grid) {
            if (!(x > 0)) {
                continue;
            }
            double s = WaitingTimeTally.bucketEdge(x);
            if (m == 0 || s > e[m - 1]) {
                e[m++] = s;
            }
        }
        return java.util.Arrays.copyOf(e, m);
    }
}
