package qar.estimate;

import java.util.List;

/**
 * Ratios of window moments with delete-one-group jackknife errors: the thermodynamic uncertainty
 * ratio Var(n_r) &lt;s&gt; / &lt;n_r&gt;^2 of one reservoir's quanta (the unit of energy cancels),
 * and the coefficient of performance &lt;n_c&gt; / &lt;n_w&gt;. Both are smooth functions of pooled
 * group sums, so the jackknife gives their error and removes their O(1/n) bias; it is taken on the
 * log scale ({@link Jackknife#ofLog}), where a ratio with a noisy denominator is nearly symmetric.
 */
public final class WindowRatios {
    private WindowRatios() {
    }

    /**
     * The TUR ratio of one reservoir; null where it is not finite (no net current).
     *
     * @param windows      per group, the window tally of one length
     * @param fluctuations per group, the fluctuation tally of the same length
     */
    public static Estimate tur(List<WindowTally> windows, List<FluctuationTally> fluctuations, int reservoir) {
        int g = windows.size();
        double[] n = new double[g];
        double[] s1 = new double[g];
        double[] s2 = new double[g];
        double[] e = new double[g];
        double c = windows.get(0).centre(reservoir);
        for (int i = 0; i < g; i++) {
            WindowTally w = windows.get(i);
            double[] m = w.centredMoments(reservoir);
            n[i] = w.windows();
            s1[i] = w.windows() == 0 ? 0 : m[0] * w.windows();
            s2[i] = w.windows() == 0 ? 0 : m[1] * w.windows();
            e[i] = fluctuations.get(i).entropySum();
        }
        double full = tur(sum(n, -1), sum(s1, -1), sum(s2, -1), sum(e, -1), c);
        double[] leave = new double[g];
        for (int i = 0; i < g; i++) {
            leave[i] = tur(sum(n, i), sum(s1, i), sum(s2, i), sum(e, i), c);
        }
        return Jackknife.ofLog(full, leave);
    }

    private static double tur(double n, double s1, double s2, double e, double c) {
        double d = s1 / n;
        double mean = c + d;
        double var = (s2 - n * d * d) / (n - 1);
        return var * (e / n) / (mean * mean);
    }

    /** &lt;n_c&gt; / &lt;n_w&gt;; null where not finite. */
    public static Estimate cop(List<WindowTally> windows, int cold, int work) {
        int g = windows.size();
        double[] n = new double[g];
        double[] sc = new double[g];
        double[] sw = new double[g];
        for (int i = 0; i < g; i++) {
            WindowTally w = windows.get(i);
            n[i] = w.windows();
            sc[i] = w.windows() == 0 ? 0 : w.centredMoments(cold)[0] * w.windows();
            sw[i] = w.windows() == 0 ? 0 : w.centredMoments(work)[0] * w.windows();
        }
        double cc = windows.get(0).centre(cold);
        double cw = windows.get(0).centre(work);
        double full = (cc + sum(sc, -1) / sum(n, -1)) / (cw + sum(sw, -1) / sum(n, -1));
        double[] leave = new double[g];
        for (int i = 0; i < g; i++) {
            leave[i] = (cc + sum(sc, i) / sum(n, i)) / (cw + sum(sw, i) / sum(n, i));
        }
        return Jackknife.ofLog(full, leave);
    }

    /**
     * Largest relative error of a moment in a ratio for which the log-scale jackknife interval is
     * printed. A ratio estimator is near normal only where its parts are (Cochran's rule of
     * thumb for the denominator's coefficient of variation is 0.1-0.2); measured at N = 5: the TUR
     * and COP intervals covered in the band where every part's relative error stays below 0.2, and
     * missed from below where a mean's reached 0.3-0.5 (src/site/markdown/sampling.md, "Coverage").
     */
    public static final double MAX_RELATIVE_ERROR = 0.2;

    /**
     * The exact relative error of the mean quanta per window over {@code windows} windows of length
     * t that tile stationary replicas: sqrt(kappa_2 / (windows t)) / |kappa_1|, from the long-time
     * cumulant rates (the windows of one replica are correlated; the long-time variance counts it).
     * Infinite without a current. A number fixed by the settings, so it cannot select runs.
     */
    public static double meanError(double[] rates, long windows, double t) {
        return rates[0] == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(rates[1] / (windows * t)) / Math.abs(rates[0]);
    }

    /**
     * The relative error of a sample variance of {@code windows} windows with exact cumulants
     * k_1 .. k_4 per window: sqrt((k_4 / k_2^2 + 2) / windows); infinite without spread.
     */
    public static double varianceError(double[] window, long windows) {
        return window[1] > 0 ? Math.sqrt((Math.max(0, window[3]) / (window[1] * window[1]) + 2) / windows)
                : Double.POSITIVE_INFINITY;
    }

    /** The estimate, without its interval where a part's relative error exceeds {@link #MAX_RELATIVE_ERROR}. */
    public static Estimate gated(Estimate e, double relativeError, String what) {
        if (e == null || !e.reliable() || relativeError <= MAX_RELATIVE_ERROR) {
            return e;
        }
        return e.withoutInterval(String.format(java.util.Locale.ROOT, "relative error %.2f of %s; a ratio's"
                + " interval needs %.1f or less: raise --replicas or --time", relativeError, what, MAX_RELATIVE_ERROR));
    }

    /** The sum without entry {@code skip} (none if -1). */
    private static double sum(double[] a, int skip) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (i != skip) {
                s += a[i];
            }
        }
        return s;
    }
}
