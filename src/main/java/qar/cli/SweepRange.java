package qar.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import qar.job.SweepJob;
import qar.model.RecordValues;

/**
 * One {@code --sweep OPT=SPEC}: a model option by its name without dashes ({@code N},
 * {@code beta-c}, {@code delta-w}, ...) and its values. SPEC is a linear range {@code a:b:step}
 * (from a towards b in steps, b included where it is a whole number of steps from a; the values are
 * a + i step computed in decimal, so {@code 1:4:0.015} gives 1, 1.015, ..., 4 exactly as typed), a
 * log range {@code a:b:logK} (K >= 2 points, a and b included, equally spaced in log, a and b of one
 * sign and non-zero), or a list {@code v1,v2,...}. N takes a linear range of integers or a list of
 * integers (odd and even N are both models; a point the model refuses, such as an even N of the
 * reduced model, is an error row). Every number is read as strictly as the model options themselves.
 */
record SweepRange(String option, String parameter, double[] values) {
    static final String OPTION = "--sweep";
    /** Most points of a sweep, all axes together. */
    static final long MAX_POINTS = 1_000_000;
    static final String FORM = "must be OPT=a:b:step, OPT=a:b:logK or OPT=v1,v2,... with OPT a model option"
            + " without dashes (";

    /** @throws UsageException naming --sweep and echoing the text where it is not a valid sweep */
    static SweepRange parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw bad(text, FORM + options() + ")");
        }
        String option = text.substring(0, eq);
        String spec = text.substring(eq + 1);
        int index = options().indexOf(option);
        if (index < 0) {
            throw bad(text, "unknown option '" + UsageException.shown(option) + "'; the options are " + options());
        }
        String parameter = SweepJob.PARAMETERS.get(index);
        boolean integer = parameter.equals("N");
        double[] values;
        if (spec.contains(":")) {
            String[] parts = spec.split(":", -1);
            if (parts.length != 3) {
                throw bad(text, "a range has three parts, a:b:step or a:b:logK");
            }
            values = parts[2].startsWith("log") ? log(text, option, parts, integer) : linear(text, option, parts, integer);
        } else {
            String[] parts = spec.split(",", -1);
            if (spec.isEmpty()) {
                throw bad(text, "gives no value");
            }
            values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = number(text, option, parts[i], integer);
            }
        }
        return new SweepRange(option, parameter, values);
    }

    /** The options that can be swept, in the order of the JSON model object: N, omega, beta-c, ... */
    static List<String> options() {
        List<String> names = new ArrayList<>();
        for (String p : SweepJob.PARAMETERS) {
            names.add(ModelOptions.option(p).substring(2));
        }
        return names;
    }

    private static double[] linear(String text, String option, String[] parts, boolean integer) {
        double a = number(text, option, parts[0], integer);
        number(text, option, parts[1], integer);
        double step = number(text, option, parts[2], integer);
        BigDecimal from = new BigDecimal(parts[0]);
        BigDecimal span = new BigDecimal(parts[1]).subtract(from);
        BigDecimal by = new BigDecimal(parts[2]);
        if (step == 0) {
            throw bad(text, "the step must not be 0");
        }
        if (span.signum() != 0 && span.signum() != by.signum()) {
            throw bad(text, "the step " + parts[2] + " leads away from " + parts[1] + " (it must be "
                    + (span.signum() > 0 ? "positive" : "negative") + ")");
        }
        BigDecimal steps = span.divide(by, 0, RoundingMode.FLOOR);
        if (steps.compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
            throw bad(text, "gives more than " + MAX_POINTS + " points");
        }
        int n = steps.intValueExact() + 1;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from.add(by.multiply(BigDecimal.valueOf(i))).doubleValue();
        }
        return values;
    }

    private static double[] log(String text, String option, String[] parts, boolean integer) {
        if (integer) {
            throw bad(text, "N takes a linear range of integers or a list of integers");
        }
        double a = number(text, option, parts[0], false);
        double b = number(text, option, parts[1], false);
        String k = parts[2].substring(3);
        if (!k.matches("[1-9][0-9]{0,6}")) {
            throw bad(text, "logK needs a number of points K, a plain integer from 2 to " + MAX_POINTS);
        }
        int n = Integer.parseInt(k);
        if (n < 2 || n > MAX_POINTS) {
            throw bad(text, "logK needs a number of points K from 2 to " + MAX_POINTS);
        }
        if (a == 0 || b == 0 || (a < 0) != (b < 0)) {
            throw bad(text, "a log range needs ends of one sign, neither 0");
        }
        double la = Math.log(Math.abs(a));
        double lb = Math.log(Math.abs(b));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.copySign(Math.exp(la + (lb - la) * i / (n - 1)), a);
        }
        values[0] = a;
        values[n - 1] = b;
        return values;
    }

    private static double number(String text, String option, String part, boolean integer) {
        try {
            return integer ? IntegerArg.parse(OPTION, part).value() : DecimalArg.parse(OPTION, part).value();
        } catch (UsageException e) {
            // the number's own reason (not plain, or beyond the doubles), behind the whole text
            String prefix = OPTION + " = " + UsageException.shown(part) + ": ";
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : integer ? IntegerArg.ALLOWED : DecimalArg.ALLOWED;
            throw bad(text, "'" + UsageException.shown(part) + "' " + why);
        }
    }

    static UsageException bad(String text, String why) {
        return UsageException.of(OPTION, UsageException.shown(text), why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepRange r && r.option.equals(option) && java.util.Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return option.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
