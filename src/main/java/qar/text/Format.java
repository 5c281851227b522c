package qar.text;

import java.util.Locale;

/** How qar writes numbers: in terminal tables (six significant digits, z-scores) and in CSV cells. */
public final class Format {
    private Format() {
    }

    /** A z-score with sign and two decimals, "n/a" where it is not finite. */
    public static String z(double z) {
        return Double.isFinite(z) ? String.format(Locale.ROOT, "%+.2f", z) : "n/a";
    }

    /** Six significant digits, trailing zeros of the mantissa dropped (never the exponent's). */
    public static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    /** A CSV cell: every digit of a finite double, empty for NaN or infinite (CSV has no such numbers). */
    public static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
