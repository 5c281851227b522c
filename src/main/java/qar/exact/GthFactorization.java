package qar.exact;

import java.util.Arrays;
import org.apache.commons.numbers.core.DD;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Grassmann-Taksar-Heyman elimination of a banded generator, in double-double arithmetic.
 *
 * <p>Levels are eliminated from the top down; each pivot is the censored chain's escape rate to
 * lower levels, a sum of positive terms, so no step subtracts. The stored censored rates give the
 * stationary state in O(d w^2) and solve {@code L x = y} on the complement of the stationary state
 * (the Drazin inverse needed for noise and higher cumulants) at the same cost. Double-double keeps
 * net currents exact to double precision even where they are a millionth of the gross flows (the
 * work reservoir's resonant flips at the defaults). Immutable.
 */
public final class GthFactorization {
    /** Rescale a population mantissa when its binary exponent leaves +-EXP_WINDOW. */
    private static final int EXP_WINDOW = 256;

    private final int d;
    private final int w;
    /** pivot[n]: censored escape rate of level n to levels below it. */
    private final DD[] pivot;
    /** down[n*w + k-1]: censored probability that level n goes next to n-k. */
    private final DD[] down;
    /** up[n*w + k-1]: censored rate n-k -> n. */
    private final DD[] up;
    private final DD[] pi;

    private GthFactorization(int d, int w, DD[] pivot, DD[] down, DD[] up) {
        this.d = d;
        this.w = w;
        this.pivot = pivot;
        this.down = down;
        this.up = up;
        this.pi = stationary();
    }

    /**
     * @throws IllegalArgumentException if some level cannot reach the bottom level, so the
     *                                  stationary state is not unique
     */
    public static GthFactorization of(JumpProcess process) {
        int d = process.dimension();
        int w = Math.min(process.bandwidth(), d - 1);
        int width = 2 * w + 1;
        DD[] g = new DD[d * width];
        Arrays.fill(g, DD.ZERO);
        for (Channel ch : process.channels()) {
            int idx = ch.from() * width + ch.to() - ch.from() + w;
            g[idx] = g[idx].add(ch.rate());
        }
        DD[] pivot = new DD[d];
        DD[] down = new DD[d * w];
        DD[] up = new DD[d * w];
        Arrays.fill(down, DD.ZERO);
        Arrays.fill(up, DD.ZERO);
        pivot[0] = DD.ZERO;
        for (int n = d - 1; n >= 1; n--) {
            int lo = Math.max(0, n - w);
            DD s = DD.ZERO;
            for (int j = lo; j < n; j++) {
                s = s.add(g[n * width + j - n + w]);
            }
            if (!(s.hi() > 0)) {
                throw new IllegalArgumentException("level " + n
                        + " cannot reach the levels below it: the stationary state is not unique");
            }
            pivot[n] = s;
            for (int k = 1; k <= n - lo; k++) {
                down[n * w + k - 1] = g[n * width - k + w].divide(s);
                up[n * w + k - 1] = g[(n - k) * width + k + w];
            }
            for (int i = lo; i < n; i++) {
                DD gin = up[n * w + n - i - 1];
                if (gin.hi() == 0) {
                    continue;
                }
                for (int j = lo; j < n; j++) {
                    if (j != i) {
                        int idx = i * width + j - i + w;
                        g[idx] = g[idx].add(gin.multiply(down[n * w + n - j - 1]));
                    }
                }
            }
        }
        return new GthFactorization(d, w, pivot, down, up);
    }

    public int dimension() {
        return d;
    }

    /** The normalised stationary state in double-double; entries below the double range are zero. */
    public DD[] stationaryDD() {
        return pi.clone();
    }

    /** The normalised stationary state, lowest level first; every entry >= 0. */
    public double[] stationaryState() {
        double[] out = new double[d];
        for (int n = 0; n < d; n++) {
            out[n] = pi[n].doubleValue();
        }
        return out;
    }

    private DD[] stationary() {
        // Back substitution with a running binary exponent per level: populations may span
        // thousands of decades, so each mantissa is kept near 1 and the scales are merged at the end.
        DD[] m = new DD[d];
        int[] e = new int[d];
        m[0] = DD.ONE;
        int[] exp = new int[1];
        for (int n = 1; n < d; n++) {
            // Sum in the frame of the largest contributing exponent, so every shift is <= 0.
            int ref = Integer.MIN_VALUE;
            for (int k = 1; k <= Math.min(w, n); k++) {
                int a = n - k;
                if (m[a].hi() != 0 && up[n * w + k - 1].hi() != 0) {
                    ref = Math.max(ref, e[a]);
                }
            }
            DD acc = DD.ZERO;
            if (ref == Integer.MIN_VALUE) {
                ref = e[n - 1];
            } else {
                for (int k = 1; k <= Math.min(w, n); k++) {
                    int a = n - k;
                    if (m[a].hi() != 0 && up[n * w + k - 1].hi() != 0) {
                        acc = acc.add(m[a].scalb(e[a] - ref).multiply(up[n * w + k - 1]));
                    }
                }
            }
            DD v = acc.divide(pivot[n]);
            if (v.hi() != 0) {
                int ex = Math.getExponent(v.hi());
                if (Math.abs(ex) > EXP_WINDOW) {
                    v = v.frexp(exp);
                    ref += exp[0];
                }
            }
            m[n] = v;
            e[n] = ref;
        }
        int top = Integer.MIN_VALUE;
        for (int n = 0; n < d; n++) {
            if (m[n].hi() != 0) {
                top = Math.max(top, e[n] + Math.getExponent(m[n].hi()));
            }
        }
        DD total = DD.ZERO;
        for (int n = 0; n < d; n++) {
            m[n] = m[n].scalb(e[n] - top);
            total = total.add(m[n]);
        }
        for (int n = 0; n < d; n++) {
            m[n] = m[n].divide(total);
        }
        return m;
    }

    /**
     * Solves {@code L x = y} with {@code sum(x) = 0}, where {@code L} is the generator (column
     * convention: {@code (L x)_a = sum_b rate(b -> a) x_b - escape(a) x_a}) and {@code sum(y) = 0}.
     * This is the Drazin inverse of L applied to y.
     */
    public DD[] solve(DD[] y) {
        if (y.length != d) {
            throw new IllegalArgumentException("right-hand side has length " + y.length + ", expected " + d);
        }
        DD[] r = y.clone();
        for (int n = d - 1; n >= 1; n--) {
            DD rn = r[n];
            if (rn.hi() == 0) {
                continue;
            }
            for (int k = 1; k <= Math.min(w, n); k++) {
                r[n - k] = r[n - k].add(rn.multiply(down[n * w + k - 1]));
            }
        }
        DD[] x = new DD[d];
        x[0] = DD.ZERO;
        DD sum = DD.ZERO;
        for (int n = 1; n < d; n++) {
            DD acc = r[n].negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                DD xa = x[n - k];
                if (xa.hi() != 0) {
                    acc = acc.add(xa.multiply(up[n * w + k - 1]));
                }
            }
            x[n] = acc.divide(pivot[n]);
            sum = sum.add(x[n]);
        }
        for (int n = 0; n < d; n++) {
            x[n] = x[n].subtract(sum.multiply(pi[n]));
        }
        return x;
    }

    /**
     * Solves the adjoint (backward) equation {@code (L^T x)_b = sum_a rate(b -> a) (x_a - x_b) = y_b}
     * with {@code pi . x = 0}, where {@code pi . y = 0}.
     */
    public DD[] solveAdjoint(DD[] y) {
        if (y.length != d) {
            throw new IllegalArgumentException("right-hand side has length " + y.length + ", expected " + d);
        }
        DD[] r = y.clone();
        for (int n = d - 1; n >= 1; n--) {
            if (r[n].hi() == 0) {
                continue;
            }
            DD rn = r[n].divide(pivot[n]);
            for (int k = 1; k <= Math.min(w, n); k++) {
                r[n - k] = r[n - k].add(up[n * w + k - 1].multiply(rn));
            }
        }
        DD[] x = new DD[d];
        x[0] = DD.ZERO;
        DD mean = DD.ZERO;
        for (int n = 1; n < d; n++) {
            DD acc = r[n].divide(pivot[n]).negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                acc = acc.add(down[n * w + k - 1].multiply(x[n - k]));
            }
            x[n] = acc;
            mean = mean.add(acc.multiply(pi[n]));
        }
        for (int n = 0; n < d; n++) {
            x[n] = x[n].subtract(mean);
        }
        return x;
    }
}
