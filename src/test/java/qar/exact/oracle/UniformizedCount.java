package qar.exact.oracle;

import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * P(n, t) of the quanta from one reservoir by uniformization of the n-resolved chain, independent
 * of the tilted DFT in {@code CountingDistribution}: with Lambda the largest escape rate,
 * P(t) = sum_k Poisson(k; Lambda t) (I + L_n / Lambda)^k P(0), where I + L_n / Lambda is a
 * nonnegative matrix on (n, level). Every term is nonnegative, so each P(n) is good to a few
 * hundred ulps (rounding grows like the number of steps, not with cancellation), however small.
 * The n range is cut at [nLo, nHi] (lattice units of the counted jumps in quanta); mass that
 * leaves it is dropped, which only lowers values near the ends: keep a wide margin.
 */
public final class UniformizedCount {
    private UniformizedCount() {
    }

    /** P(n) for n = nLo .. nHi quanta, index n - nLo. */
    public static double[] of(JumpProcess p, int reservoir, double[] rho0, double t, int nLo, int nHi) {
        int d = p.dimension();
        int width = nHi - nLo + 1;
        double[] escape = p.escapeRates();
        double lambda = 0;
        for (double e : escape) {
            lambda = Math.max(lambda, e);
        }
        double lt = lambda * t;
        int mode = (int) Math.floor(lt);
        int kMax = (int) Math.ceil(lt + 30 * Math.sqrt(lt) + 200);
        double[] w = new double[kMax + 1];
        w[mode] = 1;
        for (int k = mode + 1; k <= kMax; k++) {
            w[k] = w[k - 1] * lt / k;
        }
        for (int k = mode - 1; k >= 0; k--) {
            w[k] = w[k + 1] * (k + 1) / lt;
        }
        double total = 0;
        for (double x : w) {
            total += x;
        }
        java.util.List<Channel> chs = p.channels();
        int c = chs.size();
        int[] from = new int[c];
        int[] to = new int[c];
        int[] q = new int[c];
        double[] r = new double[c];
        for (int j = 0; j < c; j++) {
            Channel ch = chs.get(j);
            from[j] = ch.from();
            to[j] = ch.to();
            q[j] = ch.reservoir() == reservoir ? (int) ch.energy() : 0;
            r[j] = ch.rate() / lambda;
        }
        double[] stay = new double[d];
        for (int a = 0; a < d; a++) {
            stay[a] = (lambda - escape[a]) / lambda;
        }
        double[] v = new double[width * d];
        double[] next = new double[width * d];
        double[] out = new double[width];
        for (int a = 0; a < d; a++) {
            v[(0 - nLo) * d + a] = rho0[a];
        }
        for (int k = 0; k <= kMax; k++) {
            double wk = w[k] / total;
            if (wk > 0) {
                for (int n = 0; n < width; n++) {
                    double s = 0;
                    for (int a = 0; a < d; a++) {
                        s += v[n * d + a];
                    }
                    out[n] += wk * s;
                }
            }
            for (int n = 0; n < width; n++) {
                for (int a = 0; a < d; a++) {
                    next[n * d + a] = v[n * d + a] * stay[a];
                }
            }
            for (int j = 0; j < c; j++) {
                int shift = q[j] * d + to[j] - from[j];
                double rj = r[j];
                for (int n = Math.max(0, -q[j]), end = Math.min(width, width - q[j]); n < end; n++) {
                    int i = n * d + from[j];
                    next[i + shift] += rj * v[i];
                }
            }
            double[] sw = v;
            v = next;
            next = sw;
        }
        return out;
    }
}
