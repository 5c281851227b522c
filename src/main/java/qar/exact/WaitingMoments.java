package qar.exact;

/**
 * Mean and second moment of a waiting time: x1 = (-R0)^-1 p0 and x2 = (-R0)^-1 x1, R0 the
 * generator without the watched jumps, by the package's GTH elimination with leaks
 * ({@link GthElimination}: pivots are censored rates down plus censored watched leak, nothing is
 * subtracted) on the band, in double-double; {@link WideGth#eliminate} where that one lost digits
 * to underflow. Used by {@link WaitingTimes}.
 */
final class WaitingMoments {
    private WaitingMoments() {
    }

    /**
     * x1 and x2 on the rates times a power of two s that brings the largest to about 1 (exact; x1
     * and x2 scale back by s and s^2), so rates of any overall scale keep their digits. A nonzero
     * rate, censored rate or probability that comes out below {@link GthFactorization#TINY} has
     * lost digits to underflow (and one lost entirely may have been the only way out): such a chain
     * is eliminated again with exponents.
     *
     * @param w the half bandwidth: every channel joins levels at most w apart
     * @param live the levels the start reaches; the others have no rates and stay 0
     */
    static double[][] moments(int d, int w, int[] from, int[] to, double[] rate, double[] leak0, boolean[] live,
            double[] p0) {
        double largest = 0;
        for (int k = 0; k < from.length; k++) {
            largest = live[from[k]] ? Math.max(largest, rate[k]) : largest;
        }
        for (int a = 0; a < d; a++) {
            largest = live[a] ? Math.max(largest, leak0[a]) : largest;
        }
        int e = Math.getExponent(largest);
        double scale = Math.scalb(1.0, -e);
        double[] down = DoubleDouble.vector(d * w);
        double[] up = DoubleDouble.vector(d * w);
        double[] leak = DoubleDouble.vector(d);
        boolean tiny = false;
        DoubleDouble r = new DoubleDouble();
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]] && rate[k] != 0) {
                int idx = index(from[k], to[k], w);
                double[] band = to[k] < from[k] ? down : up;
                r.load(band, idx).add(rate[k] * scale).store(band, idx);
                tiny |= rate[k] * scale < GthFactorization.TINY;
            }
        }
        for (int a = 0; a < d; a++) {
            if (live[a]) {
                leak[2 * a] = leak0[a] * scale;
                tiny |= leak0[a] > 0 && leak[2 * a] < GthFactorization.TINY;
            }
        }
        double[] pivot = DoubleDouble.vector(d);
        if (tiny || GthElimination.eliminate(d, w, down, up, leak, live, pivot, new boolean[d])
                != GthElimination.CLEAN) {
            return wideMoments(d, w, from, to, rate, leak0, live, p0);
        }
        double[] x1 = DoubleDouble.vector(d);
        for (int a = 0; a < d; a++) {
            x1[2 * a] = p0[a];
        }
        solve(d, w, down, up, pivot, live, x1);
        double[] x2 = x1.clone();
        solve(d, w, down, up, pivot, live, x2);
        double[][] out = new double[2][d];
        for (int a = 0; a < d; a++) {
            out[0][a] = Math.scalb(x1[2 * a] + x1[2 * a + 1], -e);
            out[1][a] = Math.scalb(x2[2 * a] + x2[2 * a + 1], -2 * e);
        }
        return out;
    }

    /** The band index of the rate from -> to: down[from*w + k-1] or up[to*w + k-1], k = |from - to|. */
    private static int index(int from, int to, int w) {
        return to < from ? from * w + from - to - 1 : to * w + to - from - 1;
    }

    /** Overwrites b (interleaved double-double) with (-R0)^-1 b from the eliminated band. */
    private static void solve(int d, int w, double[] down, double[] up, double[] pivot, boolean[] live, double[] b) {
        DoubleDouble t = new DoubleDouble();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || b[2 * n] == 0) {
                continue;
            }
            double rh = b[2 * n];
            double rl = b[2 * n + 1];
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.set(rh, rl).multiply(down, n * w + k - 1).addTo(b, n - k);
            }
        }
        // b[n] is read once, at step n, and overwritten there by x[n]
        DoubleDouble acc = new DoubleDouble();
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                b[2 * n] = 0;
                b[2 * n + 1] = 0;
                continue;
            }
            acc.load(b, n);
            for (int k = 1; k <= Math.min(w, n); k++) {
                if (b[2 * (n - k)] != 0) {
                    t.load(b, n - k).multiply(up, n * w + k - 1);
                    acc.add(t.hi, t.lo);
                }
            }
            acc.divide(pivot, n).store(b, n);
        }
    }

    /** {@link #moments} with every number carrying its own exponent ({@link WideNumber}). */
    static double[][] wideMoments(int d, int w, int[] from, int[] to, double[] rate, double[] leak0,
            boolean[] live, double[] p0) {
        double[] downM = DoubleDouble.vector(d * w);
        int[] downE = new int[d * w];
        double[] upM = DoubleDouble.vector(d * w);
        int[] upE = new int[d * w];
        double[] leakM = DoubleDouble.vector(d);
        int[] leakE = new int[d];
        WideNumber r = new WideNumber();
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]] && rate[k] != 0) {
                int idx = index(from[k], to[k], w);
                double[] m = to[k] < from[k] ? downM : upM;
                int[] ex = to[k] < from[k] ? downE : upE;
                r.load(m, ex, idx).add(rate[k], 0, 0).store(m, ex, idx);
            }
        }
        for (int a = 0; a < d; a++) {
            if (live[a]) {
                r.set(leak0[a], 0, 0).store(leakM, leakE, a);
            }
        }
        double[] pivotM = DoubleDouble.vector(d);
        int[] pivotE = new int[d];
        WideGth.eliminate(d, w, downM, downE, upM, upE, leakM, leakE, live, pivotM, pivotE);
        double[] xM = DoubleDouble.vector(d);
        int[] xE = new int[d];
        for (int a = 0; a < d; a++) {
            r.set(p0[a], 0, 0).store(xM, xE, a);
        }
        double[][] out = new double[2][d];
        for (int m = 0; m < 2; m++) {
            wideSolve(d, w, downM, downE, upM, upE, pivotM, pivotE, live, xM, xE);
            for (int a = 0; a < d; a++) {
                out[m][a] = r.load(xM, xE, a).doubleValue();
            }
        }
        return out;
    }

    /** {@link #solve} with exponents, overwriting (bM, bE). */
    private static void wideSolve(int d, int w, double[] downM, int[] downE, double[] upM, int[] upE,
            double[] pivotM, int[] pivotE, boolean[] live, double[] bM, int[] bE) {
        WideNumber t = new WideNumber();
        WideNumber x = new WideNumber();
        WideNumber acc = new WideNumber();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || bM[2 * n] == 0) {
                continue;
            }
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.load(bM, bE, n).multiply(downM, downE, n * w + k - 1).addTo(bM, bE, n - k, x);
            }
        }
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                t.zero().store(bM, bE, n);
                continue;
            }
            acc.load(bM, bE, n);
            for (int k = 1; k <= Math.min(w, n); k++) {
                if (bM[2 * (n - k)] != 0) {
                    acc.add(t.load(bM, bE, n - k).multiply(upM, upE, n * w + k - 1));
                }
            }
            acc.divide(pivotM, pivotE, n).store(bM, bE, n);
        }
    }
}
