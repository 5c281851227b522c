package qar.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import qar.exact.oracle.Oracle;

/**
 * Accuracy assertions against oracle values, and a ledger of the worst relative error seen per
 * quantity, printed by {@link #report()} (from an {@code @AfterAll}) when the system property
 * {@code qar.accuracy.report} is set, to quote measured errors without making the build noisy.
 */
final class Accuracy {
    private static final Map<String, double[]> WORST = new TreeMap<>();
    private static final Map<String, String> WHERE = new TreeMap<>();

    private Accuracy() {
    }

    /**
     * Conditioning floor, relative to the gross flow a quantity nets. The solver works in
     * double-double (unit roundoff u = 2^-104 = 4.9e-32) and forms every net current, noise and
     * cumulant as sums of terms bounded by that gross flow, after O(d) elimination steps and a few
     * recursion orders; its absolute error is then at most ~1e4 u times the gross flow. A net value
     * more than ~1e17 times smaller than its gross flow (a nearly balanced link: the reduced model's
     * cold current at 1e-23 .. 1e-224 of its flow) cannot be given to 1e-10 relative in that
     * arithmetic; the check there is the absolute floor instead (observed errors: ~1e-31).
     */
    static final double GROSS_FLOOR = 1e-27;

    /**
     * |actual - exact| <= tol |exact| + MIN_NORMAL (values below the double range cannot be
     * closer), or <= GROSS_FLOOR * scale; where exact is 0, |actual| <= tol * scale, scale the
     * gross flow the quantity nets.
     */
    static void assertRelative(String quantity, BigDecimal exact, BigDecimal scale, double actual, double tol,
            String where) {
        double err;
        boolean ok;
        if (exact.signum() == 0) {
            err = actual == 0 ? 0 : Math.abs(actual) / scale.doubleValue();
            ok = err <= tol;
        } else {
            err = Oracle.relativeError(exact, actual);
            double abs = Math.abs(new BigDecimal(actual).subtract(exact).doubleValue());
            ok = err <= tol || abs <= Double.MIN_NORMAL || abs <= GROSS_FLOOR * scale.doubleValue();
        }
        record(quantity, err, where);
        double e = err;
        assertTrue(ok, () -> quantity + ": exact " + exact.round(java.math.MathContext.DECIMAL64) + ", got " + actual
                + ", relative error " + e + " > " + tol + " at " + where);
    }

    static synchronized void record(String quantity, double err, String where) {
        double[] w = WORST.computeIfAbsent(quantity, k -> new double[1]);
        if (!(err <= w[0])) {
            w[0] = err;
            WHERE.put(quantity, where);
        }
    }

    static synchronized void report() {
        if (!Boolean.getBoolean("qar.accuracy.report")) {
            return;
        }
        System.out.println("worst relative errors so far:");
        WORST.forEach((q, w) -> System.out.printf("  %-28s %.3g  at %s%n", q, w[0], WHERE.get(q)));
    }
}
