package qar.exact;

import java.util.ArrayList;
import java.util.List;

/**
 * exp(R0 tau) p0 and the CDF deficit delta(tau) . p0 for {@link WaitingTimes}: E_j = exp(R0 h 2^j)
 * from the Taylor series of the nonnegative (R0 + mu I) h ({@link Propagator}'s product and
 * truncation rule) and squaring, each E_j's column sums
 * pinned to 1 - delta_j (see {@link WaitingTimes} for why). Powers are built on demand and kept;
 * thread-safe.
 */
final class LeakPropagator {
    private static final double THETA = 0.5;

    private final int d;
    /** Taylor terms for the envelope norm mu h <= THETA of R0 h (the leaks only lower it). */
    private final int terms;
    /** R0 + mu I: the diagonal first, then the unwatched channels. */
    private final Propagator shifted;
    private final double[] leak;
    private final double[] start;
    private final double mu;
    private final double h;
    private final List<double[]> powers = new ArrayList<>();
    private final List<double[]> deficits = new ArrayList<>();

    LeakPropagator(int d, int[] from, int[] to, double[] rate, double[] diag, double[] leak, double[] start,
            double mu) {
        this.d = d;
        int c = from.length;
        int[] row = new int[d + c];
        int[] col = new int[d + c];
        double[] val = new double[d + c];
        for (int i = 0; i < d; i++) {
            row[i] = i;
            col[i] = i;
            val[i] = diag[i];
        }
        System.arraycopy(to, 0, row, d, c);
        System.arraycopy(from, 0, col, d, c);
        System.arraycopy(rate, 0, val, d, c);
        this.shifted = Propagator.of(row, col, val, null);
        this.leak = leak;
        this.start = start;
        this.mu = mu;
        this.h = Math.scalb(1.0, Math.getExponent(THETA / mu));
        this.terms = Propagator.terms(mu * h);
        firstPower();
    }

    /** The step h of E_0, a power of two near THETA / mu. */
    double h() {
        return h;
    }

    /** exp(R0 tau) p0; cdf[0] receives delta(tau) . p0. */
    double[] propagate(double tau, double[] cdf) {
        if (!(tau >= 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and >= 0, got " + tau);
        }
        double steps = Math.floor(tau / h);
        double r = Math.max(0, tau - steps * h);
        // exp(R0 r) p0 and its deficit by the shifted series; r < h so mu r <= THETA
        double a = mu * r;
        double[] v = new double[d];
        double c = series(start, r, phiCoefficients(a), v);
        double e = Math.exp(-a);
        for (int i = 0; i < d; i++) {
            v[i] *= e;
        }
        c *= r;
        int top = steps == 0 ? -1 : Math.getExponent(steps);
        double[] w = new double[d];
        for (int j = top; j >= 0; j--) {
            double p = Math.scalb(1.0, j);
            if (steps >= p) {
                steps -= p;
                c += dot(deficit(j), v);
                double[] m = power(j);
                java.util.Arrays.fill(w, 0);
                for (int i = 0; i < d; i++) {
                    double acc = 0;
                    for (int k = 0; k < d; k++) {
                        acc += m[i * d + k] * v[k];
                    }
                    w[i] = acc;
                }
                double[] t = v;
                v = w;
                w = t;
            }
        }
        cdf[0] = c;
        return v;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /**
     * c_k = int_0^1 e^{-a s} s^k / k! ds = e^{-a} sum_j a^j / (j + k + 1)!, all terms positive.
     */
    private double[] phiCoefficients(double a) {
        double[] c = new double[terms + 1];
        for (int k = 0; k <= terms; k++) {
            double term = 1 / factorial(k + 1);
            double s = term;
            for (int j = 1; j < 40 && term > 1e-18 * s; j++) {
                term *= a / (j + k + 1);
                s += term;
            }
            c[k] = Math.exp(-a) * s;
        }
        return c;
    }

    synchronized double[] power(int j) {
        while (powers.size() <= j) {
            int last = powers.size() - 1;
            double[] e = powers.get(last);
            double[] e2 = new double[Dense.length(d)];
            Propagator.multiplyAdd(e, e, e2, d);
            double[] del = deficits.get(last);
            double[] del2 = del.clone();
            for (int k = 0; k < d; k++) {
                double acc = 0;
                for (int i = 0; i < d; i++) {
                    acc += del[i] * e[i * d + k];
                }
                del2[k] += acc;
            }
            pin(e2, del2);
            powers.add(e2);
            deficits.add(del2);
        }
        return powers.get(j);
    }

    private synchronized double[] deficit(int j) {
        power(j);
        return deficits.get(j);
    }

    /**
     * The shifted Taylor series of exp((R0 + mu) r) x into {@code v} (not yet times e^{-mu r}),
     * returning the series of its deficit l^T phi_1 x with the given coefficients.
     */
    private double series(double[] x, double r, double[] coef, double[] v) {
        double[] term = x.clone();
        double[] next = new double[d];
        System.arraycopy(x, 0, v, 0, d);
        double c = coef[0] * dot(leak, term);
        for (int k = 1; k <= terms; k++) {
            java.util.Arrays.fill(next, 0);
            shifted.addTimes(term, next, r / k, 1);
            double[] t = term;
            term = next;
            next = t;
            for (int i = 0; i < d; i++) {
                v[i] += term[i];
            }
            c += coef[k] * factorial(k) * dot(leak, term);
        }
        return c;
    }

    /** E_0 = exp(R0 h) and delta_0 = h l^T phi_1(R0 h), column by column. */
    private void firstPower() {
        double a = mu * h;
        double[] coef = phiCoefficients(a);
        double e = Math.exp(-a);
        double[] m = new double[Dense.length(d)];
        double[] del = new double[d];
        double[] unit = new double[d];
        double[] v = new double[d];
        for (int col = 0; col < d; col++) {
            java.util.Arrays.fill(unit, 0);
            unit[col] = 1;
            double c = series(unit, h, coef, v);
            for (int i = 0; i < d; i++) {
                m[i * d + col] = e * v[i];
            }
            del[col] = h * c;
        }
        pin(m, del);
        powers.add(m);
        deficits.add(del);
    }

    /** Rescales column k to sum 1 - delta_k where that difference is free of cancellation. */
    private void pin(double[] m, double[] del) {
        for (int k = 0; k < d; k++) {
            if (!(del[k] <= 0.5)) {
                continue;
            }
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += m[i * d + k];
            }
            if (s > 0) {
                double f = (1 - del[k]) / s;
                for (int i = 0; i < d; i++) {
                    m[i * d + k] *= f;
                }
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }
}
