package qar.exact;

/**
 * A double-double register with its own binary exponent, {@code (hi + lo) 2^e}, for chains whose
 * rates span more than the doubles hold: products and quotients of GTH never underflow or
 * overflow, and a sum loses only what lies below double-double precision of its larger term.
 * Vectors are an interleaved double-double mantissa array and an int exponent array. Scratch
 * space, not thread-safe.
 */
final class WideNumber {
    /** Alignment shifts beyond this are below double-double precision of the larger term. */
    private static final int NEGLIGIBLE_SHIFT = 1100;

    double hi;
    double lo;
    int e;
    private final DoubleDouble t = new DoubleDouble();

    WideNumber zero() {
        hi = 0;
        lo = 0;
        e = 0;
        return this;
    }

    WideNumber set(double h, double l, int exp) {
        hi = h;
        lo = l;
        e = exp;
        return normalize();
    }

    WideNumber set(WideNumber x) {
        return set(x.hi, x.lo, x.e);
    }

    WideNumber load(double[] m, int[] ex, int i) {
        return set(m[2 * i], m[2 * i + 1], ex[i]);
    }

    void store(double[] m, int[] ex, int i) {
        m[2 * i] = hi;
        m[2 * i + 1] = lo;
        ex[i] = e;
    }

    boolean isZero() {
        return hi == 0;
    }

    WideNumber negate() {
        hi = -hi;
        lo = -lo;
        return this;
    }

    WideNumber multiply(double yh, double yl, int ye) {
        if (hi == 0 || yh == 0) {
            return zero();
        }
        t.set(hi, lo).multiply(yh, yl);
        return set(t.hi, t.lo, e + ye);
    }

    WideNumber multiply(WideNumber y) {
        return multiply(y.hi, y.lo, y.e);
    }

    WideNumber multiply(double[] m, int[] ex, int i) {
        return multiply(m[2 * i], m[2 * i + 1], ex[i]);
    }

    WideNumber divide(double yh, double yl, int ye) {
        if (yh == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (hi == 0) {
            return this;
        }
        t.set(hi, lo).divide(yh, yl);
        return set(t.hi, t.lo, e - ye);
    }

    WideNumber divide(WideNumber y) {
        return divide(y.hi, y.lo, y.e);
    }

    WideNumber divide(double[] m, int[] ex, int i) {
        return divide(m[2 * i], m[2 * i + 1], ex[i]);
    }

    WideNumber add(double yh, double yl, int ye) {
        if (yh == 0) {
            return this;
        }
        if (hi == 0) {
            return set(yh, yl, ye);
        }
        if (e >= ye) {
            int s = ye - e;
            if (s < -NEGLIGIBLE_SHIFT) {
                return this;
            }
            t.set(hi, lo).add(Math.scalb(yh, s), Math.scalb(yl, s));
            return set(t.hi, t.lo, e);
        }
        int s = e - ye;
        if (s < -NEGLIGIBLE_SHIFT) {
            return set(yh, yl, ye);
        }
        t.set(yh, yl).add(Math.scalb(hi, s), Math.scalb(lo, s));
        return set(t.hi, t.lo, ye);
    }

    WideNumber add(WideNumber y) {
        return add(y.hi, y.lo, y.e);
    }

    WideNumber add(double[] m, int[] ex, int i) {
        return add(m[2 * i], m[2 * i + 1], ex[i]);
    }

    /** m[i] += this; the register is unchanged. */
    void addTo(double[] m, int[] ex, int i, WideNumber scratch) {
        scratch.load(m, ex, i).add(this).store(m, ex, i);
    }

    /** The value as a double-double (hi, lo) into out; 0 or infinite outside the double range. */
    DoubleDouble toDoubleDouble(DoubleDouble out) {
        double h = Math.scalb(hi, e);
        return out.set(h, Double.isFinite(h) ? Math.scalb(lo, e) : 0);
    }

    double doubleValue() {
        return Math.scalb(hi + lo, e);
    }

    /** Keeps the mantissa's leading part in [1, 2) so no operation on it leaves the normal range. */
    private WideNumber normalize() {
        if (hi == 0) {
            lo = 0;
            e = 0;
            return this;
        }
        if (Math.abs(hi) < Double.MIN_NORMAL) {
            hi *= 0x1p54;
            lo *= 0x1p54;
            e -= 54;
        }
        int k = Math.getExponent(hi);
        if (k != 0) {
            hi = Math.scalb(hi, -k);
            lo = Math.scalb(lo, -k);
            e += k;
        }
        return this;
    }
}
