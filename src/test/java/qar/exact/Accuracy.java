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
     * |actual - exact| <= tol |exact| + MIN_NORMAL (values below the double range cannot be
     * closer); where exact is 0, |actual| <= tol * scale, scale the gross flow the quantity nets.
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
            ok = err <= tol || Math.abs(new BigDecimal(actual).subtract(exact).doubleValue()) <= Double.MIN_NORMAL;
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
