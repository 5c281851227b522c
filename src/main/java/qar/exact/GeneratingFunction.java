package qar.exact;

import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The scaled cumulant generating function lambda(s): the Perron eigenvalue of the tilted generator
 * {@code L_ab(s) = sum_nu R^nu_ab exp(s_nu dE)} for real counting fields, one per reservoir.
 *
 * <p>For trial values x, a GTH-like elimination of {@code x - L(s)} from the top level down tracks
 * each row's excess {@code e_b = x - c_b(s)}, where {@code c_b(s) = sum rate (e^{s dE} - 1)} is
 * computed with expm1; pivots are censored rate sums plus excesses, so the only cancellation is in
 * quantities of the size of lambda itself. The last excess f(x) is increasing and concave above the
 * Perron root of the other levels (all pivots positive exactly there) and vanishes at lambda;
 * safeguarded Newton with exact derivatives (forward mode) finds the root, falling back to bisection
 * on the monotone test "all pivots and f are >= 0", which holds exactly for x >= lambda. O(d w^2)
 * per trial.
 */
public final class GeneratingFunction {
    private static final int MAX_ITERATIONS = 400;

    private final int d;
    private final int w;
    private final int reservoirs;
    private final int[] from;
    private final int[] to;
    private final int[] reservoir;
    private final double[] rate;
    private final double[] energy;

    private GeneratingFunction(JumpProcess p) {
        d = p.dimension();
        w = Math.min(p.bandwidth(), d - 1);
        reservoirs = p.reservoirs().size();
        List<Channel> chs = p.channels();
        int c = chs.size();
        from = new int[c];
        to = new int[c];
        reservoir = new int[c];
        rate = new double[c];
        energy = new double[c];
        for (int k = 0; k < c; k++) {
            Channel ch = chs.get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            reservoir[k] = ch.reservoir();
            rate[k] = ch.rate();
            energy[k] = ch.energy() * p.energyUnit();
        }
    }

    public static GeneratingFunction of(JumpProcess process) {
        return new GeneratingFunction(process);
    }

    /**
     * @param s one counting field per reservoir, conjugate to the energy entering from it
     * @return lambda(s); +infinity if a tilted rate overflows
     */
    public double lambda(double... s) {
        if (s.length != reservoirs) {
            throw new IllegalArgumentException("need " + reservoirs + " counting fields, got " + s.length);
        }
        int width = 2 * w + 1;
        double[] t = new double[d * width];
        double[] c = new double[d];
        for (int k = 0; k < rate.length; k++) {
            double x = s[reservoir[k]] * energy[k];
            t[from[k] * width + to[k] - from[k] + w] += rate[k] * Math.exp(x);
            c[from[k]] += rate[k] * Math.expm1(x);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : c) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        // The Perron root is also at least every diagonal entry, -escape(b): where some level is
        // almost closed (the top levels at large N), lambda(s) is pinned near minus its escape rate.
        double[] escape = new double[d];
        for (int k = 0; k < rate.length; k++) {
            escape[from[k]] += rate[k];
        }
        for (double v : escape) {
            lo = Math.max(lo, Math.min(-v, hi));
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return Double.POSITIVE_INFINITY;
        }
        if (lo == hi) {
            // every column sum equal: 1 is a left eigenvector of the positive kind
            return lo;
        }
        // Invariant: a is below the root, b at or above it (Perron bounds: min and max column sums).
        double a = lo;
        double b = hi;
        double x = hi;
        double[] work = new double[2 * t.length + 2 * d];
        double[] fd = new double[2];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean valid = excess(x, t, c, work, fd);
            double next;
            if (valid && fd[0] == 0) {
                return x;
            }
            if (!valid || fd[0] < 0) {
                a = Math.max(a, x);
            } else {
                b = Math.min(b, x);
            }
            if (valid) {
                next = x - fd[0] / fd[1];
                if (!(next > a && next < b) && !(next == x)) {
                    next = 0.5 * (a + b);
                }
                if (Math.abs(next - x) <= 2 * Math.ulp(x) || next == x) {
                    return next;
                }
            } else {
                next = 0.5 * (a + b);
            }
            if (b - a <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)))) {
                return 0.5 * (a + b);
            }
            x = next;
        }
        return x;
    }

    /**
     * Eliminates levels d-1 .. 1 of x - L(s); fills fd with the final excess and its x-derivative.
     *
     * @return false if a pivot is not positive, i.e. x is below the Perron root of the other levels
     */
    private boolean excess(double x, double[] t0, double[] c, double[] work, double[] fd) {
        int width = 2 * w + 1;
        int size = t0.length;
        double[] t = work;
        System.arraycopy(t0, 0, t, 0, size);
        java.util.Arrays.fill(work, size, 2 * size, 0.0);
        int dt = size;
        int e = 2 * size;
        int de = 2 * size + d;
        for (int b = 0; b < d; b++) {
            work[e + b] = x - c[b];
            work[de + b] = 1.0;
        }
        for (int n = d - 1; n >= 1; n--) {
            int lo = Math.max(0, n - w);
            double sum = 0;
            double dsum = 0;
            for (int j = lo; j < n; j++) {
                sum += t[n * width + j - n + w];
                dsum += t[dt + n * width + j - n + w];
            }
            double p = sum + work[e + n];
            double dp = dsum + work[de + n];
            if (!(p > 0)) {
                return false;
            }
            double en = work[e + n];
            double den = work[de + n];
            for (int i = lo; i < n; i++) {
                int in = i * width + n - i + w;
                double tin = t[in];
                double dtin = t[dt + in];
                if (tin == 0 && dtin == 0) {
                    continue;
                }
                double q = tin / p;
                double dq = (dtin - q * dp) / p;
                work[e + i] += q * en;
                work[de + i] += dq * en + q * den;
                for (int j = lo; j < n; j++) {
                    if (j != i) {
                        int nj = n * width + j - n + w;
                        int ij = i * width + j - i + w;
                        t[ij] += q * t[nj];
                        t[dt + ij] += dq * t[nj] + q * t[dt + nj];
                    }
                }
            }
        }
        fd[0] = work[e];
        fd[1] = work[de];
        return true;
    }
}
