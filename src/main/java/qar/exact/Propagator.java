package qar.exact;

import java.util.Arrays;

/**
 * The one matrix exponential of the package: exp(A t) as e^{-mu t} exp((A + mu I) t), mu the
 * largest escape rate, so the shifted matrix T = A + mu I has a nonnegative envelope and its Taylor
 * series has no cancellation however stiff the rates; t = 2^k h by squaring. One error control:
 * Taylor terms are added while the envelope bound theta^n / n! (theta = ||T|| h) is above
 * {@link #TAYLOR_TOL} ({@link #terms}). An instance is T as a sparse list of entries, real or
 * complex; its product with a vector or a row-major matrix is the only generator product of
 * {@link LeakPropagator} (waiting times), {@link FiniteTimeCumulants} and {@link TiltedPropagator}
 * (P(n, t)). The squarings are the dense products below; each user keeps its own pinning of the
 * column sums, since what they are pinned to differs. Immutable.
 */
final class Propagator {
    /** Taylor terms are added until the envelope bound theta^n / n! drops to or below this. */
    static final double TAYLOR_TOL = 0x1p-56;

    private final int[] row;
    private final int[] col;
    private final double[] re;
    private final double[] im;

    private Propagator(int[] row, int[] col, double[] re, double[] im) {
        this.row = row;
        this.col = col;
        this.re = re;
        this.im = im;
    }

    /**
     * T with entries (row[q], col[q], re[q] + i im[q]), applied in the order given (the order of the
     * additions); {@code im} null for a real T.
     */
    static Propagator of(int[] row, int[] col, double[] re, double[] im) {
        if (row.length != col.length || row.length != re.length || im != null && im.length != re.length) {
            throw new IllegalArgumentException("entry arrays differ in length");
        }
        return new Propagator(row, col, re, im);
    }

    /**
     * The number of Taylor terms for envelope norm theta: the smallest n with theta^n / n! at or
     * below {@link #TAYLOR_TOL} (16 at theta = 1/2).
     */
    static int terms(double theta) {
        int n = 0;
        double bound = 1;
        while (bound > TAYLOR_TOL) {
            n++;
            bound *= theta / n;
            if (n > 100000) {
                throw new IllegalStateException("Taylor series did not converge at theta = " + theta);
            }
        }
        return n;
    }

    /** y += f T x, x and y with rows of {@code width} entries (width 1: vectors), real. */
    void addTimes(double[] x, double[] y, double f, int width) {
        addTimes(x, null, y, null, f, width, -1);
    }

    /**
     * y += f T x for d x d row-major x and y (width d) or vectors (width 1); row l of x nonzero only
     * in columns l - band .. l + band ({@code band} < 0: everywhere). {@code xi}, {@code yi} null for
     * real arithmetic (then T's imaginary part is ignored).
     */
    void addTimes(double[] xr, double[] xi, double[] yr, double[] yi, double f, int width, int band) {
        boolean complex = xi != null && im != null;
        for (int q = 0; q < re.length; q++) {
            double ar = f * re[q];
            double ai = complex ? f * im[q] : 0;
            if (ar == 0 && ai == 0) {
                continue;
            }
            int l = col[q];
            int jlo = band < 0 ? 0 : Math.max(0, l - band);
            int jhi = band < 0 ? width - 1 : Math.min(width - 1, l + band);
            int src = l * width;
            int dst = row[q] * width;
            if (complex) {
                for (int j = jlo; j <= jhi; j++) {
                    double xre = xr[src + j];
                    double xim = xi[src + j];
                    yr[dst + j] += ar * xre - ai * xim;
                    yi[dst + j] += ar * xim + ai * xre;
                }
            } else {
                for (int j = jlo; j <= jhi; j++) {
                    yr[dst + j] += ar * xr[src + j];
                }
            }
        }
    }

