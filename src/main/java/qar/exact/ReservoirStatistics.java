package qar.exact;

/**
 * Exact long-time statistics of the energy that enters the system from one reservoir.
 *
 * @param cumulants  scaled cumulants kappa_1 .. kappa_K (index 0 is the current, 1 the noise)
 * @param resolution per cumulant, the largest magnitude the arithmetic cannot tell from zero: a
 *                   value at or below it is unresolved, above it accurate to about this much
 */
public record ReservoirStatistics(String name, double[] cumulants, double[] resolution) {

    public double current() {
        return cumulants[0];
    }

    public double noise() {
        return cumulants[1];
    }

    /** @param index 0 for the current, 1 for the noise, ... */
    public boolean resolved(int index) {
        return Math.abs(cumulants[index]) > resolution[index];
    }
}
