package qar.exact;

import org.apache.commons.numbers.core.DD;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Grassmann-Taksar-Heyman elimination of a banded generator, in double-double arithmetic.
 *
 * <p>Levels are eliminated from the top down ({@link GthElimination}); each pivot is the censored chain's escape rate to
 * lower levels, a sum of positive terms, so no step subtracts. The stored censored rates give the
 * stationary state in O(d w^2) and solve {@code L x = y} on the complement of the stationary state
 * (the Drazin inverse needed for noise and higher cumulants) at the same cost. Double-double keeps
 * net currents exact to double precision even where they are a millionth of the gross flows (the
 * work reservoir's resonant flips at the defaults). Immutable.
 *
 * <p>Memory: the elimination runs in place on the band of the generator, so the factors, the
 * pivots and the stationary state are all that is kept: (4 w + 4) doubles per level (96 bytes for
 * the refrigerator's w = 2), stored as interleaved double-double vectors ({@link DoubleDouble}).
 */
public final class GthFactorization implements Factorization {
    /** Rescale a population mantissa when its binary exponent leaves +-EXP_WINDOW. */
    private static final int EXP_WINDOW = 256;
    /** Largest number of band entries (levels x bandwidth): an interleaved vector holds twice that. */
    private static final long MAX_BAND = (Integer.MAX_VALUE - 8) / 2;
    /**
     * Below this a double-double's low part is no longer a normal double: a rate, censored rate or
     * probability this small (but not zero) has lost digits, and one that underflowed to zero may
     * have cut the only path down, so {@link #ofOrNull} leaves such a chain to {@link WideGth}.
     */
    static final double TINY = 0x1p-960;

    private final int d;
    private final int w;
    /** Entry n: censored escape rate of level n to levels below it. */
    private final double[] pivot;
    /** Entry n*w + k-1: censored probability that level n goes next to n-k. */
    private final double[] down;
    /** Entry n*w + k-1: censored rate n-k -> n. */
    private final double[] up;
    private final double[] pi;

    private GthFactorization(int d, int w, double[] pivot, double[] down, double[] up) {
        this(d, w, pivot, down, up, null);
    }

    /** @param log2Pi if not null, receives log2 of every population, also those below the doubles */
    private GthFactorization(int d, int w, double[] pivot, double[] down, double[] up, double[] log2Pi) {
        this.d = d;
        this.w = w;
        this.pivot = pivot;
        this.down = down;
        this.up = up;
        this.pi = stationary(log2Pi);
    }

    /**
     * @throws IllegalArgumentException if some level cannot reach the bottom level, so the
     *                                  stationary state is not unique
     */
    public static GthFactorization of(JumpProcess process) {
        return elimination(process, false);
    }

    /**
     * As {@link #of}, or null where some nonzero rate, censored rate or probability came below
     * {@link #TINY}: then digits were lost to underflow (a zero pivot may be one of them), and the
     * elimination must carry exponents ({@link WideGth}).
     */
    static GthFactorization ofOrNull(JumpProcess process) {
        return elimination(process, true);
    }

    private static GthFactorization elimination(JumpProcess process, boolean watch) {
        int d = process.dimension();
        int w = Math.min(process.bandwidth(), d - 1);
        if ((long) d * w > MAX_BAND) {
            throw new IllegalArgumentException("a band of " + d + " levels x " + w
                    + " is too large for one array");
        }
        // the band of the generator, in place of the factors: rate n -> n-k in down[n*w + k-1],
        // rate n-k -> n in up[n*w + k-1]; the diagonal is never needed
        double[] down = DoubleDouble.vector(d * w);
        double[] up = DoubleDouble.vector(d * w);
        // the steps where digits were lost to underflow (only when watching)
        boolean[] lossAt = watch ? new boolean[d] : null;
        DoubleDouble r = new DoubleDouble();
        for (Channel ch : process.channels()) {
            int from = ch.from();
            int to = ch.to();
            double[] band = to < from ? down : up;
            int idx = to < from ? from * w + from - to - 1 : to * w + to - from - 1;
            r.load(band, idx).add(ch.rate()).store(band, idx);
            // rates as given are exact, subnormal or not: only what the elimination computes can lose digits
        }
        double[] pivot = DoubleDouble.vector(d);
        int status = GthElimination.eliminate(d, w, down, up, null, null, pivot, lossAt);
        if (status == GthElimination.CUT) {
            return null;
        }
        boolean tiny = status == GthElimination.LOSS;
        if (!tiny) {
            GthFactorization f = new GthFactorization(d, w, pivot, down, up);
            return !watch || f.finite() ? f : null;
        }
        double[] log2Pi = new double[d];
        GthFactorization f = new GthFactorization(d, w, pivot, down, up, log2Pi);
        return f.finite() && f.lossesNegligible(lossAt, log2Pi) ? f : null;
    }

    private boolean finite() {
        for (double x : pi) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the digits lost at the flagged steps cannot reach a result. A loss at step n changes
     * censored rates by at most the flow through level n, pi_n times its censored escape (what
     * enters n leaves it), and pi_n itself: negligible where pi_n is below every double (2^-1075)
     * and that flow below 2^-110 of the smallest flow through a level whose population is a normal
     * double. The refrigerator's top levels at N > 1000 are such; populations and flows that lost
     * digits elsewhere send the chain to {@link WideGth}.
     */
    private boolean lossesNegligible(boolean[] lossAt, double[] log2Pi) {
        double flowFloor = Double.POSITIVE_INFINITY;
        for (int n = 1; n < d; n++) {
            if (log2Pi[n] >= Double.MIN_EXPONENT) {
                flowFloor = Math.min(flowFloor, log2Pi[n] + log2(pivot[2 * n]));
            }
        }
        flowFloor -= 110;
        for (int n = 1; n < d; n++) {
            if (lossAt[n] && (log2Pi[n] >= Double.MIN_EXPONENT - 53 || log2Pi[n] + log2(pivot[2 * n]) >= flowFloor)) {
                return false;
            }
        }
        return true;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The normalised stationary state in double-double; entries below the double range are zero. */
    public DD[] stationaryDD() {
        return DoubleDouble.toDD(pi);
    }

    /** The stationary state as an interleaved double-double vector; shared, callers must not write. */
    @Override
    public double[] stationaryVector() {
        return pi;
    }

    /** The normalised stationary state, lowest level first; every entry >= 0. */
    @Override
    public double[] stationaryState() {
        double[] out = new double[d];
        for (int n = 0; n < d; n++) {
            out[n] = pi[2 * n] + pi[2 * n + 1];
        }
        return out;
    }

    private double[] stationary(double[] log2Pi) {
        // Back substitution with a running binary exponent per level: populations may span
        // thousands of decades, so each mantissa is kept near 1 and the scales are merged at the end.
        double[] m = DoubleDouble.vector(d);
        int[] e = new int[d];
        m[0] = 1;
        DoubleDouble acc = new DoubleDouble();
        DoubleDouble t = new DoubleDouble();
        for (int n = 1; n < d; n++) {
            int row = n * w - 1;
            // Sum in the frame of the largest contributing exponent, so every shift is <= 0.
            int ref = Integer.MIN_VALUE;
            for (int k = 1; k <= Math.min(w, n); k++) {
                int a = n - k;
                if (m[2 * a] != 0 && up[2 * (row + k)] != 0) {
                    ref = Math.max(ref, e[a]);
                }
            }
            acc.set(0);
            if (ref == Integer.MIN_VALUE) {
                ref = e[n - 1];
            } else {
                for (int k = 1; k <= Math.min(w, n); k++) {
                    int a = n - k;
                    if (m[2 * a] != 0 && up[2 * (row + k)] != 0) {
                        t.load(m, a).scalb(e[a] - ref).multiply(up, row + k);
                        acc.add(t.hi, t.lo);
                    }
                }
            }
            if (acc.hi != 0) {
                // sum and pivot as fractions with their own exponents: the quotient cannot overflow
                // (a stiff chain's pivot may be 2^-1000 next to a sum near 2^+256)
                ref += acc.frexp();
                t.load(pivot, n);
                ref -= t.frexp();
                acc.divide(t.hi, t.lo);
            }
            if (acc.hi != 0 && Math.abs(Math.getExponent(acc.hi)) > EXP_WINDOW) {
                ref += acc.frexp();
            }
            acc.store(m, n);
            e[n] = ref;
        }
        int top = Integer.MIN_VALUE;
        for (int n = 0; n < d; n++) {
            if (m[2 * n] != 0) {
                top = Math.max(top, e[n] + Math.getExponent(m[2 * n]));
            }
        }
        if (log2Pi != null) {
            for (int n = 0; n < d; n++) {
                log2Pi[n] = m[2 * n] == 0 ? Double.NEGATIVE_INFINITY : e[n] - top + log2(m[2 * n]);
            }
        }
        DoubleDouble total = new DoubleDouble().set(0);
        for (int n = 0; n < d; n++) {
            t.load(m, n).scalb(e[n] - top).store(m, n);
            total.add(t.hi, t.lo);
        }
        if (log2Pi != null) {
            for (int n = 0; n < d; n++) {
                log2Pi[n] -= log2(total.hi);
            }
        }
        for (int n = 0; n < d; n++) {
            t.load(m, n).divide(total.hi, total.lo).store(m, n);
        }
        return m;
    }

    /**
     * Solves {@code L x = y} with {@code sum(x) = 0}, where {@code L} is the generator (column
     * convention: {@code (L x)_a = sum_b rate(b -> a) x_b - escape(a) x_a}) and {@code sum(y) = 0}.
     * This is the Drazin inverse of L applied to y.
     */
    public DD[] solve(DD[] y) {
        checkLength(y.length);
        double[] v = DoubleDouble.fromDD(y);
        solveInPlace(v);
        return DoubleDouble.toDD(v);
    }

    /** {@link #solve(DD[])} on an interleaved vector, overwriting y with x. */
    @Override
    public void solveInPlace(double[] y) {
        checkLength(DoubleDouble.length(y));
        DoubleDouble t = new DoubleDouble();
        for (int n = d - 1; n >= 1; n--) {
            double rh = y[2 * n];
            double rl = y[2 * n + 1];
            if (rh == 0) {
                continue;
            }
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.set(rh, rl).multiply(down, n * w + k - 1).addTo(y, n - k);
            }
        }
        // y[n] is read once, at step n, and overwritten there by x[n]
        DoubleDouble acc = new DoubleDouble();
        DoubleDouble sum = new DoubleDouble().set(0);
        y[0] = 0;
        y[1] = 0;
        for (int n = 1; n < d; n++) {
            acc.load(y, n).negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                int a = n - k;
                if (y[2 * a] != 0) {
                    t.load(y, a).multiply(up, n * w + k - 1);
                    acc.add(t.hi, t.lo);
                }
            }
            acc.divide(pivot, n).store(y, n);
            sum.add(acc.hi, acc.lo);
        }
        for (int n = 0; n < d; n++) {
            t.set(sum.hi, sum.lo).multiply(pi, n).subtractFrom(y, n);
        }
    }

    /**
     * Solves the adjoint (backward) equation {@code (L^T x)_b = sum_a rate(b -> a) (x_a - x_b) = y_b}
     * with {@code pi . x = 0}, where {@code pi . y = 0}.
     */
    public DD[] solveAdjoint(DD[] y) {
        checkLength(y.length);
        double[] v = DoubleDouble.fromDD(y);
        solveAdjointInPlace(v);
        return DoubleDouble.toDD(v);
    }

    /** {@link #solveAdjoint(DD[])} on an interleaved vector, overwriting y with x. */
    @Override
    public void solveAdjointInPlace(double[] y) {
        checkLength(DoubleDouble.length(y));
        DoubleDouble rn = new DoubleDouble();
        DoubleDouble t = new DoubleDouble();
        for (int n = d - 1; n >= 1; n--) {
            if (y[2 * n] == 0) {
                continue;
            }
            rn.load(y, n).divide(pivot, n);
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.load(up, n * w + k - 1).multiply(rn.hi, rn.lo).addTo(y, n - k);
            }
        }
        DoubleDouble acc = new DoubleDouble();
        DoubleDouble mean = new DoubleDouble().set(0);
        y[0] = 0;
        y[1] = 0;
        for (int n = 1; n < d; n++) {
            acc.load(y, n).divide(pivot, n).negate();
            for (int k = 1; k <= Math.min(w, n); k++) {
                t.load(down, n * w + k - 1).multiply(y, n - k);
                acc.add(t.hi, t.lo);
            }
            acc.store(y, n);
            t.set(acc.hi, acc.lo).multiply(pi, n);
            mean.add(t.hi, t.lo);
        }
        for (int n = 0; n < d; n++) {
            mean.subtractFrom(y, n);
        }
    }

    private void checkLength(int length) {
        if (length != d) {
            throw new IllegalArgumentException("right-hand side has length " + length + ", expected " + d);
        }
    }
}
