package qar.job;

import java.util.List;
import qar.estimate.WaitingTimeEstimate;
import qar.estimate.WindowEstimate;
import qar.exact.CountingDistribution;
import qar.exact.FiniteTimeCumulants;
import qar.exact.RateFunction;

/**
 * The CSV tables of finite-time statistics, exact and sampled: one header line, then one row per
 * point; a value that is undefined or not resolved is an empty cell, never NaN. Columns are
 * documented in src/site/markdown/outputs.md.
 */
public final class DistributionCsv {
    public static final String COUNTING = "counting.csv";
    public static final String WAITING_TIMES = "waiting_times.csv";
    public static final String RATE_FUNCTION = "rate_function.csv";
    public static final String LARGE_DEVIATIONS = "large_deviations.csv";
    public static final String FINITE_TIME_CUMULANTS = "finite_time_cumulants.csv";

    private DistributionCsv() {
    }

    /** A number as Java's shortest round-trip form; empty where not finite. */
    static String num(double v) {
        return qar.text.Format.cell(v);
    }

    private static void row(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells[i];
            sb.append(c instanceof Double d ? num(d) : String.valueOf(c));
        }
        sb.append('\n');
    }

    /** P(n, t) per reservoir and window; with {@code sampled} (same order as the windows) two more columns. */
    public static String counting(ExactJob.Result exact, List<String> names, List<List<WindowEstimate>> sampled) {
        StringBuilder sb = new StringBuilder(sampled == null ? "reservoir,t,n,exact\n"
                : "reservoir,t,n,exact,sampled,stderr\n");
        for (int w = 0; w < exact.windows().size(); w++) {
            ExactJob.Window win = exact.windows().get(w);
            for (int r = 0; r < names.size(); r++) {
                CountingDistribution.Result p = win.distributions().get(r);
                if (sampled == null) {
                    for (int k = 0; k < p.probability().length; k++) {
                        row(sb, names.get(r), win.length(), p.n(k), p.probability()[k]);
                    }
                    continue;
                }
                WindowEstimate s = sampled.get(w).get(r);
                long lo = Math.min(p.nMin(), s.nMin());
                long hi = Math.max(p.nMax(), s.nMin() + s.probability().length - 1);
                for (long n = lo; n <= hi; n++) {
                    double e = p.at(n);
                    int k = (int) (n - s.nMin());
                    boolean inSample = k >= 0 && k < s.probability().length;
                    if (Math.floorMod(n - p.nMin(), p.step()) != 0 && (!inSample || s.probability()[k] == 0)) {
                        continue;
                    }
                    row(sb, names.get(r), win.length(), n, e, inSample ? s.probability()[k] : 0.0,
                            inSample ? s.stderr()[k] : 0.0);
                }
            }
        }
        return sb.toString();
    }

    /** -ln P(n, t) / t against j = n Omega / t, exact and, with {@code sampled}, sampled. */
    public static String largeDeviations(ExactJob.Result exact, List<String> names, double unit,
            List<List<WindowEstimate>> sampled) {
        StringBuilder sb = new StringBuilder(sampled == null ? "reservoir,t,j,exact\n"
                : "reservoir,t,j,exact,sampled,stderr\n");
        for (int w = 0; w < exact.windows().size(); w++) {
            ExactJob.Window win = exact.windows().get(w);
            double t = win.length();
            for (int r = 0; r < names.size(); r++) {
                CountingDistribution.Result p = win.distributions().get(r);
                WindowEstimate s = sampled == null ? null : sampled.get(w).get(r);
                long lo = p.nMin();
                long hi = p.nMax();
                if (s != null) {
                    lo = Math.min(lo, s.nMin());
                    hi = Math.max(hi, s.nMin() + s.probability().length - 1);
                }
                for (long n = lo; n <= hi; n += p.step()) {
                    double e = p.at(n);
                    // 0 - ln P / t: a certain count (P = 1, a reservoir switched off) is 0.0, not -0.0
                    double ex = e > 0 ? 0.0 - Math.log(e) / t : Double.NaN;
                    if (s == null) {
                        if (e > 0) {
                            row(sb, names.get(r), t, n * unit / t, ex);
                        }
                        continue;
                    }
                    int k = (int) (n - s.nMin());
                    double ps = k >= 0 && k < s.probability().length ? s.probability()[k] : 0;
                    double se = ps > 0 ? s.stderr()[k] / (ps * t) : Double.NaN;
                    if (e > 0 || ps > 0) {
                        row(sb, names.get(r), t, n * unit / t, ex, ps > 0 ? 0.0 - Math.log(ps) / t : Double.NaN, se);
                    }
                }
            }
        }
        return sb.toString();
    }

    public static String rateFunctions(List<RateFunction.Curve> curves) {
        StringBuilder sb = new StringBuilder("reservoir,j,rate\n");
        for (RateFunction.Curve c : curves) {
            for (int i = 0; i < c.current().length; i++) {
                row(sb, c.reservoir(), c.current()[i], c.rate()[i]);
            }
        }
        return sb.toString();
    }

    /** Exact waiting-time distributions on their grids. */
    public static String waitingTimes(ExactJob.Result exact) {
        StringBuilder sb = new StringBuilder("watched,tau,exactDensity,exactCdf,exactSurvival\n");
        for (ExactJob.WaitingTime w : exact.waitingTimes()) {
            var g = w.grid();
            for (int i = 0; i < g.tau().length; i++) {
                row(sb, w.watch().label(), g.tau()[i], g.density()[i], g.cdf()[i], g.survival()[i]);
            }
        }
        return sb.toString();
    }

    /**
     * Sampled waiting times next to the exact ones, one row per bin edge tau: the exact density
     * and CDF at tau, the sampled CDF at tau, and the sampled and exact densities averaged over
     * [tau, next tau) (empty on the last edge).
     */
    public static String waitingTimes(ExactJob.Result exact, List<WaitingTimeEstimate> sampled) {
        StringBuilder sb = new StringBuilder(
                "watched,tau,exactDensity,exactCdf,sampledDensity,sampledCdf,stderr,exactBinDensity,cdfStderr\n");
        for (int w = 0; w < sampled.size(); w++) {
            ExactJob.WaitingTime ex = exact.waitingTimes().get(w);
            WaitingTimeEstimate s = sampled.get(w);
            double[] e = s.edges();
            for (int i = 0; i < e.length; i++) {
                boolean bin = i < e.length - 1;
                row(sb, ex.watch().label(), e[i], ex.distribution().density(e[i]), ex.distribution().cdf(e[i]),
                        bin ? s.density()[i] : Double.NaN, s.cdf()[i], bin ? s.densityStderr()[i] : Double.NaN,
                        bin ? s.exactBinDensity()[i] : Double.NaN, s.cdfStderr()[i]);
            }
        }
        return sb.toString();
    }

    /**
     * Finite-time cumulant rates {@code <<Q_t^n>> / t} of every reservoir on a doubling grid of t,
     * next to the long-time form kappa_n + g_n / t (empty unless the start is stationary).
     */
    public static String finiteTimeCumulants(ExactJob.Result exact, List<String> names, double t0, int count) {
        int order = ExactJob.WINDOW_ORDER;
        StringBuilder sb = new StringBuilder("reservoir,t");
        for (int n = 1; n <= order; n++) {
            sb.append(",kappa").append(n);
        }
        for (int n = 1; n <= order; n++) {
            sb.append(",asymptote").append(n);
        }
        sb.append('\n');
        var process = exact.solution().process();
        double[][] g = exact.solver().finiteTimeOffsets(order);
        boolean stationary = java.util.Arrays.equals(exact.initial(), exact.solution().populations());
        for (int r = 0; r < names.size(); r++) {
            FiniteTimeCumulants.Series s = FiniteTimeCumulants.of(process, process.energyWeights(r), exact.initial(),
                    order).doubling(t0, count);
            var stats = exact.solution().reservoirs().get(r);
            double[] kappa = new double[order];
            for (int n = 0; n < order; n++) {
                kappa[n] = stats.resolved(n) ? stats.cumulants()[n] : 0;
            }
            for (int i = 0; i < s.times().length; i++) {
                double t = s.times()[i];
                double[] c = FiniteTimeCumulants.resolved(s.cumulants()[i], stats, t);
                sb.append(names.get(r)).append(',').append(num(t));
                for (int n = 0; n < order; n++) {
                    sb.append(',').append(num(c[n] / t));
                }
                for (int n = 0; n < order; n++) {
                    sb.append(',').append(stationary ? num(kappa[n] + g[r][n] / t) : "");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
