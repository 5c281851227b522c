package qar.estimate;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A sampled value with its standard error and 95 % confidence interval.
 *
 * @param degreesOfFreedom of the standard error (groups - 1): its t statistic has Student's t law
 * @param reliable         whether the interval can be trusted to cover at its stated level; where not,
 *                         {@code ciLow} and {@code ciHigh} are NaN and {@code reason} says why
 * @param reason           null when reliable
 * @param logScale         the interval is Student's on ln|value| (stderr is |value| times the standard
 *                         error of ln|value|), so it is asymmetric and z is taken on that scale
 */
public record Estimate(double value, double stderr, int degreesOfFreedom, double ciLow, double ciHigh,
                       boolean reliable, String reason, boolean logScale) {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    public Estimate {
        if (reliable == (reason != null)) {
            throw new IllegalArgumentException("a reason goes with, and only with, an unreliable interval");
        }
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("a standard error needs at least 1 degree of freedom");
        }
    }

    /** An estimate with its interval on the linear scale. */
    public Estimate(double value, double stderr, int degreesOfFreedom, double ciLow, double ciHigh, boolean reliable,
            String reason) {
        this(value, stderr, degreesOfFreedom, ciLow, ciHigh, reliable, reason, false);
    }

    /**
     * A trusted interval on the log scale: ln|value| +- t se, with {@code relativeError} = se, the
     * standard error of ln|value|.
     */
    public static Estimate ofLog(double value, double relativeError, int degreesOfFreedom, double ciLow,
            double ciHigh) {
        return new Estimate(value, Math.abs(value) * relativeError, degreesOfFreedom, ciLow, ciHigh, true, null, true);
    }

    /** An estimate with a trusted interval. */
    public static Estimate of(double value, double stderr, int degreesOfFreedom, double ciLow, double ciHigh) {
        return new Estimate(value, stderr, degreesOfFreedom, ciLow, ciHigh, true, null);
    }

    /** An estimate whose interval would mislead: value and stderr only. */
    public static Estimate unreliable(double value, double stderr, int degreesOfFreedom, String reason) {
        return new Estimate(value, stderr, degreesOfFreedom, Double.NaN, Double.NaN, false, reason);
    }

    /** The same value and error without an interval, for {@code reason}. */
    public Estimate withoutInterval(String reason) {
        return new Estimate(value, stderr, degreesOfFreedom, Double.NaN, Double.NaN, false, reason, logScale);
    }

    /** The same estimate in other units: every number times {@code factor} > 0. */
    public Estimate scaled(double factor) {
        return new Estimate(value * factor, stderr * factor, degreesOfFreedom, ciLow * factor, ciHigh * factor,
                reliable, reason, logScale);
    }

    /**
     * The deviation from {@code exact} as a z-score that means what users read into one: the
     * normal quantile of the same tail probability as the t statistic with this many degrees of
     * freedom. With 2 groups a t of 12.7 is as common as a z of 1.96; read raw, |t| > 10 would
     * come out in 5 % of good runs. NaN where the standard error is not positive and finite. On the
     * log scale t is (ln|value| - ln|exact|) / (stderr / |value|), infinite where exact has the other sign.
     */
    public double z(double exact) {
        double t = !logScale ? (value - exact) / stderr
                : Math.signum(exact) != Math.signum(value) ? Math.copySign(Double.POSITIVE_INFINITY, value - exact)
                : Math.log(value / exact) / (stderr / Math.abs(value));
        if (!Double.isFinite(t)) {
            return Double.NaN;
        }
        double tail = TDistribution.of(degreesOfFreedom).survivalProbability(Math.abs(t));
        double z = tail > 0 ? NORMAL.inverseSurvivalProbability(tail) : Double.POSITIVE_INFINITY;
        return Math.copySign(z, t);
    }
}
