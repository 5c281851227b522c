package qar.estimate;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import qar.model.RecordValues;

/**
 * The sampled waiting-time distribution of one watched set on bins [tau_k, tau_k+1), next to the
 * exact one, with standard errors from the independent groups and a goodness-of-fit test.
 *
 * <p>Replicas have a finite length T, and only waits that start and end inside one replica are
 * recorded: by stationarity a wait of length tau fits in T - tau of the T possible start times,
 * so the recorded waits follow (T - tau) w(tau) on [0, T], not w(tau). Two consequences:
 * <ul>
 * <li>the test compares the raw bin counts with that law exactly:
 * {@code m(a, b) = T (F(b) - F(a)) - [a S(a) - b S(b) + int_a^b S]} over the bins, normalised on
 * [0, T] (Hotelling's T^2 over the groups, {@link GoodnessOfFit});</li>
 * <li>the printed density and CDF undo the bias: each wait counts 1 / (T - tau) (taken at its
 * histogram bucket), which makes the estimate unbiased for w(tau) on [0, T], conditioned on
 * tau < T (a ratio estimator: the weights are normalised to one over the recorded waits).</li>
 * </ul>
 *
 * @param edges           bin edges (histogram bucket edges), increasing
 * @param density         per bin, the sampled density of w, conditioned on tau < T
 * @param densityStderr   its standard error
 * @param exactBinDensity per bin, the exact (F(tau_k+1) - F(tau_k)) / (F(T) width), the like-for-like value
 * @param cdf             at each edge, the sampled F(tau) / F(T)
 * @param cdfStderr       its standard error
 * @param waits           waiting times recorded
 * @param test            the goodness-of-fit test, null where there are too few waits
 */
public record WaitingTimeEstimate(double[] edges, double[] density, double[] densityStderr, double[] exactBinDensity,
                                  double[] cdf, double[] cdfStderr, long waits, GoodnessOfFit test) {

    /**
     * @param groups   per group, the tally of this watched set
     * @param grid     increasing waiting times; positive ones are snapped down to bucket edges, duplicates
     *                 dropped, and those at or beyond the replica length too
     * @param exactCdf the exact CDF F
     * @param survival the exact survival S = 1 - F, accurate where small
     * @param length   the replica length T
     */
    public static WaitingTimeEstimate of(List<WaitingTimeTally> groups, double[] grid, DoubleUnaryOperator exactCdf,
            DoubleUnaryOperator survival, double length) {
        double[] edges = snap(grid, length);
        int bins = edges.length - 1;
        int g = groups.size();
        // bins with the tails: [0, e0), the grid bins, [e_last, T]
        double[] all = new double[edges.length + 2];
        System.arraycopy(edges, 0, all, 1, edges.length);
        all[all.length - 1] = Double.MAX_VALUE;
        long[][] counts = new long[g][];
        double[][] weighted = new double[g][];
        DoubleUnaryOperator weight = tau -> 1 / Math.max(length - tau, Math.ulp(length));
        long n = 0;
        for (int i = 0; i < g; i++) {
            counts[i] = groups.get(i).counts(all);
            weighted[i] = groups.get(i).counts(all, weight);
            for (long c : counts[i]) {
                n += c;
            }
        }
        double[] observed = new double[bins + 2];
        double[] top = all.clone();
        top[top.length - 1] = length;
        double total = recorded(exactCdf, survival, 0, length, length);
        for (int k = 0; k < bins + 2; k++) {
            observed[k] = Math.max(0, recorded(exactCdf, survival, top[k], top[k + 1], length)) / total;
        }
        double fT = exactCdf.applyAsDouble(length);
        double[] density = new double[bins];
        double[] densityErr = new double[bins];
        double[] exactBin = new double[bins];
        double[] cdf = new double[edges.length];
        double[] cdfErr = new double[edges.length];
        for (int k = 0; k < bins; k++) {
            double width = edges[k + 1] - edges[k];
            double[] share = share(weighted, k + 1, k + 2);
            density[k] = share[0] / width;
            densityErr[k] = share[1] / width;
            exactBin[k] = (exactCdf.applyAsDouble(edges[k + 1]) - exactCdf.applyAsDouble(edges[k])) / (fT * width);
        }
        for (int k = 0; k < edges.length; k++) {
            double[] share = share(weighted, 0, k + 1);
            cdf[k] = share[0];
            cdfErr[k] = share[1];
        }
        GoodnessOfFit test = n > 0 ? GoodnessOfFit.of(counts, observed) : null;
        return new WaitingTimeEstimate(edges, density, densityErr, exactBin, cdf, cdfErr, n, test);
    }

    /**
     * The mass of recorded waits in [a, b] (up to the rate): int_a^b (T - tau) w(tau) dtau
     * = T (F(b) - F(a)) - [a S(a) - b S(b) + int_a^b S].
     */
    private static double recorded(DoubleUnaryOperator cdf, DoubleUnaryOperator survival, double a, double b,
            double length) {
        if (b <= a) {
            return 0;
        }
        double sa = survival.applyAsDouble(a);
        double sb = survival.applyAsDouble(b);
        return length * (cdf.applyAsDouble(b) - cdf.applyAsDouble(a)) - (a * sa - b * sb
                + Quadrature.integrate(survival, a, b));
    }

    /** Weighted share of bins [from, to) and its ratio-estimator standard error over the groups. */
    private static double[] share(double[][] weighted, int from, int to) {
        int g = weighted.length;
        double hits = 0;
        double sum = 0;
        double[] per = new double[g];
        double[] totals = new double[g];
        for (int i = 0; i < g; i++) {
            for (int k = 0; k < weighted[i].length; k++) {
                totals[i] += weighted[i][k];
                if (k >= from && k < to) {
                    per[i] += weighted[i][k];
                }
            }
            hits += per[i];
            sum += totals[i];
        }
        if (!(sum > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double share = hits / sum;
        double mean = sum / g;
        double ss = 0;
        for (int i = 0; i < g; i++) {
            double r = per[i] - share * totals[i];
            ss += r * r;
        }
        return new double[] {share, Math.sqrt(ss / (mean * mean * g * (g - 1.0)))};
    }

    /** Grid points below {@code length}, snapped down to histogram bucket edges, strictly increasing. */
    static double[] snap(double[] grid, double length) {
        double[] e = new double[grid.length];
        int m = 0;
        for (double x : grid) {
            if (!(x > 0) || x >= length) {
                continue;
            }
            double s = WaitingTimeTally.bucketEdge(x);
            if (m == 0 || s > e[m - 1]) {
                e[m++] = s;
            }
        }
        if (m < 2) {
            throw new IllegalArgumentException("fewer than two waiting-time bins below the replica length " + length);
        }
        return java.util.Arrays.copyOf(e, m);
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
