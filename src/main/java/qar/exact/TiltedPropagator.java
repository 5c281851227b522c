package qar.exact;

import java.util.Arrays;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * 1^T exp(L(s + i chi) t) rho0 for a process whose channels of one reservoir are tilted by
 * e^{(s + i chi) step}, by shifted Taylor and squaring: (L + mu I) h, mu the largest escape rate,
 * has a nonnegative envelope, so nothing cancels however stiff the rates; scale and shift are kept
 * as logarithms. Pitfall: the shift costs a relative error ~ mu t 1e-16, so envelope norms times t
 * above {@code MAX_NORM_TIME} are refused (an infinite result). Used by {@link TiltLadder}. Immutable.
 */
final class TiltedPropagator {
    /**
     * Largest envelope norm times t: the relative error of M grows like that times 1e-16, so
     * larger tilts are refused (reported as an infinite M, which the searches avoid).
     */
    private static final double MAX_NORM_TIME = 1e11;
    /** Taylor terms are added until the envelope bound theta^k / k! drops below this. */
    private static final double TAYLOR_TOL = 0x1p-56;

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
        double theta = norm * h;
        for (int i = 0; i < bre.length; i++) {
            bre[i] *= h;
            if (complex) {
                bim[i] *= h;
            }
        }
        // Taylor: S = sum_k T_k, T_k = A T_{k-1} / k, T_k has half bandwidth min(k w, d - 1)
        double[] sre = new double[Dense.length(d)];
        double[] sim = complex ? new double[Dense.length(d)] : null;
        double[] tre = new double[Dense.length(d)];
        double[] tim = complex ? new double[Dense.length(d)] : null;
        double[] ure = new double[Dense.length(d)];
        double[] uim = complex ? new double[Dense.length(d)] : null;
        for (int i = 0; i < d; i++) {
            sre[i * d + i] = 1;
            tre[i * d + i] = 1;
        }
        int band = 0;
        double bound = 1;
        for (int n = 1; bound > TAYLOR_TOL; n++) {
            int nb = Math.min(band + w, d - 1);
            Arrays.fill(ure, 0);
            if (complex) {
                Arrays.fill(uim, 0);
            }
            double inv = 1.0 / n;
            for (int i = 0; i < d; i++) {
                for (int l = Math.max(0, i - w); l <= Math.min(d - 1, i + w); l++) {
                    double ar = bre[i * width + l - i + w] * inv;
                    double ai = complex ? bim[i * width + l - i + w] * inv : 0;
                    if (ar == 0 && ai == 0) {
                        continue;
                    }
                    int jlo = Math.max(0, l - band);
                    int jhi = Math.min(d - 1, l + band);
                    int ri = i * d;
                    int rl = l * d;
                    if (complex) {
                        for (int j = jlo; j <= jhi; j++) {
                            double xr = tre[rl + j];
                            double xi = tim[rl + j];
                            ure[ri + j] += ar * xr - ai * xi;
                            uim[ri + j] += ar * xi + ai * xr;
                        }
                    } else {
                        for (int j = jlo; j <= jhi; j++) {
                            ure[ri + j] += ar * tre[rl + j];
                        }
                    }
                }
            }
            double[] sw = tre;
            tre = ure;
            ure = sw;
            if (complex) {
                sw = tim;
                tim = uim;
                uim = sw;
            }
            band = nb;
            for (int i = 0; i < d * d; i++) {
                sre[i] += tre[i];
            }
            if (complex) {
                for (int i = 0; i < d * d; i++) {
                    sim[i] += tim[i];
                }
            }
            bound *= theta / n;
            if (n > 100000) {
                throw new IllegalStateException("Taylor series did not converge");
            }
        }
        // squarings with exact power-of-two rescaling
        double logScale = 0;
        int e = rescale(sre, sim);
        logScale += e * Math.log(2);
        for (int q = 0; q < k; q++) {
            if (complex) {
                squareComplex(sre, sim, ure, uim);
                double[] sw = sre;
                sre = ure;
                ure = sw;
                sw = sim;
                sim = uim;
                uim = sw;
            } else {
                squareReal(sre, ure);
                double[] sw = sre;
                sre = ure;
                ure = sw;
            }
            logScale *= 2;
            e = rescale(sre, sim);
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
            int terms = 0;
            double bound = 1;
            while (bound > TAYLOR_TOL) {
                terms++;
                bound *= theta / terms;
            }
            double cost = terms * Math.min(1.0, (2.0 * w + 1) / d) + k;
            if (cost < bestCost) {
                bestCost = cost;
                bestK = k;
            }
        }
        return bestK;
    }

    /** Divides by the power of two nearest the largest modulus; returns that exponent. */
    private static int rescale(double[] re, double[] im) {
        double m = 0;
        for (int i = 0; i < re.length; i++) {
            m = Math.max(m, Math.abs(re[i]));
            if (im != null) {
                m = Math.max(m, Math.abs(im[i]));
            }
        }
        if (m == 0 || !Double.isFinite(m)) {
            return 0;
        }
        int e = Math.getExponent(m);
        for (int i = 0; i < re.length; i++) {
            re[i] = Math.scalb(re[i], -e);
            if (im != null) {
                im[i] = Math.scalb(im[i], -e);
            }
        }
        return e;
    }

    private void squareReal(double[] a, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int l = 0; l < d; l++) {
                double x = a[ri + l];
                if (x == 0) {
                    continue;
                }
                int rl = l * d;
                for (int j = 0; j < d; j++) {
                    out[ri + j] += x * a[rl + j];
                }
            }
        }
    }

    private void squareComplex(double[] ar, double[] ai, double[] or, double[] oi) {
        Arrays.fill(or, 0);
        Arrays.fill(oi, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int l = 0; l < d; l++) {
                double xr = ar[ri + l];
                double xi = ai[ri + l];
                if (xr == 0 && xi == 0) {
                    continue;
                }
                int rl = l * d;
                for (int j = 0; j < d; j++) {
                    double yr = ar[rl + j];
                    double yi = ai[rl + j];
                    or[ri + j] += xr * yr - xi * yi;
                    oi[ri + j] += xr * yi + xi * yr;
                }
            }
        }
    }
}
