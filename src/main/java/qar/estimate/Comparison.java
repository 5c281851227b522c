package qar.estimate;

/**
 * A sampled estimate next to the exact value.
 *
 * @param exact           the exact long-time value (kappa_n)
 * @param exactFiniteTime what the estimator converges to at the run's trajectory length,
 *                        kappa_n + g_n / T (up to terms exponentially small in T)
 * @param z               (estimate - exact) / stderr; NaN where the run is too short for that to mean
 *                        anything ({@code biased})
 * @param zFiniteTime     (estimate - exactFiniteTime) / stderr
 * @param biased          the finite-time offset g_n / T exceeds a fifth of the standard error
 */
public record Comparison(Estimate estimate, double exact, double exactFiniteTime, double z, double zFiniteTime,
                         boolean biased) {

    /** A finite-time offset above this share of the standard error makes the plain z misleading. */
    public static final double BIAS_SHARE = 0.2;

    public static Comparison of(Estimate e, double exact, double exactFiniteTime) {
        double bias = exactFiniteTime - exact;
        boolean biased = Math.abs(bias) > BIAS_SHARE * e.stderr();
        double z = (e.value() - exact) / e.stderr();
        return new Comparison(e, exact, exactFiniteTime, biased ? Double.NaN : z,
                (e.value() - exactFiniteTime) / e.stderr(), biased);
    }
}
