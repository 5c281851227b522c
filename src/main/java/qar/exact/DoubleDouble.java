package qar.exact;

import org.apache.commons.numbers.core.DD;

/**
 * Double-double arithmetic without an object per number: a mutable register {@code (hi, lo)} and
 * vectors stored interleaved in one {@code double[]} (entry i at {@code [2i]} and {@code [2i+1]}).
 *
 * <p>Why not {@link DD}: commons-numbers offers double-double arithmetic only on immutable DD
 * objects (its two-sum and two-product kernels are package-private), and an object per level
 * (16 bytes of payload, 40 with header and reference) plus one per operation is what ran large N
 * out of memory. The kernels below are the same algorithms as DD's (Knuth's two-sum, the exact
 * product error by {@link Math#fma}, the accurate double-double sum, DD's three-step division),
 * so the results agree with DD to the last bit wherever nothing underflows.
 *
 * <p>A register is scratch space: one per loop, reused for every operation; not thread-safe.
 */
final class DoubleDouble {
    double hi;
    double lo;

    // ---------------------------------------------------------------- vectors

    /** A zero vector of n double-double entries. */
    static double[] vector(int n) {
        return new double[Math.multiplyExact(2, n)];
    }

    /** Number of entries of an interleaved vector. */
    static int length(double[] v) {
        return v.length >> 1;
    }

    static DD get(double[] v, int i) {
        return DD.ofSum(v[2 * i], v[2 * i + 1]);
    }

    static double[] fromDD(DD[] x) {
        double[] v = vector(x.length);
        for (int i = 0; i < x.length; i++) {
            v[2 * i] = x[i].hi();
            v[2 * i + 1] = x[i].lo();
        }
        return v;
    }

    static DD[] toDD(double[] v) {
        DD[] x = new DD[length(v)];
        for (int i = 0; i < x.length; i++) {
            x[i] = get(v, i);
        }
        return x;
    }

    // ---------------------------------------------------------------- register

    DoubleDouble set(double h, double l) {
        hi = h;
        lo = l;
        return this;
    }

    DoubleDouble set(double x) {
        return set(x, 0);
    }

    /** Loads entry i of an interleaved vector. */
    DoubleDouble load(double[] v, int i) {
        return set(v[2 * i], v[2 * i + 1]);
    }

    /** Stores into entry i of an interleaved vector. */
    void store(double[] v, int i) {
        v[2 * i] = hi;
        v[2 * i + 1] = lo;
    }

    /** v[i] += this; the register is unchanged. */
    void addTo(double[] v, int i) {
        int j = 2 * i;
        double s = v[j] + hi;
        double e = twoSumLow(v[j], hi, s);
        double t = v[j + 1] + lo;
        double f = twoSumLow(v[j + 1], lo, t);
        double s2 = s + (e + t);
        double e2 = fastTwoSumLow(s, e + t, s2);
        v[j] = s2 + (e2 + f);
        v[j + 1] = fastTwoSumLow(s2, e2 + f, v[j]);
    }

    /** v[i] -= this; the register is unchanged. */
    void subtractFrom(double[] v, int i) {
        negate();
        addTo(v, i);
        negate();
    }

    DoubleDouble negate() {
        hi = -hi;
        lo = -lo;
        return this;
    }

    /** this += (yh, yl), the accurate double-double sum (as {@link DD#add(DD)}). */
    DoubleDouble add(double yh, double yl) {
        double s = hi + yh;
        double e = twoSumLow(hi, yh, s);
        double t = lo + yl;
        double f = twoSumLow(lo, yl, t);
        return fastTwoSum(s, e + t).fastTwoSum(hi, lo + f);
    }

    /** this += entry i of v. */
    DoubleDouble add(double[] v, int i) {
        return add(v[2 * i], v[2 * i + 1]);
    }

    /** this += y (as {@link DD#add(double)}). */
    DoubleDouble add(double y) {
        double s = hi + y;
        double e = twoSumLow(hi, y, s);
        return fastTwoSum(s, e + lo);
    }

