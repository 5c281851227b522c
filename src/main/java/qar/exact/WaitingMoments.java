package qar.exact;

/**
 * Mean and second moment of a waiting time: x1 = (-R0)^-1 p0 and x2 = (-R0)^-1 x1, R0 the
 * generator without the watched jumps, by a subtraction-free GTH elimination (pivots: censored
 * off-diagonal rates plus censored watched leak). Used by {@link WaitingTimes}.
 */
final class WaitingMoments {
    private WaitingMoments() {
    }

    /**
     * x1 = (-R0)^-1 p0 and x2 = (-R0)^-1 x1 by GTH elimination from the top level down, on the rates
     * times a power of two s that brings the largest to about 1 (exact; x1 and x2 scale back by s and
     * s^2), so rates of any overall scale keep their digits. A nonzero censored rate or probability
     * that comes out below 2^-960 has lost digits to underflow (and one lost entirely may have been
     * the only way out): such a chain is eliminated again with exponents ({@link #wideMoments}).
     */
    static double[][] moments(int d, int[] from, int[] to, double[] rate, double[] leak0, boolean[] live,
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
        double[] g = new double[Dense.length(d)];
        boolean tiny = false;
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]]) {
                g[to[k] * d + from[k]] += rate[k] * scale;
                tiny |= rate[k] * scale < GthFactorization.TINY;
            }
        }
        double[] leak = new double[d];
        for (int a = 0; a < d; a++) {
            leak[a] = leak0[a] * scale;
            tiny |= leak0[a] > 0 && leak[a] < GthFactorization.TINY;
        }
        double[] pivot = new double[d];
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n]) {
                continue;
            }
            double s = leak[n];
            for (int i = 0; i < n; i++) {
                s += g[i * d + n];
            }
            pivot[n] = s;
            for (int j = 0; j < n; j++) {
                double gnj = g[n * d + j];
                if (gnj == 0) {
                    continue;
                }
                double f = gnj / s;
                tiny |= f < GthFactorization.TINY;
                for (int i = 0; i < n; i++) {
                    if (i != j) {
                        double gin = g[i * d + n];
                        double add = gin * f;
                        tiny |= gin != 0 && add < GthFactorization.TINY;
                        g[i * d + j] += add;
                    }
                }
                double add = leak[n] * f;
                tiny |= leak[n] != 0 && add < GthFactorization.TINY;
                leak[j] += add;
            }
        }
        if (tiny) {
            return wideMoments(d, from, to, rate, leak0, live, p0);
        }
        double[] x1 = gthSolve(d, g, pivot, live, p0);
        double[] x2 = gthSolve(d, g, pivot, live, x1);
        for (int a = 0; a < d; a++) {
            x1[a] = Math.scalb(x1[a], -e);
            x2[a] = Math.scalb(x2[a], -2 * e);
        }
        return new double[][] {x1, x2};
    }

    /**
     * {@link #moments} with every number carrying its own exponent ({@link WideNumber}), for chains
     * whose censored rates underflow the doubles: nothing is subtracted, so nothing is lost.
     */
    private static double[][] wideMoments(int d, int[] from, int[] to, double[] rate, double[] leak0,
            boolean[] live, double[] p0) {
        double[] gM = DoubleDouble.vector(Dense.length(d));
        int[] gE = new int[Dense.length(d)];
        double[] leakM = DoubleDouble.vector(d);
        int[] leakE = new int[d];
        WideNumber r = new WideNumber();
        WideNumber x = new WideNumber();
        WideNumber f = new WideNumber();
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]]) {
                r.load(gM, gE, to[k] * d + from[k]).add(rate[k], 0, 0).store(gM, gE, to[k] * d + from[k]);
            }
        }
        for (int a = 0; a < d; a++) {
            r.set(leak0[a], 0, 0).store(leakM, leakE, a);
        }
        double[] pivotM = DoubleDouble.vector(d);
        int[] pivotE = new int[d];
        WideNumber s = new WideNumber();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n]) {
                continue;
            }
            s.load(leakM, leakE, n);
            for (int i = 0; i < n; i++) {
                s.add(gM, gE, i * d + n);
            }
            s.store(pivotM, pivotE, n);
            for (int j = 0; j < n; j++) {
                if (gM[2 * (n * d + j)] == 0) {
                    continue;
                }
                f.load(gM, gE, n * d + j).divide(s);
                for (int i = 0; i < n; i++) {
                    if (i != j && gM[2 * (i * d + n)] != 0) {
                        r.load(gM, gE, i * d + n).multiply(f).addTo(gM, gE, i * d + j, x);
                    }
                }
                if (leakM[2 * n] != 0) {
                    r.load(leakM, leakE, n).multiply(f).addTo(leakM, leakE, j, x);
                }
            }
        }
        double[] x1 = wideSolve(d, gM, gE, pivotM, pivotE, live, p0);
        return new double[][] {x1, wideSolve(d, gM, gE, pivotM, pivotE, live, x1)};
    }

    private static double[] wideSolve(int d, double[] gM, int[] gE, double[] pivotM, int[] pivotE, boolean[] live,
            double[] rhs) {
        double[] bM = DoubleDouble.vector(d);
        int[] bE = new int[d];
        WideNumber t = new WideNumber();
        WideNumber f = new WideNumber();
        WideNumber x = new WideNumber();
        for (int a = 0; a < d; a++) {
            t.set(rhs[a], 0, 0).store(bM, bE, a);
        }
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || bM[2 * n] == 0) {
                continue;
            }
            f.load(bM, bE, n).divide(pivotM, pivotE, n);
            for (int i = 0; i < n; i++) {
                if (gM[2 * (i * d + n)] != 0) {
                    t.load(gM, gE, i * d + n).multiply(f).addTo(bM, bE, i, x);
                }
            }
        }
        double[] xM = DoubleDouble.vector(d);
        int[] xE = new int[d];
        double[] out = new double[d];
        WideNumber acc = new WideNumber();
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                continue;
            }
            acc.load(bM, bE, n);
            for (int j = 0; j < n; j++) {
                if (gM[2 * (n * d + j)] != 0 && xM[2 * j] != 0) {
                    acc.add(t.load(gM, gE, n * d + j).multiply(xM, xE, j));
                }
            }
            acc.divide(pivotM, pivotE, n).store(xM, xE, n);
            out[n] = acc.doubleValue();
        }
        return out;
    }

    private static double[] gthSolve(int d, double[] g, double[] pivot, boolean[] live, double[] rhs) {
        double[] b = rhs.clone();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || b[n] == 0) {
                continue;
            }
            double f = b[n] / pivot[n];
            for (int i = 0; i < n; i++) {
                b[i] += g[i * d + n] * f;
            }
        }
        double[] x = new double[d];
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                continue;
            }
            double acc = b[n];
            for (int j = 0; j < n; j++) {
                acc += g[n * d + j] * x[j];
            }
            x[n] = acc / pivot[n];
        }
        return x;
    }
}
