package qar.exact;

import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The GTH elimination of {@link GthFactorization} with every number carrying its own binary
 * exponent ({@link WideNumber}), for chains whose rates span more than the doubles hold (a rate
 * of 1e-291 next to one of 1e296): GTH never subtracts, so without underflow every censored rate,
 * pivot and population keeps double-double precision, and a pivot is zero only where the graph
 * of nonzero rates has no path down. About four times slower than the plain elimination, so it
 * is used only where that one lost digits to underflow. The solves run in the same exponent
 * range and hand back double-double vectors, as the cumulant recursion needs them.
 */
final class WideGth implements Factorization {
    private final int d;
    private final int w;
    private final double[] pivotM;
    private final int[] pivotE;
    private final double[] downM;
    private final int[] downE;
    private final double[] upM;
    private final int[] upE;
    private final double[] piM;
    private final int[] piE;
    private final double[] pi;

    private WideGth(int d, int w, double[] pivotM, int[] pivotE, double[] downM, int[] downE, double[] upM,
            int[] upE) {
        this.d = d;
        this.w = w;
        this.pivotM = pivotM;
        this.pivotE = pivotE;
        this.downM = downM;
        this.downE = downE;
        this.upM = upM;
        this.upE = upE;
        this.piM = DoubleDouble.vector(d);
        this.piE = new int[d];
        stationary();
        this.pi = DoubleDouble.vector(d);
        WideNumber x = new WideNumber();
        DoubleDouble t = new DoubleDouble();
        for (int n = 0; n < d; n++) {
            x.load(piM, piE, n).toDoubleDouble(t).store(pi, n);
        }
    }

    /** @throws IllegalArgumentException if some level cannot reach the levels below it */
    static WideGth of(JumpProcess process) {
        int d = process.dimension();
        int w = Math.min(process.bandwidth(), d - 1);
        int size = Math.multiplyExact(d, w);
        double[] downM = DoubleDouble.vector(size);
        int[] downE = new int[size];
        double[] upM = DoubleDouble.vector(size);
        int[] upE = new int[size];
        WideNumber r = new WideNumber();
        for (Channel ch : process.channels()) {
            int from = ch.from();
            int to = ch.to();
            boolean down = to < from;
            int idx = down ? from * w + from - to - 1 : to * w + to - from - 1;
            r.load(down ? downM : upM, down ? downE : upE, idx).add(ch.rate(), 0, 0)
                    .store(down ? downM : upM, down ? downE : upE, idx);
        }
        double[] pivotM = DoubleDouble.vector(d);
        int[] pivotE = new int[d];
        eliminate(d, w, downM, downE, upM, upE, null, null, null, pivotM, pivotE);
        return new WideGth(d, w, pivotM, pivotE, downM, downE, upM, upE);
    }

    /**
     * {@link GthElimination#eliminate} with exponents: the same layout, each number a mantissa
     * (interleaved double-double) and an exponent; leakM, leakE and live null for no leaks.
     */
    static void eliminate(int d, int w, double[] downM, int[] downE, double[] upM, int[] upE, double[] leakM,
            int[] leakE, boolean[] live, double[] pivotM, int[] pivotE) {
        WideNumber r = new WideNumber();
        WideNumber s = new WideNumber();
        WideNumber x = new WideNumber();
        for (int n = d - 1; n >= (leakM == null ? 1 : 0); n--) {
            if (live != null && !live[n]) {
                continue;
            }
            int lo = Math.max(0, n - w);
            int row = n * w - 1;
            s.zero();
            for (int j = lo; j < n; j++) {
                s.add(downM, downE, row + n - j);
            }
            if (leakM != null) {
                s.add(leakM, leakE, n);
            }
            if (!(s.hi > 0)) {
                throw new IllegalArgumentException(leakM == null ? "level " + n
                        + " cannot reach the levels below it: the stationary state is not unique"
                        : "level " + n + " cannot leave the chain");
            }
            s.store(pivotM, pivotE, n);
            for (int k = 1; k <= n - lo; k++) {
                r.load(downM, downE, row + k).divide(s).store(downM, downE, row + k);
            }
            if (leakM != null) {
                r.load(leakM, leakE, n).divide(s).store(leakM, leakE, n);
            }
            for (int i = lo; i < n; i++) {
                int ui = row + n - i;
                if (upM[2 * ui] == 0) {
                    continue;
                }
                for (int j = lo; j < n; j++) {
                    int dj = row + n - j;
                    if (j != i && downM[2 * dj] != 0) {
                        r.load(upM, upE, ui).multiply(downM, downE, dj);
                        if (j < i) {
                            r.addTo(downM, downE, i * w + i - j - 1, x);
                        } else {
                            r.addTo(upM, upE, j * w + j - i - 1, x);
                        }
                    }
                }
                if (leakM != null && leakM[2 * n] != 0) {
                    r.load(upM, upE, ui).multiply(leakM, leakE, n).addTo(leakM, leakE, i, x);
                }
            }
        }
    }