    /** c += a b, all d x d row-major, real. */
    static void multiplyAdd(double[] a, double[] b, double[] c, int d) {
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int k = 0; k < d; k++) {
                double aik = a[ri + k];
                if (aik == 0) {
                    continue;
                }
                int rk = k * d;
                for (int j = 0; j < d; j++) {
                    c[ri + j] += aik * b[rk + j];
                }
            }
        }
    }

    /** out = a^2, d x d row-major; {@code ai}, {@code oi} null for a real a. */
    static void square(double[] ar, double[] ai, double[] or, double[] oi, int d) {
        Arrays.fill(or, 0);
        if (ai == null) {
            multiplyAdd(ar, ar, or, d);
            return;
        }
        // row i of the product in two local accumulators (no aliasing, so the loop vectorises), two
        // terms l per pass: the same products summed in the same order over l as a plain triple loop
        double[] accR = new double[d];
        double[] accI = new double[d];
        int[] nz = new int[d];
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            Arrays.fill(accR, 0);
            Arrays.fill(accI, 0);
            int count = 0;
            for (int l = 0; l < d; l++) {
                if (ar[ri + l] != 0 || ai[ri + l] != 0) {
                    nz[count++] = l;
                }
            }
            int q = 0;
            for (; q + 1 < count; q += 2) {
                int l1 = nz[q];
                int l2 = nz[q + 1];
                double xr1 = ar[ri + l1];
                double xi1 = ai[ri + l1];
                double xr2 = ar[ri + l2];
                double xi2 = ai[ri + l2];
                int r1 = l1 * d;
                int r2 = l2 * d;
                for (int j = 0; j < d; j++) {
                    double yr1 = ar[r1 + j];
                    double yi1 = ai[r1 + j];
                    double yr2 = ar[r2 + j];
                    double yi2 = ai[r2 + j];
                    accR[j] = accR[j] + (xr1 * yr1 - xi1 * yi1) + (xr2 * yr2 - xi2 * yi2);
                    accI[j] = accI[j] + (xr1 * yi1 + xi1 * yr1) + (xr2 * yi2 + xi2 * yr2);
                }
            }
            if (q < count) {
                int l = nz[q];
                double xr = ar[ri + l];
                double xi = ai[ri + l];
                int rl = l * d;
                for (int j = 0; j < d; j++) {
                    double yr = ar[rl + j];
                    double yi = ai[rl + j];
                    accR[j] += xr * yr - xi * yi;
                    accI[j] += xr * yi + xi * yr;
                }
            }
            System.arraycopy(accR, 0, or, ri, d);
            System.arraycopy(accI, 0, oi, ri, d);
        }
    }

    /**
     * exp(T) = sum_n T^n / n! of a d x d T of half bandwidth w (the step h already in T), with
     * {@link #terms}(theta) terms, theta >= ||T||; T^n has half bandwidth min(n w, d - 1), so each
     * term is a banded product. Returns (re, im); im null where T is real or {@code complex} is false.
     */
    double[][] taylor(int d, int w, double theta, boolean complex) {
        boolean cx = complex && im != null;
        double[] sre = new double[Dense.length(d)];
        double[] sim = cx ? new double[Dense.length(d)] : null;
        double[] tre = new double[Dense.length(d)];
        double[] tim = cx ? new double[Dense.length(d)] : null;
        double[] ure = new double[Dense.length(d)];
        double[] uim = cx ? new double[Dense.length(d)] : null;
        for (int i = 0; i < d; i++) {
            sre[i * d + i] = 1;
            tre[i * d + i] = 1;
        }
        int band = 0;
        int count = terms(theta);
        for (int n = 1; n <= count; n++) {
            Arrays.fill(ure, 0);
            if (cx) {
                Arrays.fill(uim, 0);
            }
            addTimes(tre, tim, ure, uim, 1.0 / n, d, band);
            double[] sw = tre;
            tre = ure;
            ure = sw;
            if (cx) {
                sw = tim;
                tim = uim;
                uim = sw;
            }
            band = Math.min(band + w, d - 1);
            for (int i = 0; i < d * d; i++) {
                sre[i] += tre[i];
            }
            if (cx) {
                for (int i = 0; i < d * d; i++) {
                    sim[i] += tim[i];
                }
            }
        }
        return new double[][] {sre, sim};
    }

    /** Divides by the power of two of the largest modulus; returns that exponent. */
    static int rescale(double[] re, double[] im) {
        double m = Math.max(largest(re), im == null ? 0 : largest(im));
        if (m == 0 || !Double.isFinite(m)) {
            return 0;
        }
        int e = Math.getExponent(m);
        if (Math.abs(e) < 512) {
            // Math.scalb by less than 2^512 is this one product (its own implementation): identical
            double f = Double.longBitsToDouble((long) (Double.MAX_EXPONENT - e) << 52);
            for (int i = 0; i < re.length; i++) {
                re[i] *= f;
            }
            if (im != null) {
                for (int i = 0; i < im.length; i++) {
                    im[i] *= f;
                }
            }
            return e;
        }
        for (int i = 0; i < re.length; i++) {
            re[i] = Math.scalb(re[i], -e);
            if (im != null) {
                im[i] = Math.scalb(im[i], -e);
            }
        }
        return e;
    }

    /** The largest |x_i|; NaN if any x_i is NaN. */
    private static double largest(double[] x) {
        double m = 0;
        boolean nan = false;
        for (double v : x) {
            double a = Math.abs(v);
            if (a > m) {
                m = a;
            } else if (a != a) {
                nan = true;
            }
        }
        return nan ? Double.NaN : m;
    }
}
