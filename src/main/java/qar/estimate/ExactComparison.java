package qar.estimate;

import java.util.List;
import qar.exact.ReservoirStatistics;
import qar.model.RecordValues;

/**
 * Sampled cumulant rates of every reservoir next to the exact ones: the long-time kappa_n, and
 * the exact finite-time value {@code <<Q_T^n>> / T} from a stationary start at the run's own T,
 * transients included, which is what the estimators converge to.
 *
 * @param comparisons [reservoir][n-1]
 */
public record ExactComparison(Comparison[][] comparisons) {

    /**
     * @param estimates  [reservoir][n-1], from {@link BatchCumulants}
     * @param exact      per reservoir, the exact long-time cumulants (at least as many orders as estimated)
     * @param finiteTime [reservoir][n-1], the exact {@code <<Q_T^n>> / T}
     */
    public static ExactComparison of(Estimate[][] estimates, List<ReservoirStatistics> exact, double[][] finiteTime) {
        Comparison[][] cmp = new Comparison[estimates.length][];
        for (int r = 0; r < estimates.length; r++) {
            // an exact value below its resolution is zero for every purpose: compare with zero
            double[] kappa = exact.get(r).cumulants().clone();
            for (int n = 0; n < kappa.length; n++) {
                if (!exact.get(r).resolved(n)) {
                    kappa[n] = 0;
                }
            }
            cmp[r] = new Comparison[estimates[r].length];
            for (int n = 0; n < estimates[r].length; n++) {
                cmp[r][n] = Comparison.of(estimates[r][n], kappa[n], finiteTime[r][n]);
            }
        }
        return new ExactComparison(cmp);
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
