package qar.exact;

/**
 * Exact long-time statistics of the energy that enters the system from one reservoir.
 *
 * @param cumulants scaled cumulants kappa_1 .. kappa_K (index 0 is the current, 1 the noise)
 */
public record ReservoirStatistics(String name, double current, double noise, double[] cumulants) {
}
