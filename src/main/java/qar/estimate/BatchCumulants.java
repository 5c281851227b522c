package qar.estimate;

import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Scaled cumulant estimates kappa_n ~ k_n / T from independent stationary replicas of length T,
 * cut into G groups (batches), with a reliability check on every interval.
 *
 * <p><b>Estimate and interval.</b> k_n is the mean over the groups of each group's unbiased
 * k-statistic, its standard error the groups' standard deviation over sqrt(G), the interval
 * Student's t with G - 1 degrees of freedom. k-statistics are unbiased for the cumulants of Q_T in
 * every group, so the estimate has no bias at all against the finite-time value
 * &lt;&lt;Q_T^n&gt;&gt; / T.
 *
 * <p><b>Why intervals can mislead, and the check.</b> On the refrigerator the heat of a reservoir
 * arrives in rare exchanges of a few quanta, and k_3, k_4 of Q_T are dominated by the rarest
 * replicas (several exchanges in one direction): the estimate and its standard error rise and fall
 * together (correlation 0.8-0.9 across runs), so the studentised error is strongly left-skewed and
 * the t interval misses from below. Measured over independent runs at N = 5, T = 100 (R = 256:
 * kappa_4 covered in ~80 % of runs, R = 2048: ~88 %) and N = 7, T = 200, R = 256 (kappa_3 of h,
 * w ~91 %, kappa_4 ~80 %). Skewness-corrected t (Hall 1992), bootstrap-t, percentile and BCa
 * bootstraps over the groups or over pooled k-statistics, and power (variance-stabilising)
 * transforms were measured on the same runs (sampling.md, "Coverage"): each recovers some of the
 * shortfall, none reaches the binomial band at these R, because the rare replicas that set the
 * tail are missing from the very runs that miss, so no resampling of those runs can see them. A
 * per-run flag on a noisy statistic (the groups' skewness, the relative standard error) is worse
 * than none: it passes exactly the runs lacking the rare replicas and the intervals it lets
 * through cover less.
 *
 * <p>The check therefore uses a statistic fixed by the settings: the number of <em>effective
 * exchanges</em> n_eff = R var / q^2, with var the exact variance of one replica's Q_T (in quanta) and q the
 * largest quantum any channel of the reservoir carries. It is the number of largest-quantum
 * exchanges that would produce the observed spread, a lower bound on the number of independent
 * events the data hold; in the compound-Poisson picture the skewness of the k_n estimate, and with
 * it the coverage error of a symmetric interval (of order skewness^2), falls like n_eff^(-1/2) with
 * a constant that grows fast with n. The verdict does not depend on the run's data, so it cannot
 * select runs (with the sampled k_2 it did: at R = 512 the kappa_2 intervals it let through
 * over-covered, 113 of 114 and 277 of 280). An interval of
 * kappa_n is printed only where n_eff reaches {@link #MIN_EXCHANGES}[n - 1] (thresholds measured by
 * the coverage campaign {@code qar.bench.CoverageCampaign}, with their margins, in src/site/markdown/sampling.md);
 * otherwise the estimate and its standard error are kept and the interval is NaN with the reason.
 * Without the quanta (the three-argument {@link #estimate(List, double, double)}) the check is not
 * made.
 *
 * <p>Counting quanta assumes they arrive one by one. On a chain whose quanta come in bursts
 * (a ring that a slow switch turns on) n_eff counts every quantum of a burst, and the old rule
 * printed kappa_3, kappa_4 intervals that covered 87 % and 80 %. So an interval also needs as many
 * effective independent events ({@link #effectiveEvents}: from the exact k_2, k_3, k_4 of one
 * replica), against the same thresholds; on the refrigerator that count is never the smaller.
 */
public final class BatchCumulants {
    /** Cumulant orders estimated: current, noise, kappa_3, kappa_4. */
    public static final int ORDER = 4;
    /** Smallest group: k_4 needs 4 replicas, 8 keeps its group-to-group spread moderate. */
    public static final int MIN_GROUP_SIZE = 8;
    /** Fewest effective exchanges n_eff for a trusted interval of kappa_1 .. kappa_4. */
    private static final double[] MIN_EXCHANGES = {0, 100, 1000, 5000};

    private BatchCumulants() {
    }

    /** Why a kappa_n interval with only {@code events} effective events is not printed. */
    static String eventsReason(double events, int n) {
        return String.format(java.util.Locale.ROOT, "%.0f effective independent events (R k_2^3/k_3^2 or"
                + " R k_2^2/|k_4|: the quanta come in bursts); a kappa_%d interval needs %.0f: raise --replicas or"
                + " --time", events, n, MIN_EXCHANGES[n - 1]);
    }

    /** The fewest effective exchanges (R k_2 / q^2) for a trusted interval of kappa_n. */
    public static double minExchanges(int n) {
        return MIN_EXCHANGES[n - 1];
    }

    /**
     * Estimates without the reliability check (every interval is marked reliable).
     *
     * @param groups   per group, the moments of its replicas; at least 2 groups of 8 replicas
     * @param duration trajectory length T of every replica
     * @param scale    energy of one quantum (Omega): estimates are in energy units
     * @return [reservoir][n-1] the estimates of kappa_1 .. kappa_4
     */
    public static Estimate[][] estimate(List<ReplicaMoments> groups, double duration, double scale) {
        return estimate(groups, duration, scale, null);
    }

    /**
     * The effective exchanges n_eff = R var / q^2 of R replicas whose energy has variance
     * {@code variance} (quanta^2), q the largest quantum one jump of the reservoir carries. Taken
     * from the exact finite-time variance, the verdict depends on the run's settings only, never on
     * its data, so it cannot select runs (a sampled variance would pass the runs whose spread came
     * out large and bias the coverage of what is printed).
     */
    public static double effectiveExchanges(long replicas, double variance, long largestQuantum) {
        return largestQuantum == 0 ? 0 : replicas * variance / ((double) largestQuantum * largestQuantum);
    }

    /**
     * The effective independent events of {@code samples} independent samples whose exact
     * cumulants are {@code cumulants} (k_1 .. k_4, any unit): samples times min(k_2^3 / k_3^2,
     * k_2^2 / |k_4|), the inverse squared skewness and inverse excess kurtosis of one sample. The
     * skewness and excess kurtosis of a sum of m independent events fall like m^(-1/2) and 1/m,
     * and these are the two terms of the coverage error of a normal interval (Edgeworth), so this
     * counts the events the normal approximation actually sees. For compound Poisson events of
     * one quantum q it is exactly {@link #effectiveExchanges} (every k_n = lambda q^n); for events of
     * any size |X| &lt;= q it is never smaller (|k_n| &lt;= q^(n-2) k_2); for bursts of many
     * quanta it counts the bursts, not the quanta (about a sixth of them for exponential sizes).
     * Infinite where k_3 and k_4 are both zero (nothing to correct), 0 without spread.
     */
    public static double effectiveEvents(long samples, double[] cumulants) {
        double k2 = cumulants[1];
        if (!(k2 > 0)) {
            return 0;
        }
        double k3 = cumulants.length > 2 && Double.isFinite(cumulants[2]) ? cumulants[2] : 0;
        double k4 = cumulants.length > 3 && Double.isFinite(cumulants[3]) ? Math.abs(cumulants[3]) : 0;
        double skew = k3 == 0 ? Double.POSITIVE_INFINITY : k2 * k2 * k2 / (k3 * k3);
        double kurt = k4 == 0 ? Double.POSITIVE_INFINITY : k2 * k2 / k4;
        return samples * Math.min(skew, kurt);
    }

    /**
     * @param groups    per group, the moments of its replicas; at least 2 groups of 8 replicas
     * @param duration  trajectory length T of every replica
     * @param scale     energy of one quantum (Omega): estimates are in energy units
     * @param exchanges per reservoir, the effective exchanges ({@link #effectiveExchanges}); null to
     *                  skip the reliability check
     * @return [reservoir][n-1] the estimates of kappa_1 .. kappa_4
     */
    public static Estimate[][] estimate(List<ReplicaMoments> groups, double duration, double scale,
            double[] exchanges) {
        return estimate(groups, duration, scale, exchanges, null);
    }

    /**
     * As {@link #estimate(List, double, double, double[])}, and an interval is printed only where
     * the effective independent events ({@link #effectiveEvents}) reach the same threshold as the
     * exchanges: counting quanta passes a chain whose quanta come in bursts.
     *
     * @param events per reservoir, the effective events of all replicas; null to count exchanges only
     */
    public static Estimate[][] estimate(List<ReplicaMoments> groups, double duration, double scale,
            double[] exchanges, double[] events) {
        int g = groups.size();
        if (g < 2) {
            throw new IllegalArgumentException("need at least 2 groups, got " + g);
        }
        for (ReplicaMoments m : groups) {
            if (m.replicas() < MIN_GROUP_SIZE) {
                throw new IllegalArgumentException("every group needs " + MIN_GROUP_SIZE + " replicas, one has "
                        + m.replicas());
            }
        }
        int reservoirs = groups.get(0).reservoirs();
        if (exchanges != null && exchanges.length != reservoirs) {
            throw new IllegalArgumentException("need effective exchanges per reservoir, got " + exchanges.length);
        }
        if (events != null && events.length != reservoirs) {
            throw new IllegalArgumentException("need effective events per reservoir, got " + events.length);
        }
        double t = TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        Estimate[][] out = new Estimate[reservoirs][ORDER];
        double[][] k = new double[g][];
        for (int r = 0; r < reservoirs; r++) {
            for (int i = 0; i < g; i++) {
                k[i] = groups.get(i).kStatistics(r);
            }
            double nEff = exchanges == null ? Double.POSITIVE_INFINITY : exchanges[r];
            double nEvents = events == null ? Double.POSITIVE_INFINITY : events[r];
            for (int n = 0; n < ORDER; n++) {
                double mean = 0;
                for (int i = 0; i < g; i++) {
                    mean += k[i][n];
                }
                mean /= g;
                double ss = 0;
                for (int i = 0; i < g; i++) {
                    double dv = k[i][n] - mean;
                    ss += dv * dv;
                }
                double unit = Math.pow(scale, n + 1) / duration;
                double value = mean * unit;
                double se = Math.sqrt(ss / ((g - 1.0) * g)) * unit;
                if (!(se > 0) || Double.isInfinite(se)) {
                    out[r][n] = Estimate.unreliable(value, se, g - 1, "no spread between the groups");
                } else if (nEff < MIN_EXCHANGES[n]) {
                    out[r][n] = Estimate.unreliable(value, se, g - 1, String.format(java.util.Locale.ROOT,
                            "%.0f effective exchanges (R var / q^2); a kappa_%d interval needs %.0f:"
                                    + " raise --replicas or --time", nEff, n + 1, MIN_EXCHANGES[n]));
                } else if (nEvents < MIN_EXCHANGES[n]) {
                    out[r][n] = Estimate.unreliable(value, se, g - 1, eventsReason(nEvents, n + 1));
                } else {
                    out[r][n] = Estimate.of(value, se, g - 1, value - t * se, value + t * se);
                }
            }
        }
        return out;
    }
}
