package qar.estimate;

/**
 * A sampled estimate next to the exact value.
 *
 * @param exact           the exact long-time value (kappa_n)
 * @param exactFiniteTime what the estimator converges to at the run's trajectory length T: the
 *                        exact {@code <<Q_T^n>> / T} from a stationary start, transients included
 * @param z               (estimate - exact) / stderr as a normal-equivalent z ({@link Estimate#z}); NaN where the two exact values differ by more
 *                        than a fifth of the standard error ({@code biased}), so that it would mislead
 * @param zFiniteTime     the same against exactFiniteTime: the test of the sampler
 * @param biased          |exactFiniteTime - exact| exceeds a fifth of the standard error: at this T
 *                        the run measures the finite-time value, not the long-time one
 */
public record Comparison(Estimate estimate, double exact, double exactFiniteTime, double z, double zFiniteTime,
                         boolean biased) {

    /** A finite-time offset above this share of the standard error makes the plain z misleading. */
    public static final double BIAS_SHARE = 0.2;

    public static Comparison of(Estimate e, double exact, double exactFiniteTime) {
        double bias = exactFiniteTime - exact;
        boolean biased = Math.abs(bias) > BIAS_SHARE * e.stderr();
        return new Comparison(e, exact, exactFiniteTime, biased ? Double.NaN : e.z(exact), e.z(exactFiniteTime),
                biased);
    }
}
