package qar.exact;

import qar.model.RecordValues;

/**
 * Exact long-time statistics of the energy that enters the system from one reservoir.
 *
 * @param cumulants  scaled cumulants kappa_1 .. kappa_K (index 0 is the current, 1 the noise)
 * @param resolution per cumulant, the largest magnitude the arithmetic cannot tell from zero: a
 *                   value at or below it is unresolved, above it accurate to about this much
 * @param grossFlow  per order n, {@code sum_c pi_from r_c |q_c|^n}: the flow that kappa_n nets
 */
public record ReservoirStatistics(String name, double[] cumulants, double[] resolution, double[] grossFlow) {

    public double current() {
        return cumulants[0];
    }

    public double noise() {
        return cumulants[1];
    }

    /** @param index 0 for the current, 1 for the noise, ... */
    public boolean resolved(int index) {
        return Math.abs(cumulants[index]) > resolution[index] || exactlyZero(index);
    }

    /**
     * Zero by structure (no jump exchanges energy with the reservoir, e.g. one switched off): the
     * solver marks it by value and resolution both exactly 0; every other resolution is positive.
     */
    public boolean exactlyZero(int index) {
        return cumulants[index] == 0 && resolution[index] == 0;
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
