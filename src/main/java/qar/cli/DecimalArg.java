package qar.cli;

import java.util.regex.Pattern;

/**
 * A real-valued option as the user typed it: the text, which every message about the option
 * echoes, and its value. Only plain decimals are read: an optional {@code -}, digits without a
 * leading zero, an optional fraction and an optional exponent ({@code 2}, {@code -0.25},
 * {@code 1.5e-3}). Java's own parser also takes hex ({@code 0x1p3}), type suffixes ({@code 1d},
 * {@code 2f}), a leading {@code +}, {@code NaN}, {@code Infinity} and surrounding spaces, and turns
 * {@code 1e-400} into 0 and {@code 1e400} into infinity without a word; here each of those is bad
 * input.
 */
record DecimalArg(String text, double value) {
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    static final String ALLOWED = "must be a plain decimal number such as 2, -0.25 or 1.5e-3";

    /** A default value; its text is Java's, as --help shows it. */
    static DecimalArg of(double value) {
        return new DecimalArg(String.valueOf(value), value);
    }

    /** @throws UsageException naming {@code option} and echoing {@code text} unless it is a plain decimal */
    static DecimalArg parse(String option, String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw UsageException.of(option, UsageException.shown(text), ALLOWED);
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw UsageException.of(option, text, "must be at most " + Double.MAX_VALUE + " in magnitude");
        }
        String mantissa = text.split("[eE]")[0];
        if (v == 0 && mantissa.chars().anyMatch(c -> c >= '1' && c <= '9')) {
            throw UsageException.of(option, text, "must be 0 or at least " + Double.MIN_VALUE
                    + " in magnitude (it would round to 0)");
        }
        return new DecimalArg(text, v);
    }

    /** The text: JCommander's --help shows the default this way. */
    @Override
    public String toString() {
        return text;
    }
}
