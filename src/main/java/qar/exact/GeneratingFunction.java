package qar.exact;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.numbers.core.DD;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The scaled cumulant generating function lambda(s): the Perron eigenvalue of the tilted generator
 * {@code L_ab(s) = sum_nu R^nu_ab exp(s_nu dE)} for real counting fields, one per reservoir.
 *
 * <p>For a trial value x, the levels of {@code x - L(s)} are eliminated from the top down. Every
 * pivot is known in two algebraically equal forms: the diagonal form (x + escape rate, minus the
 * fill-in of eliminated levels) and the GTH excess form (censored tilted rate sum, plus the excess
 * {@code x - c_b(s)}, {@code c_b = sum rate (e^{s dE} - 1)} from expm1). Each form carries a bound
 * on its rounding (the sum of the magnitudes it was built from) and the pivot uses the smaller:
 * near s = 0 the excess form has no cancellation, far from it (tilted rates of 1e15 around an
 * eigenvalue of 1e4) the diagonal form has none. All pivots are positive exactly when x is above
 * the Perron root of the levels above the bottom one, and the last pivot f(x) is then increasing
 * and concave with its root at lambda. Safeguarded Newton with forward-mode derivatives, and
 * bisection on the monotone test "all pivots and f >= 0" (true exactly for x >= lambda), find it.
 * O(d w^2) per trial. Tilts ({@link DoubleDoubleExp} of the exact s q Omega) and the elimination
 * run in double-double, so lambda keeps ~16 digits even where it is 1e-12 of the rates.
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
    private final long[] quanta;
    private final double unit;
    private final DD[] escape;

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
        quanta = new long[c];
        unit = p.energyUnit();
        escape = new DD[d];
        Arrays.fill(escape, DD.ZERO);
        for (int k = 0; k < c; k++) {
            Channel ch = chs.get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            reservoir[k] = ch.reservoir();
            rate[k] = ch.rate();
            quanta[k] = ch.energy();
            escape[ch.from()] = escape[ch.from()].add(ch.rate());
        }
    }

    public static GeneratingFunction of(JumpProcess process) {
        return new GeneratingFunction(process);
    }

    /** Tilted rates, their column sums (double-double) and rounding scales, for one s. */
    private final class Tilt {
        final DD[] t;
        final DD[] c;
        final double[] cAbs;

        Tilt(double[] s) {
            int width = 2 * w + 1;
            t = new DD[d * width];
            Arrays.fill(t, DD.ZERO);
            c = new DD[d];
            Arrays.fill(c, DD.ZERO);
            cAbs = new double[d];
            for (int k = 0; k < rate.length; k++) {
                // s q Omega exactly, so that the tilt of opposite jumps is exactly reciprocal
                DD x = DD.ofProduct(s[reservoir[k]], unit).multiply(quanta[k]);
                DD em1 = DoubleDoubleExp.expm1(x);
                int slot = from[k] * width + to[k] - from[k] + w;
                t[slot] = t[slot].add(em1.add(1.0).multiply(rate[k]));
                c[from[k]] = c[from[k]].add(em1.multiply(rate[k]));
                cAbs[from[k]] += rate[k] * Math.abs(em1.hi());
            }
        }
    }

    /**
     * @param s one counting field per reservoir, conjugate to the energy entering from it
     * @return lambda(s); +infinity if a tilted rate overflows; NaN where the search does not
     *         converge or its double-double elimination cannot resolve the root (callers treat
     *         both as "not finite")
     */
    public double lambda(double... s) {
        if (s.length != reservoirs) {
            throw new IllegalArgumentException("need " + reservoirs + " counting fields, got " + s.length);
        }
        Tilt tilt = new Tilt(s);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (DD cv : tilt.c) {
            double v = cv.doubleValue();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return Double.POSITIVE_INFINITY;
        }
        if (lo == hi) {
            // every column sum equal: 1 is a positive left eigenvector
            return lo;
        }
        // The Perron root is also at least every diagonal entry, -escape(b): where some level is
        // almost closed (the top levels at large N), lambda(s) is pinned near minus its escape rate.
        for (DD v : escape) {
            lo = Math.max(lo, Math.min(-v.doubleValue(), hi));
        }
        // Invariant: a is below the root, b at or above it (Perron bounds: min and max column sums).
        double a = lo;
        double b = hi;
        double x = hi;
        Elimination el = new Elimination(tilt);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean valid = el.run(x);
            if (valid && !(Double.isFinite(el.f) && Double.isFinite(el.df))) {
                return Double.NaN; // the elimination overflowed: no sign to bisect on
            }
            if (valid && el.f == 0) {
                return resolved(x, el);
            }
            if (!valid || el.f < 0) {
                a = Math.max(a, x);
            } else {
                b = Math.min(b, x);
            }
            double next;
            if (valid) {
                next = x - el.f / el.df;
                if (!(next > a && next < b) && next != x) {
                    next = 0.5 * (a + b);
                }
                if (Math.abs(next - x) <= 2 * Math.ulp(x)) {
                    return resolved(next, el);
                }
            } else {
                next = 0.5 * (a + b);
            }
            if (b - a <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)))) {
                return resolved(0.5 * (a + b), el);
            }
            x = next;
        }
        // never converged: the last trial is not a root (it was off by 1e40 on stiff tilts)
        return Double.NaN;
    }

    /**
     * Relative uncertainty of a root above which it is refused: the double-double elimination's
     * rounding bound over f' is the root's error; where the tilted rates are 1e30 and more times
     * lambda the elimination loses every digit and f is its rounding only.
     */
    private static final double MAX_ROOT_ERROR = 1e-10;

    /** x if the last valid elimination (at or next to x) resolves it to {@link #MAX_ROOT_ERROR}, else NaN. */
    private double resolved(double x, Elimination el) {
        double err = 8.0 * d * 0x1p-104 * el.fAbs / Math.abs(el.df);
        return err <= MAX_ROOT_ERROR * Math.abs(x) ? x : Double.NaN;
    }

    /**
     * Work arrays of one elimination of x - L(s), reused across trial values. Values are
     * double-double; their x-derivatives (for Newton steps only) and rounding scales are doubles.
     */
    private final class Elimination {
        private final Tilt tilt;
        private final DD[] t;
        private final double[] dt;
        /** excess form, its x-derivative and rounding scale */
        private final DD[] e;
        private final double[] de;
        private final double[] eAbs;
        /** diagonal form, its x-derivative and rounding scale */
        private final DD[] g;
        private final double[] dg;
        private final double[] gAbs;
        double f;
        double df;
        /** rounding scale of f */
        double fAbs;

        Elimination(Tilt tilt) {
            this.tilt = tilt;
            t = new DD[tilt.t.length];
            dt = new double[tilt.t.length];
            e = new DD[d];
            de = new double[d];
            eAbs = new double[d];
            g = new DD[d];
            dg = new double[d];
            gAbs = new double[d];
        }

        /** @return false if a pivot is not positive: x is below the Perron root of levels 1 .. d-1 */
        boolean run(double x) {
            int width = 2 * w + 1;
            System.arraycopy(tilt.t, 0, t, 0, t.length);
            Arrays.fill(dt, 0.0);
            for (int b = 0; b < d; b++) {
                e[b] = tilt.c[b].negate().add(x);
                de[b] = 1.0;
                eAbs[b] = Math.abs(x) + tilt.cAbs[b];
                g[b] = escape[b].add(x);
                dg[b] = 1.0;
                gAbs[b] = Math.abs(x) + escape[b].hi();
            }
            for (int n = d - 1; n >= 1; n--) {
                int lo = Math.max(0, n - w);
                DD sum = DD.ZERO;
                double dsum = 0;
                for (int j = lo; j < n; j++) {
                    sum = sum.add(t[n * width + j - n + w]);
                    dsum += dt[n * width + j - n + w];
                }
                DD p;
                double dp;
                if (sum.hi() + eAbs[n] <= gAbs[n]) {
                    p = sum.add(e[n]);
                    dp = dsum + de[n];
                } else {
                    p = g[n];
                    dp = dg[n];
                }
                if (!(p.hi() > 0)) {
                    return false;
                }
                double ph = p.hi();
                DD en = e[n];
                double enh = en.hi();
                double den = de[n];
                for (int i = lo; i < n; i++) {
                    int in = i * width + n - i + w;
                    DD tin = t[in];
                    double dtin = dt[in];
                    if (tin.hi() == 0 && dtin == 0) {
                        continue;
                    }
                    DD q = tin.divide(p);
                    double qh = q.hi();
                    double dq = (dtin - qh * dp) / ph;
                    e[i] = e[i].add(q.multiply(en));
                    de[i] += dq * enh + qh * den;
                    eAbs[i] += qh * eAbs[n];
                    int ni = n * width + i - n + w;
                    DD back = q.multiply(t[ni]);
                    g[i] = g[i].subtract(back);
                    dg[i] -= dq * t[ni].hi() + qh * dt[ni];
                    gAbs[i] += back.hi();
                    for (int j = lo; j < n; j++) {
                        if (j != i) {
                            int nj = n * width + j - n + w;
                            int ij = i * width + j - i + w;
                            t[ij] = t[ij].add(q.multiply(t[nj]));
                            dt[ij] += dq * t[nj].hi() + qh * dt[nj];
                        }
                    }
                }
            }
            if (eAbs[0] <= gAbs[0]) {
                f = e[0].doubleValue();
                df = de[0];
                fAbs = eAbs[0];
            } else {
                f = g[0].doubleValue();
                df = dg[0];
                fAbs = gAbs[0];
            }
            return true;
        }
    }
}
