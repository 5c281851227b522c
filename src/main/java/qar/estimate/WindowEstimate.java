package qar.estimate;

import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.statistics.distribution.TDistribution;
import qar.model.RecordValues;

/**
 * Sampled counting statistics of one reservoir in windows of one length: P(n, t) with standard
 * errors from the groups, the finite-time cumulants of n with delete-one-group jackknife errors,
 * and a goodness-of-fit test of the histogram against the exact P(n, t) ({@link GoodnessOfFit}).
 *
 * <p>Windows of one replica are dependent, so neither the binomial error of a share nor the
 * plain chi-square applies; the groups are independent and give both. Cumulants are smooth
 * functions of the pooled centred moments (each unbiased), so the jackknife over groups gives
 * their error and removes their O(1/n) bias.
 *
 * @param reservoir  reservoir index
 * @param length     window length t
 * @param windows    windows counted
 * @param nMin       smallest n observed; probability[k] is P(nMin + k)
 * @param probability sampled P(n, t)
 * @param stderr     its standard error
 * @param cumulants  kappa_1(t) .. kappa_4(t) of n in quanta (not divided by t)
 * @param test       goodness of fit against the exact P(n, t), null without an exact one or data
 */
public record WindowEstimate(int reservoir, double length, long windows, long nMin, double[] probability,
                             double[] stderr, Estimate[] cumulants, GoodnessOfFit test) {

    /**
     * @param groups per group, the tally of this window length
     * @param exchanges the effective exchanges of all windows (windows times the exact window
     *                  variance over q^2, {@link BatchCumulants#effectiveExchanges}) for the
     *                  reliability check of the intervals
     * @param exact  exact P(n, t) of this reservoir (0 off the support), or null
     */
    public static WindowEstimate of(List<WindowTally> groups, int reservoir, double exchanges,
            LongToDoubleFunction exact) {
        return of(groups, reservoir, exchanges, Double.POSITIVE_INFINITY, exact);
    }

    /**
     * As {@link #of(List, int, double, LongToDoubleFunction)}, and the intervals also need as many
     * effective independent events of all windows ({@link BatchCumulants#effectiveEvents}).
     */
    public static WindowEstimate of(List<WindowTally> groups, int reservoir, double exchanges, double events,
            LongToDoubleFunction exact) {
        int g = groups.size();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long n = 0;
        long[] totals = new long[g];
        for (int i = 0; i < g; i++) {
            IntegerHistogram h = groups.get(i).histogram(reservoir);
            totals[i] = h.total();
            n += totals[i];
            if (h.total() > 0) {
                lo = Math.min(lo, h.min());
                hi = Math.max(hi, h.max());
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no complete window was recorded");
        }
        int bins = (int) (hi - lo + 1);
        long[][] counts = new long[g][bins];
        for (int i = 0; i < g; i++) {
            IntegerHistogram h = groups.get(i).histogram(reservoir);
            for (int k = 0; k < bins; k++) {
                counts[i][k] = h.count(lo + k);
            }
        }
        double[] p = new double[bins];
        double[] se = new double[bins];
        double mean = (double) n / g;
        for (int k = 0; k < bins; k++) {
            long hits = 0;
            for (int i = 0; i < g; i++) {
                hits += counts[i][k];
            }
            double share = (double) hits / n;
            double ss = 0;
            for (int i = 0; i < g; i++) {
                double r = counts[i][k] - share * totals[i];
                ss += r * r;
            }
            p[k] = share;
            se[k] = Math.sqrt(ss / (mean * mean * g * (g - 1.0)));
        }
        GoodnessOfFit test = null;
        if (exact != null) {
            // bins: below lo, lo .. hi, above hi, with the exact mass of the tails
            double[] prob = new double[bins + 2];
            double inside = 0;
            for (int k = 0; k < bins; k++) {
                prob[k + 1] = exact.applyAsDouble(lo + k);
                inside += prob[k + 1];
            }
            prob[0] = 0;
            prob[bins + 1] = Math.max(0, 1 - inside);
            long[][] withTails = new long[g][bins + 2];
            for (int i = 0; i < g; i++) {
                System.arraycopy(counts[i], 0, withTails[i], 1, bins);
            }
            test = GoodnessOfFit.of(withTails, prob);
        }
        return new WindowEstimate(reservoir, groups.get(0).length(), n, lo, p, se,
                cumulants(groups, reservoir, exchanges, events), test);
    }

    /**
     * Cumulants from pooled centred moments, with a delete-one-group jackknife. Intervals of
     * kappa_3 and kappa_4 get the same effective-exchange check as the replica estimates
     * ({@link BatchCumulants#minExchanges}), counted over all windows.
     */
    private static Estimate[] cumulants(List<WindowTally> groups, int reservoir, double exchanges, double events) {
        int g = groups.size();
        int order = WindowTally.ORDER;
        double[][] sums = new double[g][order];
        long[] counts = new long[g];
        double[] total = new double[order];
        long n = 0;
        for (int i = 0; i < g; i++) {
            WindowTally t = groups.get(i);
            double[] m = t.centredMoments(reservoir);
            counts[i] = t.windows();
            for (int k = 0; k < order; k++) {
                sums[i][k] = m[k] * counts[i];
                total[k] += sums[i][k];
            }
            n += counts[i];
        }
        double centre = groups.get(0).centre(reservoir);
        double[] full = fromSums(total, n, centre);
        double[][] leave = new double[g][];
        double[] leaveMean = new double[order];
        for (int i = 0; i < g; i++) {
            double[] s = new double[order];
            for (int k = 0; k < order; k++) {
                s[k] = total[k] - sums[i][k];
            }
            leave[i] = fromSums(s, n - counts[i], centre);
            for (int k = 0; k < order; k++) {
                leaveMean[k] += leave[i][k] / g;
            }
        }
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        Estimate[] out = new Estimate[order];
        for (int k = 0; k < order; k++) {
            double ss = 0;
            for (int i = 0; i < g; i++) {
                double d = leave[i][k] - leaveMean[k];
                ss += d * d;
            }
            double value = g * full[k] - (g - 1) * leaveMean[k];
            double err = Math.sqrt((g - 1.0) / g * ss);
            out[k] = exchanges < BatchCumulants.minExchanges(k + 1) ? Estimate.unreliable(value, err, g - 1, String.format(java.util.Locale.ROOT,
                            "%.0f effective exchanges (windows var / q^2), fewer than the %.0f an interval of kappa_%d"
                                    + " needs", exchanges, BatchCumulants.minExchanges(k + 1), k + 1))
                    : events < BatchCumulants.minExchanges(k + 1)
                    ? Estimate.unreliable(value, err, g - 1, BatchCumulants.eventsReason(events, k + 1))
                    : Estimate.of(value, err, g - 1, value - t * err, value + t * err);
        }
        return out;
    }

    /** kappa_1 .. kappa_4 from power sums of x = n - c. */
    private static double[] fromSums(double[] s, long n, double centre) {
        double m1 = s[0] / n;
        double m2 = s[1] / n;
        double m3 = s[2] / n;
        double m4 = s[3] / n;
        double c2 = m2 - m1 * m1;
        double c3 = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
        double c4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
        return new double[] {centre + m1, c2, c3, c4 - 3 * c2 * c2};
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
