package qar.cli;

import java.util.regex.Pattern;

/**
 * An integer option as the user typed it: the text, which every message about the option echoes,
 * and its value. Only plain integers are read: an optional {@code -} and ASCII digits without a
 * leading zero (just {@code 0} may start with one). Java's own parser also takes a leading
 * {@code +}, leading zeros and non-ASCII digits; here those are bad input, as are hex, suffixes,
 * fractions, exponents and spaces.
 */
record IntegerArg(String text, long value) {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    static final String ALLOWED = "must be a plain integer such as 31 or -5 (decimal digits, no leading zero)";

    /** A default value. */
    static IntegerArg of(long value) {
        return new IntegerArg(Long.toString(value), value);
    }

    /** @throws UsageException naming {@code option} and echoing {@code text} unless it is a plain integer */
    static IntegerArg parse(String option, String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw UsageException.of(option, UsageException.shown(text), ALLOWED);
        }
        try {
            return new IntegerArg(text, Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw UsageException.of(option, text, "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    /**
     * The value as an int, held at the int range's ends: every int option's allowed range lies
     * inside it, so a value outside stays outside and the range check refuses it (echoing the text).
     */
    int saturated() {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** The text: JCommander's --help shows the default this way. */
    @Override
    public String toString() {
        return text;
    }
}
