package qar.estimate;

import java.util.EnumSet;
import java.util.List;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Scaled cumulant estimates kappa_n ~ k_n / T from independent stationary replicas of length T,
 * cut into G groups (batches), with a reliability check on every interval.
 *
 * <p><b>Estimate and interval.</b> k_n is the mean over the groups of each group's unbiased
 * k-statistic (so no bias against the finite-time value &lt;&lt;Q_T^n&gt;&gt; / T), its standard
 * error the groups' standard deviation over sqrt(G), the interval Student's t with G - 1 degrees
 * of freedom.
 *
 * <p><b>Pitfall and check.</b> The heat arrives in rare exchanges of a few quanta, so k_3, k_4 and
 * their standard errors rise and fall together and the t interval misses from below; no
 * resampling of a run can see the rare replicas it lacks, and a per-run flag on a noisy statistic
 * selects exactly the bad runs. So the verdict depends on the settings only, never on the data:
 * an interval of kappa_n is printed only where the number of effective exchanges
 * n_eff = R var / q^2 (var the exact variance of one replica's Q_T in quanta, q the largest
 * quantum of the reservoir) and the effective independent events ({@link #effectiveEvents}, which
 * counts bursts of quanta once) both reach {@link #MIN_EXCHANGES}[n - 1]; otherwise the interval
 * is NaN with the reason. Without the quanta ({@link #estimate(List, double, double)}) no check.
 * Measurements, the alternatives tried and the thresholds' calibration: src/site/markdown/sampling.md,
 * "Coverage of the printed intervals".
 */
public final class BatchCumulants {
    /** Cumulant orders estimated: current, noise, kappa_3, kappa_4. */
    public static final int ORDER = 4;
    /** Smallest group: k_4 needs 4 replicas, 8 keeps its group-to-group spread moderate. */
    public static final int MIN_GROUP_SIZE = 8;
    /** Fewest effective exchanges n_eff for a trusted interval of kappa_1 .. kappa_4. */
    private static final double[] MIN_EXCHANGES = {0, 100, 1000, 5000};
    /** The groups' mean and sample variance of one k-statistic (commons-statistics, two-pass). */
    private static final EnumSet<Statistic> GROUP_STATISTICS = EnumSet.of(Statistic.MEAN, Statistic.VARIANCE);

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
        double[] column = new double[g];
        for (int r = 0; r < reservoirs; r++) {
            for (int i = 0; i < g; i++) {
                k[i] = groups.get(i).kStatistics(r);
            }
            double nEff = exchanges == null ? Double.POSITIVE_INFINITY : exchanges[r];
            double nEvents = events == null ? Double.POSITIVE_INFINITY : events[r];
            for (int n = 0; n < ORDER; n++) {
                for (int i = 0; i < g; i++) {
                    column[i] = k[i][n];
                }
                DoubleStatistics s = DoubleStatistics.of(GROUP_STATISTICS, column);
                double unit = Math.pow(scale, n + 1) / duration;
                double value = s.getAsDouble(Statistic.MEAN) * unit;
                double se = Math.sqrt(s.getAsDouble(Statistic.VARIANCE) / g) * unit;
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
