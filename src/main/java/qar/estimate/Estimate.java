package qar.estimate;

/**
 * A sampled value with its standard error and 95 % confidence interval.
 *
 * @param reliable whether the interval can be trusted to cover at its stated level; where not,
 *                 {@code ciLow} and {@code ciHigh} are NaN and {@code reason} says why
 * @param reason   null when reliable
 */
public record Estimate(double value, double stderr, double ciLow, double ciHigh, boolean reliable, String reason) {

    public Estimate {
        if (reliable == (reason != null)) {
            throw new IllegalArgumentException("a reason goes with, and only with, an unreliable interval");
        }
    }

    /** An estimate with a trusted interval. */
    public static Estimate of(double value, double stderr, double ciLow, double ciHigh) {
        return new Estimate(value, stderr, ciLow, ciHigh, true, null);
    }

    /** An estimate whose interval would mislead: value and stderr only. */
    public static Estimate unreliable(double value, double stderr, String reason) {
        return new Estimate(value, stderr, Double.NaN, Double.NaN, false, reason);
    }

    /** The same estimate in other units: every number times {@code factor} > 0. */
    public Estimate scaled(double factor) {
        return new Estimate(value * factor, stderr * factor, ciLow * factor, ciHigh * factor, reliable, reason);
    }
}
