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
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        if (weight.length != rate.length) {
            throw new IllegalArgumentException("need one weight per channel");
        }
        int active = 0;
        for (double x : weight) {
            if (x != 0) {
                active++;
            }
        }
        int[] af = new int[active];
        int[] at = new int[active];
        // rw[m-1][c] = rate_c * weight_c^m
        DD[][] rw = new DD[order][active];
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
        DD[][] rho = new DD[order][];
        rho[0] = factorization.stationaryDD();
        DD[] kappa = new DD[order + 1];
        double[] out = new double[order];
        for (int n = 1; n <= order; n++) {
            DD kn = DD.ZERO;
            for (int m = 1; m <= n; m++) {
                DD[] v = rho[n - m];
                DD[] r = rw[m - 1];
                DD t = DD.ZERO;
                for (int q = 0; q < active; q++) {
                    t = t.add(r[q].multiply(v[af[q]]));
                }
                kn = kn.add(t.multiply(binomial(n, m)));
            }
            kappa[n] = kn;
            out[n - 1] = kn.doubleValue();
            if (n == order) {
                break;
            }
            DD[] rhs = new DD[dimension];
            java.util.Arrays.fill(rhs, DD.ZERO);
            for (int m = 1; m <= n; m++) {
                double b = binomial(n, m);
                DD[] v = rho[n - m];
                DD km = kappa[m].multiply(b);
                for (int a = 0; a < dimension; a++) {
                    rhs[a] = rhs[a].add(km.multiply(v[a]));
                }
                DD[] r = rw[m - 1];
                for (int q = 0; q < active; q++) {
                    int t = at[q];
                    rhs[t] = rhs[t].subtract(r[q].multiply(v[af[q]]).multiply(b));
                }
            }
            rho[n] = factorization.solve(rhs);
        }
        return out;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return Math.rint(b);
    }
}
