package qar.exact;

import org.apache.commons.numbers.core.DD;

/**
 * exp(x) - 1 in double-double for a double-double argument, relative error ~1e-30: Taylor series
 * after reduction by powers of two (commons-numbers offers DD arithmetic but no exponential).
 */
final class DoubleDoubleExp {
    /** ln 2 to double-double precision. */
    private static final DD LN2 = DD.ofSum(0.6931471805599453, 2.3190468138462996e-17);
    private static final double TAYLOR_LIMIT = 0.36;

    private DoubleDoubleExp() {
    }

    /** exp(x) - 1; +infinity or -1 where exp(x) leaves the double range. */
    static DD expm1(DD x) {
        double xh = x.hi();
        if (Double.isNaN(xh)) {
            return x;
        }
        if (xh > 709.8) {
            return DD.of(Double.POSITIVE_INFINITY);
        }
        if (xh < -745.2) {
            return DD.of(-1.0);
        }
        if (Math.abs(xh) <= TAYLOR_LIMIT) {
            return series(x);
        }
        // exp(x) = 2^m exp(r), r = x - m ln 2, |r| <= ln 2 / 2 < TAYLOR_LIMIT
        int m = (int) Math.rint(xh / LN2.hi());
        DD r = x.subtract(LN2.multiply(m));
        return series(r).add(1.0).scalb(m).subtract(1.0);
    }

    /** sum_{k >= 1} x^k / k! for |x| <= 0.36: 30 terms reach 1e-33. */
    private static DD series(DD x) {
        DD term = x;
        DD sum = x;
        for (int k = 2; k < 40; k++) {
            term = term.multiply(x).divide(k);
            DD next = sum.add(term);
            if (Math.abs(term.hi()) <= 1e-34 * Math.abs(sum.hi())) {
                return next;
            }
            sum = next;
        }
        return sum;
    }
}