    /** this *= y (as {@link DD#multiply(double)}). */
    DoubleDouble multiply(double y) {
        double p = hi * y;
        double e = Math.fma(hi, y, -p);
        return fastTwoSum(p, e + lo * y);
    }

    /** this *= (yh, yl) (as {@link DD#multiply(DD)}). */
    DoubleDouble multiply(double yh, double yl) {
        double p = hi * yh;
        double e = Math.fma(hi, yh, -p);
        return fastTwoSum(p, e + (hi * yl + lo * yh));
    }

    /** this *= entry i of v. */
    DoubleDouble multiply(double[] v, int i) {
        return multiply(v[2 * i], v[2 * i + 1]);
    }

    /** this /= (yh, yl) (as {@link DD#divide(DD)}: three quotient digits from exact remainders). */
    DoubleDouble divide(double yh, double yl) {
        double xh = hi;
        double xl = lo;
        double a = xh / yh;
        set(yh, yl).multiply(a);
        accurateSum(xh, xl, -hi, -lo);
        double rh = hi;
        double rl = lo;
        double b = rh / yh;
        set(yh, yl).multiply(b).negate().add(rh, rl);
        double c = hi / yh;
        fastTwoSum(a, b);
        double s = hi;
        double t = lo + c;
        hi = s + t;
        lo = twoSumLow(s, t, hi);
        return this;
    }

    /** this /= entry i of v. */
    DoubleDouble divide(double[] v, int i) {
        return divide(v[2 * i], v[2 * i + 1]);
    }

    /** this *= 2^n, exactly unless the result leaves the normal range. */
    DoubleDouble scalb(int n) {
        hi = Math.scalb(hi, n);
        lo = Math.scalb(lo, n);
        return this;
    }

    /**
     * Scales this to a fraction f with 1/2 <= |f| < 1 and returns the exponent e, this = f 2^e
     * before the call (as {@link DD#frexp(int[])}); this must be finite and nonzero.
     */
    int frexp() {
        int e = Math.getExponent(hi) >= Double.MIN_EXPONENT ? Math.getExponent(hi) + 1
                : Math.getExponent(hi * 0x1p54) - 53;
        scalb(-e);
        if (Math.abs(hi) == 0.5 && 2 * hi * lo < 0) {
            hi *= 2;
            lo *= 2;
            e--;
        }
        return e;
    }

    double doubleValue() {
        return hi + lo;
    }

    // ---------------------------------------------------------------- kernels

    /** Sets this to a + b with |a| >= |b| or a == 0 (Dekker's fast two-sum). */
    private DoubleDouble fastTwoSum(double a, double b) {
        double s = a + b;
        hi = s;
        lo = fastTwoSumLow(a, b, s);
        return this;
    }

    /** The rounding error of s = a + b, given |a| >= |b| or a == 0. */
    private static double fastTwoSumLow(double a, double b, double s) {
        return b - (s - a);
    }

    /** The rounding error of s = a + b (Knuth's two-sum, no condition on the operands). */
    private static double twoSumLow(double a, double b, double s) {
        double bv = s - a;
        return (a - (s - bv)) + (b - bv);
    }

    /** Sets this to (xh + xl) + (yh + yl) rounded once to double-double: the sum of four doubles. */
    private void accurateSum(double xh, double xl, double yh, double yl) {
        double u = xl + yl;
        double ul = twoSumLow(xl, yl, u);
        double s = xh + u;
        double sl = twoSumLow(xh, u, s);
        double v = sl + yh;
        double vl = twoSumLow(sl, yh, v);
        double s2 = s + v;
        double s2l = twoSumLow(s, v, s2);
        fastTwoSum(s2l, vl);
        double t = hi;
        fastTwoSum(lo, ul);
        double tl = lo;
        fastTwoSum(t, hi);
        double tl2 = lo;
        fastTwoSum(s2, hi);
        fastTwoSum(hi, tl + tl2 + lo);
    }
}
