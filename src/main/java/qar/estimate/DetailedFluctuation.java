package qar.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The detailed fluctuation theorem P(s) / P(-s) = e^s from windows binned symmetrically about 0
 * ({@link EntropyHistogram}): per mirror pair of bins (k, -k), k >= 1, the point (x_k, y_k) with
 * y_k = ln[(n_k + 1/2) / (n_-k + 1/2)], and the slope of y against x by weighted least squares
 * through the origin (1 in theory).
 *
 * <p>Pitfall: the bin centre as abscissa biases the slope by up to h^2/8, however much data. The
 * theorem gives ln[P(bin k) / P(bin -k)] = x_k = -ln E[e^-s | s in bin k] exactly, computed from
 * the positive side alone. Windows of one replica are dependent, so every error is a
 * delete-one-group jackknife (bins, abscissae, weights and slope recomputed without group i);
 * the weights 1 / (1/(n_k + 1/2) + 1/(n_-k + 1/2)) only trade efficiency. Pairs need
 * {@link #MIN_COUNT} windows on both sides; no interval where the fitted negative bins hold fewer
 * than {@link #MIN_NEGATIVE_PER_GROUP} windows per group (the leave-one-out values are then far
 * from normal). Derivation: src/site/markdown/sampling.md, "Fluctuation theorems".
 *
 * @param width  the bin width h
 * @param points every pair with windows on both sides, k ascending
 * @param slope  the fitted slope, null where no pair qualifies
 * @param reason why the slope is null, else null
 */
public record DetailedFluctuation(double width, List<Point> points, Estimate slope, String reason) {
    /** Fewest windows on each side of a pair in the fit. */
    public static final long MIN_COUNT = 10;
    /** Fewest windows in the fitted negative bins, per group, for an interval. */
    public static final long MIN_NEGATIVE_PER_GROUP = 5;

    /**
     * One mirror pair of bins.
     *
     * @param s        x_k = -ln E[e^-s | s in bin k], where ln[P(s)/P(-s)] = s in theory
     * @param lnRatio  y_k
     * @param stderr   its delete-one-group jackknife error
     * @param plus     windows in bin k
     * @param minus    windows in bin -k
     * @param low      lower edge of bin k
     * @param high     upper edge of bin k
     * @param fitted   whether the pair enters the slope
     */
    public record Point(double s, double lnRatio, double stderr, long plus, long minus, double low, double high,
                        boolean fitted) {
    }

    public DetailedFluctuation {
        points = List.copyOf(points);
    }

    public static DetailedFluctuation of(List<EntropyHistogram> groups) {
        int g = groups.size();
        double h = groups.get(0).width();
        EntropyHistogram all = EntropyHistogram.of(h);
        groups.forEach(all::combine);
        long reach = Math.min(all.reach(), EntropyHistogram.MAX_BIN - 1);
        List<Long> ks = new ArrayList<>();
        for (long k = 1; k <= reach; k++) {
            if (all.count(k) > 0 && all.count(-k) > 0) {
                ks.add(k);
            }
        }
        int m = ks.size();
        long[] plus = new long[m];
        long[] minus = new long[m];
        double[] tilt = new double[m];
        long[][] gp = new long[g][m];
        long[][] gm = new long[g][m];
        double[][] gt = new double[g][m];
        boolean[] fitted = new boolean[m];
        long negatives = 0;
        for (int j = 0; j < m; j++) {
            long k = ks.get(j);
            plus[j] = all.count(k);
            minus[j] = all.count(-k);
            tilt[j] = all.tiltedSum(k);
            for (int i = 0; i < g; i++) {
                gp[i][j] = groups.get(i).count(k);
                gm[i][j] = groups.get(i).count(-k);
                gt[i][j] = groups.get(i).tiltedSum(k);
            }
            fitted[j] = plus[j] >= MIN_COUNT && minus[j] >= MIN_COUNT;
            if (fitted[j]) {
                negatives += Math.min(plus[j], minus[j]);
            }
        }
        double[] lo = new double[m];
        for (int j = 0; j < m; j++) {
            lo[j] = all.lowerEdge(ks.get(j));
        }
        // full-data points, then every leave-one-group-out version
        double[] x = abscissae(lo, plus, tilt, null, null, null);
        double[] y = ordinates(plus, minus, null, null);
        double slope = slope(x, y, plus, minus, fitted, null, null);
        double[][] yLeave = new double[g][];
        double[] slopeLeave = new double[g];
        for (int i = 0; i < g; i++) {
            double[] xi = abscissae(lo, plus, tilt, gp[i], gt[i], x);
            yLeave[i] = ordinates(plus, minus, gp[i], gm[i]);
            slopeLeave[i] = slope(xi, yLeave[i], plus, minus, fitted, gp[i], gm[i]);
        }
        List<Point> points = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < g; i++) {
                mean += yLeave[i][j] / g;
            }
            double ss = 0;
            for (int i = 0; i < g; i++) {
                ss += (yLeave[i][j] - mean) * (yLeave[i][j] - mean);
            }
            double k = ks.get(j);
            points.add(new Point(x[j], y[j], Math.sqrt((g - 1.0) / g * ss), plus[j], minus[j], lo[j],
                    (k + 0.5) * h, fitted[j]));
        }
        int used = 0;
        for (boolean f : fitted) {
            used += f ? 1 : 0;
        }
        if (used == 0) {
            return new DetailedFluctuation(h, points, null, String.format(Locale.ROOT,
                    "no pair of bins +-s holds %d or more windows on both sides (%d windows, %d with s <= -%.3g)",
                    MIN_COUNT, all.total(), negativeWindows(all), h / 2));
        }
        Estimate e = Jackknife.of(slope, slopeLeave);
        if (e == null) {
            return new DetailedFluctuation(h, points, null, "the slope is not finite");
        }
        if (negatives < MIN_NEGATIVE_PER_GROUP * g) {
            e = Estimate.unreliable(e.value(), e.stderr(), g - 1, String.format(Locale.ROOT,
                    "%d windows on the rarer side of the fitted pairs, fewer than %d per group (%d groups)", negatives,
                    MIN_NEGATIVE_PER_GROUP, g));
        }
        return new DetailedFluctuation(h, points, e, null);
    }

    private static long negativeWindows(EntropyHistogram all) {
        long n = 0;
        for (long k = 1; k <= all.reach(); k++) {
            n += all.count(-k);
        }
        return n;
    }

    /** x_k = lo_k - ln(T_k / n_k), without group i's share where given (its full value if none is left). */
    private static double[] abscissae(double[] lo, long[] plus, double[] tilt, long[] gp, double[] gt,
            double[] fallback) {
        double[] x = new double[lo.length];
        for (int j = 0; j < lo.length; j++) {
            long n = plus[j] - (gp == null ? 0 : gp[j]);
            double t = tilt[j] - (gt == null ? 0 : gt[j]);
            x[j] = n > 0 && t > 0 ? lo[j] - Math.log(t / n) : fallback[j];
        }
        return x;
    }

    private static double[] ordinates(long[] plus, long[] minus, long[] gp, long[] gm) {
        double[] y = new double[plus.length];
        for (int j = 0; j < plus.length; j++) {
            y[j] = Math.log((plus[j] - (gp == null ? 0 : gp[j]) + 0.5) / (minus[j] - (gm == null ? 0 : gm[j]) + 0.5));
        }
        return y;
    }

    private static double slope(double[] x, double[] y, long[] plus, long[] minus, boolean[] fitted, long[] gp,
            long[] gm) {
        double sxy = 0;
        double sxx = 0;
        for (int j = 0; j < x.length; j++) {
            if (!fitted[j]) {
                continue;
            }
            double np = plus[j] - (gp == null ? 0 : gp[j]) + 0.5;
            double nm = minus[j] - (gm == null ? 0 : gm[j]) + 0.5;
            double w = 1 / (1 / np + 1 / nm);
            sxy += w * x[j] * y[j];
            sxx += w * x[j] * x[j];
        }
        return sxy / sxx;
    }
}
