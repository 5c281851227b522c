package qar.exact;

import java.util.Arrays;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * 1^T exp(L(s + i chi) t) rho0 for a process whose channels of one reservoir are tilted by
 * e^{(s + i chi) step}, by {@link Propagator}'s shifted Taylor series (banded, complex) and
 * squaring: (L + mu I) h, mu the largest escape rate, has a nonnegative envelope, so nothing cancels
 * however stiff the rates; scale and shift are kept as logarithms. Pitfall: the shift costs a relative error ~ mu t 1e-16, so envelope norms times t
 * above {@code MAX_NORM_TIME} are refused (an infinite result). Used by {@link TiltLadder}. Immutable.
 */
final class TiltedPropagator {
    /**
     * Largest envelope norm times t: the relative error of M grows like that times 1e-16, so
     * larger tilts are refused (reported as an infinite M, which the searches avoid).
     */
    private static final double MAX_NORM_TIME = 1e11;

    private final int d;
    private final int w;
    private final int[] from;
    private final int[] to;
    private final double[] rate;
    /** lattice steps moved by each channel, 0 for channels of other reservoirs */
    private final long[] step;
    private final double[] escape;
    private final double mu;
    private final long maxStep;

    private TiltedPropagator(JumpProcess p, int reservoir, long g) {
        this.d = p.dimension();
        this.w = Math.min(p.bandwidth(), d - 1);
        List<Channel> chs = p.channels();
        int c = chs.size();
        from = new int[c];
        to = new int[c];
        rate = new double[c];
        step = new long[c];
        long ms = 0;
        for (int k = 0; k < c; k++) {
            Channel ch = chs.get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            rate[k] = ch.rate();
            step[k] = ch.reservoir() == reservoir ? ch.energy() / g : 0;
            ms = Math.max(ms, Math.abs(step[k]));
        }
        this.maxStep = ms;
        this.escape = p.escapeRates();
        double m = 0;
        for (double e : escape) {
            m = Math.max(m, e);
        }
        this.mu = m;
    }

    /** Counting reservoir {@code reservoir} of {@code p} on the lattice g Z. */
    static TiltedPropagator of(JumpProcess p, int reservoir, long g) {
        return new TiltedPropagator(p, reservoir, g);
    }

    /** Largest number of lattice steps one jump moves; 0 if the reservoir has no channel. */
    long maxStep() {
        return maxStep;
    }

    /** log M(s) = log 1^T exp(L(s) t) rho0. */
    double logF(double s, double t, double[] rho0) {
        double[] out = new double[3];
        propagate(s, 0.0, t, rho0, false, out);
        return Math.log(out[0]) + out[2];
    }

    /**
     * 1^T exp(L(s + i chi) t) rho0 as (re, im) * e^{out[2]}, s and chi per lattice step. With
     * {@code complex} false, chi is ignored and the arithmetic is real.
     */
    void propagate(double s, double chi, double t, double[] rho0, boolean complex, double[] out) {
        int width = 2 * w + 1;
        // banded A / h: off-diagonal tilted rates, diagonal mu - escape; envelope column sums
        double[] bre = new double[d * width];
        double[] bim = complex ? new double[d * width] : null;
        double[] colsum = new double[d];
        for (int b = 0; b < d; b++) {
            bre[b * width + w] = mu - escape[b];
            colsum[b] = mu - escape[b];
        }
        for (int k = 0; k < rate.length; k++) {
            double mag = rate[k] * Math.exp(s * step[k]);
            int slot = to[k] * width + from[k] - to[k] + w;
            if (complex && step[k] != 0) {
                double ph = chi * step[k];
                bre[slot] += mag * Math.cos(ph);
                bim[slot] += mag * Math.sin(ph);
            } else {
                bre[slot] += mag;
            }
            colsum[from[k]] += mag;
        }
        double norm = 0;
        for (double c : colsum) {
            norm = Math.max(norm, c);
        }
        if (!(norm * t <= MAX_NORM_TIME)) {
            out[0] = Double.POSITIVE_INFINITY;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        double total = norm * t;
        int k = chooseSquarings(total);
        double h = Math.scalb(t, -k);
        // T = A h as entries by row, then column: the order of the sums of the banded products
        int n = 0;
        int[] row = new int[d * width];
        int[] col = new int[d * width];
        double[] tre = new double[d * width];
        double[] tim = complex ? new double[d * width] : null;
        for (int i = 0; i < d; i++) {
            for (int l = Math.max(0, i - w); l <= Math.min(d - 1, i + w); l++) {
                int slot = i * width + l - i + w;
                row[n] = i;
                col[n] = l;
                tre[n] = bre[slot] * h;
                if (complex) {
                    tim[n] = bim[slot] * h;
                }
                n++;
            }
        }
        Propagator step = Propagator.of(Arrays.copyOf(row, n), Arrays.copyOf(col, n), Arrays.copyOf(tre, n),
                complex ? Arrays.copyOf(tim, n) : null);
        double[][] s0 = step.taylor(d, w, norm * h, complex);
        double[] sre = s0[0];
        double[] sim = s0[1];
        double[] ure = new double[sre.length];
        double[] uim = complex ? new double[sre.length] : null;
        // squarings with exact power-of-two rescaling
        double logScale = 0;
        int e = Propagator.rescale(sre, sim);
        logScale += e * Math.log(2);
        for (int q = 0; q < k; q++) {
            Propagator.square(sre, sim, ure, uim, d);
            double[] sw = sre;
            sre = ure;
            ure = sw;
            if (complex) {
                sw = sim;
                sim = uim;
                uim = sw;
            }
            logScale *= 2;
            e = Propagator.rescale(sre, sim);
            logScale += e * Math.log(2);
        }
        // 1^T S rho0
        double vr = 0;
        double vi = 0;
        for (int b = 0; b < d; b++) {
            double rb = rho0[b];
            if (rb == 0) {
                continue;
            }
            double cr = 0;
            double ci = 0;
            for (int a = 0; a < d; a++) {
                cr += sre[a * d + b];
                if (complex) {
                    ci += sim[a * d + b];
                }
            }
            vr += cr * rb;
            vi += ci * rb;
        }
        out[0] = vr;
        out[1] = vi;
        out[2] = logScale - mu * t;
    }

    /**
     * Squarings K for a total envelope norm x = ||A|| t: minimises Taylor terms at theta = x 2^-K
     * (each a banded product, ~ (2w + 1) / d of a dense one) plus K dense squarings.
     */
    private int chooseSquarings(double x) {
        int bestK = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        int k0 = Math.max(0, Math.getExponent(x) - 10);
        for (int k = k0; k <= k0 + 40; k++) {
            double theta = Math.scalb(x, -k);
            if (theta > 500) {
                continue;
            }
            int terms = Propagator.terms(theta);
            double cost = terms * Math.min(1.0, (2.0 * w + 1) / d) + k;
            if (cost < bestCost) {
                bestCost = cost;
                bestK = k;
            }
        }
        return bestK;
    }
}
