package qar.exact;

import java.util.List;
import org.apache.commons.numbers.core.DD;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Scaled cumulants of any linear counting observable (a weight per channel) by the recursive
 * perturbation scheme of Flindt et al. (PRL 100, 150601; PRB 82, 155407), in double-double.
 *
 * <p>With {@code L(s) = sum_m s^m/m! L^(m)} the tilted generator and {@code rho^(n)} the n-th
 * derivative of its Perron vector (normalised by {@code 1^T rho(s) = 1}):
 * {@code kappa_n = sum_{m=1..n} C(n,m) 1^T L^(m) rho^(n-m)} and
 * {@code L rho^(n) = sum_{m=1..n} C(n,m) (kappa_m - L^(m)) rho^(n-m)}, solved by the GTH Drazin
 * inverse. Cost O(K^2) channel sweeps and O(K) banded solves.
 */
public final class CumulantRecursion {
    private final GthFactorization factorization;
    private final int[] from;
    private final int[] to;
    private final double[] rate;
    private final int dimension;

    private CumulantRecursion(GthFactorization factorization, JumpProcess process) {
        this.factorization = factorization;
        this.dimension = process.dimension();
        List<Channel> chs = process.channels();
        int c = chs.size();
        from = new int[c];
        to = new int[c];
        rate = new double[c];
        for (int k = 0; k < c; k++) {
            Channel ch = chs.get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            rate[k] = ch.rate();
        }
    }

    public static CumulantRecursion of(JumpProcess process, GthFactorization factorization) {
        if (factorization.dimension() != process.dimension()) {
            throw new IllegalArgumentException("factorization does not belong to this process");
        }
        return new CumulantRecursion(factorization, process);
    }

    /**
     * @param weight per channel, the amount the observable grows in that jump
     * @param order  number of cumulants K >= 1
     * @return kappa_1 .. kappa_K (index 0 is kappa_1)
     */
    public double[] cumulants(double[] weight, int order) {
        return new Run(weight, order, false).kappa;
    }

    /**
     * The constant terms of the finite-time cumulants from a stationary start:
     * {@code <<Q_T^n>> = kappa_n T + g_n + O(exp(-gap T))}, g_1 = 0. They are the derivatives of
     * {@code ln(l(s) . pi)}, l the left Perron vector normalised by {@code l . r = 1}, {@code 1 . r = 1}.
     *
     * @return g_1 .. g_K (index 0 is g_1)
     */
    public double[] finiteTimeOffsets(double[] weight, int order) {
        return new Run(weight, order, true).offset;
    }

    /** One evaluation of the recursion for one observable. */
    private final class Run {
        final double[] kappa;
        final double[] offset;
        private final int active;
        private final int[] af;
        private final int[] at;
        /** rw[m-1][c] = rate_c * weight_c^m. */
        private final DD[][] rw;

        Run(double[] weight, int order, boolean offsets) {
            if (order < 1) {
                throw new IllegalArgumentException("order must be >= 1, got " + order);
            }
            if (weight.length != rate.length) {
                throw new IllegalArgumentException("need one weight per channel");
            }
            int n0 = 0;
            for (double x : weight) {
                if (x != 0) {
                    n0++;
                }
            }
            active = n0;
            af = new int[active];
            at = new int[active];
            rw = new DD[order][active];
            int c = 0;
            for (int k = 0; k < weight.length; k++) {
                if (weight[k] == 0) {
                    continue;
                }
                af[c] = from[k];
                at[c] = to[k];
                DD p = DD.of(rate[k]);
                for (int m = 0; m < order; m++) {
                    p = p.multiply(weight[k]);
                    rw[m][c] = p;
                }
                c++;
            }
            DD[][] rho = new DD[order + 1][];
            rho[0] = factorization.stationaryDD();
            DD[] lam = new DD[order + 1];
            kappa = new double[order];
            for (int n = 1; n <= order; n++) {
                DD kn = DD.ZERO;
                for (int m = 1; m <= n; m++) {
                    kn = kn.add(sumApplied(m, rho[n - m]).multiply(binomial(n, m)));
                }
                lam[n] = kn;
                kappa[n - 1] = kn.doubleValue();
                if (n < order || offsets) {
                    DD[] rhs = zeros();
                    for (int m = 1; m <= n; m++) {
                        double b = binomial(n, m);
                        axpy(rhs, lam[m].multiply(b), rho[n - m]);
                        applySubtract(rhs, m, rho[n - m], b, false);
                    }
                    rho[n] = factorization.solve(rhs);
                }
            }
            offset = offsets ? offsets(order, lam, rho) : null;
        }

        private double[] offsets(int order, DD[] lam, DD[][] rho) {
            DD[][] left = new DD[order + 1][];
            left[0] = new DD[dimension];
            java.util.Arrays.fill(left[0], DD.ONE);
            DD[] h = new DD[order + 1];
            h[0] = DD.ONE;
            for (int n = 1; n <= order; n++) {
                DD[] z = zeros();
                for (int m = 1; m <= n; m++) {
                    double b = binomial(n, m);
                    axpy(z, lam[m].multiply(b), left[n - m]);
                    applySubtract(z, m, left[n - m], b, true);
                }
                DD[] l = factorization.solveAdjoint(z);
                // normalisation l(s) . r(s) = 1, differentiated n times
                DD cn = DD.ZERO;
                for (int m = 0; m < n; m++) {
                    cn = cn.subtract(dot(left[m], rho[n - m]).multiply(binomial(n, m)));
                }
                for (int a = 0; a < dimension; a++) {
                    l[a] = l[a].add(cn);
                }
                left[n] = l;
                h[n] = dot(l, rho[0]);
            }
            // cumulants of ln h from its moments h_n
            DD[] g = new DD[order + 1];
            double[] out = new double[order];
            for (int n = 1; n <= order; n++) {
                DD gn = h[n];
                for (int m = 1; m < n; m++) {
                    gn = gn.subtract(g[m].multiply(h[n - m]).multiply(binomial(n - 1, m - 1)));
                }
                g[n] = gn;
                out[n - 1] = gn.doubleValue();
            }
            return out;
        }

        /** 1^T L^(m) v. */
        private DD sumApplied(int m, DD[] v) {
            DD[] r = rw[m - 1];
            DD t = DD.ZERO;
            for (int q = 0; q < active; q++) {
                t = t.add(r[q].multiply(v[af[q]]));
            }
            return t;
        }

        /** out -= b L^(m) v, or b (L^(m))^T v. */
        private void applySubtract(DD[] out, int m, DD[] v, double b, boolean transpose) {
            DD[] r = rw[m - 1];
            for (int q = 0; q < active; q++) {
                int src = transpose ? at[q] : af[q];
                int dst = transpose ? af[q] : at[q];
                out[dst] = out[dst].subtract(r[q].multiply(v[src]).multiply(b));
            }
        }

        private DD[] zeros() {
            DD[] z = new DD[dimension];
            java.util.Arrays.fill(z, DD.ZERO);
            return z;
        }
    }

    private static void axpy(DD[] out, DD a, DD[] v) {
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].add(a.multiply(v[i]));
        }
    }

    private static DD dot(DD[] u, DD[] v) {
        DD t = DD.ZERO;
        for (int i = 0; i < u.length; i++) {
            t = t.add(u[i].multiply(v[i]));
        }
        return t;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return Math.rint(b);
    }
}
