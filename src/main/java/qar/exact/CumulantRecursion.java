package qar.exact;

import java.util.List;
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
 *
 * <p>Memory: the K - 1 vectors rho^(1..K-1) (K + 1 with the offsets, and as many left vectors),
 * 16 bytes per level each; every solve runs in place on its right-hand side, and the terms
 * {@code rate * weight^m} are formed on the fly (m multiplications by an exact double) rather
 * than tabled per channel and order.
 */
public final class CumulantRecursion {
    private final Factorization factorization;
    private final JumpProcess process;
    private final int dimension;

    private CumulantRecursion(Factorization factorization, JumpProcess process) {
        this.factorization = factorization;
        this.process = process;
        this.dimension = process.dimension();
    }

    public static CumulantRecursion of(JumpProcess process, GthFactorization factorization) {
        return of(process, (Factorization) factorization);
    }

    static CumulantRecursion of(JumpProcess process, Factorization factorization) {
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

    /**
     * kappa_1 .. kappa_K and, per order, {@code sum_c |d kappa_n / d ln r_c| scale_c} over every
     * channel c of the process: the largest first-order change of kappa_n when each rate moves by
     * at most scale_c of itself. By Hellmann-Feynman, with l(s) the left Perron vector normalised
     * by {@code l . rho = 1}, {@code d lambda(s) / d ln r_c = r_c rho_from(s) (e^{s q_c} l_to(s) - l_from(s))},
     * whose s-derivatives at 0 come from the vectors the recursion already has: one more solve
     * each way per order, on the same factors, and no second solve of the model.
     *
     * @param scale per channel of the process, the largest relative change of its rate
     * @return {kappa, bound, magnitude, signed, total}, index n-1 for order n; the bound is evaluated
     *         in double, and the same sum over the magnitudes of its terms sets the scale of its
     *         rounding; signed and total are {@code sum_c d kappa_n / d ln r_c} and the sum of its
     *         magnitudes: kappa_n is homogeneous of degree 1 in the rates, so signed must be kappa_n
     */
    double[][] cumulantsWithSensitivity(double[] weight, int order, double[] scale) {
        return cumulantsWithSensitivity(weight, order, scale, new double[0][], new double[0]);
    }

    /**
     * As {@link #cumulantsWithSensitivity(double[], int, double[])}, and adds {@code factor[i]} times
     * {@code d kappa_1 / d ln r_c / r_c} to {@code first[i][c]}: the derivatives of a linear combination
     * of several observables' means, summed over their runs (sigma and the first-law residual).
     */
    double[][] cumulantsWithSensitivity(double[] weight, int order, double[] scale, double[][] first, double[] factor) {
        List<Channel> chs = process.channels();
        if (scale.length != chs.size()) {
            throw new IllegalArgumentException("need one scale per channel");
        }
        Run run = new Run(weight, order, true);
        double[][] rho = run.rho;
        double[][] left = run.left;
        double[] bound = new double[order];
        double[] magnitude = new double[order];
        double[] signed = new double[order];
        double[] total = new double[order];
        double[] ga = new double[order + 1];
        double[] r = new double[order + 1];
        double[] lt = new double[order + 1];
        double[] g = new double[order + 1];
        double[][] binom = new double[order + 1][order + 1];
        for (int n = 0; n <= order; n++) {
            for (int j = 0; j <= n; j++) {
                binom[n][j] = binomial(n, j);
            }
        }
        for (int c = 0; c < chs.size(); c++) {
            Channel ch = chs.get(c);
            int f = 2 * ch.from();
            int t = 2 * ch.to();
            double q = weight[c];
            boolean empty = true;
            for (int j = 0; j <= order; j++) {
                r[j] = rho[j][f] + rho[j][f + 1];
                empty &= r[j] == 0;
            }
            if (empty) {
                // no population and no derivative of it at the source (the refrigerator's top levels)
                continue;
            }
            for (int j = 0; j <= order; j++) {
                lt[j] = left[j][t] + left[j][t + 1];
                // l_to - l_from: the high parts' difference is exact where they are close
                g[j] = (left[j][t] - left[j][f]) + (left[j][t + 1] - left[j][f + 1]);
            }
            // G^(m) = d^m/ds^m (e^{s q} l_to - l_from) = sum_i C(m,i) q^i l_to^(m-i) - l_from^(m),
            // and ga the sum of its terms' magnitudes, the scale of its rounding
            for (int m = order; m >= 0; m--) {
                double qi = 1;
                ga[m] = Math.abs(g[m]);
                for (int i = 1; i <= m; i++) {
                    qi *= q;
                    double term = binom[m][i] * qi * lt[m - i];
                    g[m] += term;
                    ga[m] += Math.abs(term);
                }
            }
            double s = ch.rate() * scale[c];
            for (int n = 1; n <= order; n++) {
                double d = 0;
                double da = 0;
                for (int j = 0; j <= n; j++) {
                    d += binom[n][j] * r[j] * g[n - j];
                    da += binom[n][j] * Math.abs(r[j]) * ga[n - j];
                }
                if (n == 1) {
                    for (int i = 0; i < first.length; i++) {
                        first[i][c] += factor[i] * d;
                    }
                }
                bound[n - 1] += Math.abs(d) * s;
                magnitude[n - 1] += da * s;
                signed[n - 1] += d * ch.rate();
                total[n - 1] += Math.abs(d) * ch.rate();
            }
        }
        return new double[][] {run.kappa, bound, magnitude, signed, total};
    }

    /** One evaluation of the recursion for one observable; vectors are interleaved double-double. */
    private final class Run {
        final double[] kappa;
        final double[] offset;
        /** rho^(0..K) and l^(0..K), kept where the offsets were computed (for the sensitivity). */
        double[][] rho;
        double[][] left;
        private final int active;
        private final int[] af;
        private final int[] at;
        private final double[] rate;
        private final double[] weight;
        /** Scratch registers: no allocation inside the channel sweeps. */
        private final DoubleDouble p = new DoubleDouble();
        private final DoubleDouble acc = new DoubleDouble();

        Run(double[] weights, int order, boolean offsets) {
            if (order < 1) {
                throw new IllegalArgumentException("order must be >= 1, got " + order);
            }
            List<Channel> chs = process.channels();
            if (weights.length != chs.size()) {
                throw new IllegalArgumentException("need one weight per channel");
            }
            int n0 = 0;
            for (double x : weights) {
                if (x != 0) {
                    n0++;
                }
            }
            active = n0;
            af = new int[active];
            at = new int[active];
            rate = new double[active];
            weight = new double[active];
            int c = 0;
            for (int k = 0; k < weights.length; k++) {
                if (weights[k] == 0) {
                    continue;
                }
                Channel ch = chs.get(k);
                af[c] = ch.from();
                at[c] = ch.to();
                rate[c] = ch.rate();
                weight[c] = weights[k];
                c++;
            }
            double[][] rho = new double[order + 1][];
            rho[0] = factorization.stationaryVector();
            double[] lam = new double[2 * (order + 1)];
            DoubleDouble kn = new DoubleDouble();
            DoubleDouble t = new DoubleDouble();
            kappa = new double[order];
            for (int n = 1; n <= order; n++) {
                kn.set(0);
                for (int m = 1; m <= n; m++) {
                    sumApplied(m, rho[n - m], t).multiply(binomial(n, m));
                    kn.add(t.hi, t.lo);
                }
                kn.store(lam, n);
                kappa[n - 1] = kn.doubleValue();
                if (n < order || offsets) {
                    double[] rhs = DoubleDouble.vector(dimension);
                    for (int m = 1; m <= n; m++) {
                        double b = binomial(n, m);
                        t.load(lam, m).multiply(b);
                        axpy(rhs, t, rho[n - m]);
                        applySubtract(rhs, m, rho[n - m], b, false);
                    }
                    factorization.solveInPlace(rhs);
                    rho[n] = rhs;
                }
            }
            offset = offsets ? offsets(order, lam, rho) : null;
            this.rho = offsets ? rho : null;
        }

        private double[] offsets(int order, double[] lam, double[][] rho) {
            double[][] left = new double[order + 1][];
            left[0] = DoubleDouble.vector(dimension);
            for (int a = 0; a < dimension; a++) {
                left[0][2 * a] = 1;
            }
            double[] h = new double[2 * (order + 1)];
            h[0] = 1;
            DoubleDouble t = new DoubleDouble();
            DoubleDouble cn = new DoubleDouble();
            for (int n = 1; n <= order; n++) {
                double[] l = DoubleDouble.vector(dimension);
                for (int m = 1; m <= n; m++) {
                    double b = binomial(n, m);
                    t.load(lam, m).multiply(b);
                    axpy(l, t, left[n - m]);
                    applySubtract(l, m, left[n - m], b, true);
                }
                factorization.solveAdjointInPlace(l);
                // normalisation l(s) . r(s) = 1, differentiated n times
                cn.set(0);
                for (int m = 0; m < n; m++) {
                    dot(left[m], rho[n - m], t).multiply(binomial(n, m)).negate();
                    cn.add(t.hi, t.lo);
                }
                for (int a = 0; a < dimension; a++) {
                    cn.addTo(l, a);
                }
                left[n] = l;
                dot(l, rho[0], t).store(h, n);
            }
            this.left = left;
            // cumulants of ln h from its moments h_n
            double[] g = new double[2 * (order + 1)];
            double[] out = new double[order];
            DoubleDouble gn = new DoubleDouble();
            for (int n = 1; n <= order; n++) {
                gn.load(h, n);
                for (int m = 1; m < n; m++) {
                    t.load(g, m).multiply(h, n - m).multiply(binomial(n - 1, m - 1)).negate();
                    gn.add(t.hi, t.lo);
                }
                gn.store(g, n);
                out[n - 1] = gn.doubleValue();
            }
            return out;
        }

        /** rate_q * weight_q^m into p, as the product of m exact multiplications. */
        private DoubleDouble rateTimesWeightPower(int q, int m) {
            p.set(rate[q]);
            for (int i = 0; i < m; i++) {
                p.multiply(weight[q]);
            }
            return p;
        }

        /** 1^T L^(m) v, into out. */
        private DoubleDouble sumApplied(int m, double[] v, DoubleDouble out) {
            out.set(0);
            for (int q = 0; q < active; q++) {
                if (v[2 * af[q]] == 0) {
                    // a zero double-double (its high part 0) adds nothing
                    continue;
                }
                rateTimesWeightPower(q, m).multiply(v, af[q]);
                out.add(p.hi, p.lo);
            }
            return out;
        }

        /** out -= b L^(m) v, or b (L^(m))^T v. */
        private void applySubtract(double[] out, int m, double[] v, double b, boolean transpose) {
            for (int q = 0; q < active; q++) {
                int src = transpose ? at[q] : af[q];
                int dst = transpose ? af[q] : at[q];
                if (v[2 * src] == 0) {
                    continue;
                }
                rateTimesWeightPower(q, m).multiply(v, src).multiply(b).subtractFrom(out, dst);
            }
        }

        /** out += a v, elementwise. */
        private void axpy(double[] out, DoubleDouble a, double[] v) {
            for (int i = 0; i < dimension; i++) {
                if (v[2 * i] == 0) {
                    continue;
                }
                acc.set(a.hi, a.lo).multiply(v, i).addTo(out, i);
            }
        }

        /** u . v, into out. */
        private DoubleDouble dot(double[] u, double[] v, DoubleDouble out) {
            out.set(0);
            for (int i = 0; i < dimension; i++) {
                acc.load(u, i).multiply(v, i);
                out.add(acc.hi, acc.lo);
            }
            return out;
        }
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return Math.rint(b);
    }
}