    private void stationary() {
        WideNumber acc = new WideNumber();
        WideNumber t = new WideNumber();
        acc.set(1, 0, 0).store(piM, piE, 0);
        for (int n = 1; n < d; n++) {
            acc.zero();
            for (int k = 1; k <= Math.min(w, n); k++) {
                acc.add(t.load(piM, piE, n - k).multiply(upM, upE, n * w + k - 1));
            }
            acc.divide(pivotM, pivotE, n).store(piM, piE, n);
        }
        WideNumber total = new WideNumber().zero();
        for (int n = 0; n < d; n++) {
            total.add(piM, piE, n);
        }
        for (int n = 0; n < d; n++) {
            acc.load(piM, piE, n).divide(total).store(piM, piE, n);
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] stationaryVector() {
        return pi;
    }

    @Override
    public double[] stationaryState() {
        double[] out = new double[d];
        WideNumber x = new WideNumber();
        for (int n = 0; n < d; n++) {
            out[n] = x.load(piM, piE, n).doubleValue();
        }
        return out;
    }

    @Override
    public void solveInPlace(double[] v) {
        check(v);
        double[] yM = v.clone();
        int[] yE = new int[d];
        WideNumber t = new WideNumber();
        WideNumber x = new WideNumber();
        WideNumber acc = new WideNumber();
        for (int n = 0; n < d; n++) {
            t.load(yM, yE, n).store(yM, yE, n);
        }
        for (int n = d - 1; n >= 1; n--) {
            if (yM[2 * n] == 0) {
                continue;
            }
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.load(yM, yE, n).multiply(downM, downE, n * w + k - 1).addTo(yM, yE, n - k, x);
            }
        }
        WideNumber sum = new WideNumber().zero();
        yM[0] = 0;
        yM[1] = 0;
        yE[0] = 0;
        for (int n = 1; n < d; n++) {
            acc.load(yM, yE, n).negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                acc.add(t.load(yM, yE, n - k).multiply(upM, upE, n * w + k - 1));
            }
            acc.divide(pivotM, pivotE, n).store(yM, yE, n);
            sum.add(acc);
        }
        DoubleDouble out = new DoubleDouble();
        for (int n = 0; n < d; n++) {
            t.set(sum).multiply(piM, piE, n).negate();
            x.load(yM, yE, n).add(t).toDoubleDouble(out).store(v, n);
        }
    }

    @Override
    public void solveAdjointInPlace(double[] v) {
        check(v);
        double[] yM = v.clone();
        int[] yE = new int[d];
        WideNumber t = new WideNumber();
        WideNumber x = new WideNumber();
        WideNumber rn = new WideNumber();
        WideNumber acc = new WideNumber();
        for (int n = 0; n < d; n++) {
            t.load(yM, yE, n).store(yM, yE, n);
        }
        for (int n = d - 1; n >= 1; n--) {
            if (yM[2 * n] == 0) {
                continue;
            }
            rn.load(yM, yE, n).divide(pivotM, pivotE, n);
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.load(upM, upE, n * w + k - 1).multiply(rn).addTo(yM, yE, n - k, x);
            }
        }
        WideNumber mean = new WideNumber().zero();
        yM[0] = 0;
        yM[1] = 0;
        yE[0] = 0;
        for (int n = 1; n < d; n++) {
            acc.load(yM, yE, n).divide(pivotM, pivotE, n).negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                acc.add(t.load(downM, downE, n * w + k - 1).multiply(yM, yE, n - k));
            }
            acc.store(yM, yE, n);
            mean.add(t.set(acc).multiply(piM, piE, n));
        }
        mean.negate();
        DoubleDouble out = new DoubleDouble();
        for (int n = 0; n < d; n++) {
            x.load(yM, yE, n).add(mean).toDoubleDouble(out).store(v, n);
        }
    }

    private void check(double[] v) {
        if (DoubleDouble.length(v) != d) {
            throw new IllegalArgumentException("right-hand side has length " + DoubleDouble.length(v)
                    + ", expected " + d);
        }
    }
}
