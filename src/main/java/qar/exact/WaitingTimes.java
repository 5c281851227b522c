package qar.exact;

import java.util.ArrayDeque;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.RecordValues;

/**
 * Exact distribution of the waiting time to the next watched jump: between consecutive watched
 * jumps in the steady state ({@link #of}), or from a given start ({@link #afterStart}).
 *
 * <p>With {@code L = R0 + J}, J the watched jumps and l the watched escape rates: survival
 * {@code S = 1^T exp(R0 tau) p0}, density {@code w = l^T exp(R0 tau) p0}, CDF {@code delta(tau)^T p0}
 * with {@code delta^T = 1^T - 1^T exp(R0 tau)} carried subtraction-free, so the CDF is accurate
 * where it is small and the survival where it is small. {@code E_j = exp(R0 h 2^j)} comes from the
 * Taylor series of the nonnegative {@code (R0 + mu I) h} and squaring; any tau applies the E_j of
 * its binary digits. Pitfall: squaring alone lets the slow leaks drift (relative u mu / l per
 * step), so each E_j's column sums are pinned to {@code 1 - delta_j}, the deficits carried exactly
 * by {@code delta_{j+1} = delta_j + delta_j E_j} from {@code delta_0 = h l^T phi_1(R0 h)}: the GTH
 * idea applied to the propagator. Mean and variance solve {@code -R0 x = p0} by the package's GTH
 * elimination with leaks ({@link WaitingMoments}). Numbers:
 * src/site/markdown/exact.md, "Waiting-time distributions". Immutable.
 */
public final class WaitingTimes {
    /** Grid ends where the survival first falls below this. */
    private static final double TAIL = 1e-12;
    /** Longest tail followed by {@link #grid}: 2^200 fastest time scales. */
    private static final int MAX_SQUARINGS = 200;

    private final int d;
    private final double[] leak;
    private final double[] start;
    private final double mu;
    private final double h;
    private final double watchedRate;
    private final double mean;
    private final double secondMoment;
    private final LeakPropagator propagator;

    /** Values on a grid; {@code cdf + survival = 1} to rounding, each accurate where it is small. */
    public record Grid(double[] tau, double[] density, double[] cdf, double[] survival) {
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

    private WaitingTimes(int d, int[] from, int[] to, double[] rate, double[] diag, double[] leak, double[] start,
            double mu, double watchedRate, double mean, double secondMoment) {
        this.d = d;
        this.leak = leak;
        this.start = start;
        this.mu = mu;
        this.watchedRate = watchedRate;
        this.mean = mean;
        this.secondMoment = secondMoment;
        this.propagator = new LeakPropagator(d, from, to, rate, diag, leak, start, mu);
        this.h = propagator.h();
    }

    /** Steady state: the time between two consecutive watched jumps. */
    public static WaitingTimes of(JumpProcess process, boolean[] watched) {
        checkWatched(process, watched);
        double[] rho = ExactSolver.stationaryState(process);
        double[] p0 = new double[process.dimension()];
        double total = 0;
        List<Channel> chs = process.channels();
        for (int k = 0; k < chs.size(); k++) {
            if (watched[k]) {
                Channel ch = chs.get(k);
                double f = ch.rate() * rho[ch.from()];
                p0[ch.to()] += f;
                total += f;
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("no watched jump happens in the stationary state: "
                    + "the waiting time between watched jumps is undefined");
        }
        for (int a = 0; a < p0.length; a++) {
            p0[a] /= total;
        }
        return build(process, watched, p0, total);
    }

    /** The time from a start drawn from {@code initial} to the first watched jump. */
    public static WaitingTimes afterStart(JumpProcess process, boolean[] watched, double[] initial) {
        checkWatched(process, watched);
        return build(process, watched, FiniteTimeCumulants.checkedDistribution(initial, process.dimension()), Double.NaN);
    }

    /** Watch every jump. */
    public static boolean[] allJumps(JumpProcess process) {
        boolean[] w = new boolean[process.channels().size()];
        java.util.Arrays.fill(w, true);
        return w;
    }

    /** Watch the jumps of one reservoir. */
    public static boolean[] reservoir(JumpProcess process, int reservoir) {
        List<Channel> chs = process.channels();
        boolean[] w = new boolean[chs.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = chs.get(k).reservoir() == reservoir;
        }
        return w;
    }

    private static void checkWatched(JumpProcess process, boolean[] watched) {
        if (watched.length != process.channels().size()) {
            throw new IllegalArgumentException("need one flag per channel: " + process.channels().size()
                    + ", got " + watched.length);
        }
        for (boolean b : watched) {
            if (b) {
                return;
            }
        }
        throw new IllegalArgumentException("no channel is watched");
    }

    private static WaitingTimes build(JumpProcess process, boolean[] watched, double[] p0, double watchedRate) {
        int d = process.dimension();
        List<Channel> chs = process.channels();
        double[] escape = process.escapeRates();
        double[] leak = new double[d];
        int unwatched = 0;
        for (int k = 0; k < chs.size(); k++) {
            if (watched[k]) {
                leak[chs.get(k).from()] += chs.get(k).rate();
            } else {
                unwatched++;
            }
        }
        int[] from = new int[unwatched];
        int[] to = new int[unwatched];
        double[] rate = new double[unwatched];
        int q = 0;
        for (int k = 0; k < chs.size(); k++) {
            if (!watched[k]) {
                Channel ch = chs.get(k);
                from[q] = ch.from();
                to[q] = ch.to();
                rate[q] = ch.rate();
                q++;
            }
        }
        boolean[] live = reachable(d, from, to, p0, leak);
        double mu = 0;
        for (int a = 0; a < d; a++) {
            if (live[a]) {
                mu = Math.max(mu, escape[a]);
            }
        }
        double[] diag = new double[d];
        for (int a = 0; a < d; a++) {
            diag[a] = live[a] ? mu - escape[a] : 0;
        }
        double[][] solve = WaitingMoments.moments(d, Math.min(process.bandwidth(), d - 1), from, to, rate, leak,
                live, p0);
        double m1 = 0;
        double m2 = 0;
        for (int a = 0; a < d; a++) {
            m1 += solve[0][a];
            m2 += solve[1][a];
        }
        return new WaitingTimes(d, from, to, rate, diag, leak, p0, mu, watchedRate, m1, 2 * m2);
    }

    /**
     * Levels the start reaches without a watched jump; each must be able to reach a watched jump,
     * otherwise the waiting time is infinite with positive probability.
     */
    private static boolean[] reachable(int d, int[] from, int[] to, double[] p0, double[] leak) {
        boolean[] live = new boolean[d];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int a = 0; a < d; a++) {
            if (p0[a] > 0) {
                live[a] = true;
                queue.add(a);
            }
        }
        while (!queue.isEmpty()) {
            int a = queue.poll();
            for (int k = 0; k < from.length; k++) {
                if (from[k] == a && !live[to[k]]) {
                    live[to[k]] = true;
                    queue.add(to[k]);
                }
            }
        }
        boolean[] exits = new boolean[d];
        for (int a = 0; a < d; a++) {
            if (live[a] && leak[a] > 0) {
                exits[a] = true;
                queue.add(a);
            }
        }
        while (!queue.isEmpty()) {
            int b = queue.poll();
            for (int k = 0; k < from.length; k++) {
                if (to[k] == b && live[from[k]] && !exits[from[k]]) {
                    exits[from[k]] = true;
                    queue.add(from[k]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            if (live[a] && !exits[a]) {
                throw new IllegalArgumentException("from level " + a + " no watched jump can ever happen: "
                        + "the waiting time is infinite with positive probability");
            }
        }
        return live;
    }

    /** Mean waiting time, {@code 1^T (-R0)^-1 p0}. */
    public double mean() {
        return mean;
    }

    /** Variance, {@code 2 1^T (-R0)^-2 p0 - mean^2}. */
    public double variance() {
        return secondMoment - mean * mean;
    }

    /** {@code 1^T J rho}, the rate of watched jumps in the steady state; NaN after a given start. */
    public double watchedRate() {
        return watchedRate;
    }

    public double density(double tau) {
        double[] v = new double[1];
        return dot(leak, propagate(tau, v));
    }

    public double survival(double tau) {
        return sum(propagate(tau, new double[1]));
    }

    public double cdf(double tau) {
        double[] c = new double[1];
        propagate(tau, c);
        return c[0];
    }

    /**
     * {@code points} values: tau = 0, then log-spaced from 1e-3 / mu (mu the fastest escape rate)
     * to where the survival first falls below 1e-12.
     */
    public Grid grid(int points) {
        if (points < 3) {
            throw new IllegalArgumentException("need at least 3 points, got " + points);
        }
        double hi = tailEnd();
        double lo = Math.min(1e-3 / mu, hi * 1e-3);
        double[] tau = new double[points];
        for (int i = 1; i < points; i++) {
            tau[i] = lo * Math.pow(hi / lo, (i - 1.0) / (points - 2.0));
        }
        double[] dens = new double[points];
        double[] cdf = new double[points];
        double[] surv = new double[points];
        double[] c = new double[1];
        for (int i = 0; i < points; i++) {
            double[] v = propagate(tau[i], c);
            dens[i] = dot(leak, v);
            surv[i] = sum(v);
            cdf[i] = c[0];
        }
        return new Grid(tau, dens, cdf, surv);
    }

    /** First tau with survival below TAIL: doubling, then bisection in log tau. */
    private double tailEnd() {
        int j = 0;
        while (true) {
            double[] e = power(j);
            double s = 0;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    s += e[i * d + k] * start[k];
                }
            }
            if (s < TAIL) {
                break;
            }
            if (j >= MAX_SQUARINGS) {
                // a tail beyond 2^200 of the fastest time scales (rates spanning over 60 decades): refused
                throw new UnresolvableModelException("the waiting-time survival stays above " + TAIL
                        + " beyond tau = 2^" + MAX_SQUARINGS + " / mu, mu = " + mu + " the fastest escape rate");
            }
            j++;
        }
        double hi = Math.scalb(h, j);
        double lo = hi / 2;
        for (int it = 0; it < 20; it++) {
            double mid = Math.sqrt(lo * hi);
            if (survival(mid) < TAIL) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private double[] propagate(double tau, double[] cdf) {
        return propagator.propagate(tau, cdf);
    }

    private double[] power(int j) {
        return propagator.power(j);
    }

    private static double dot(double[] a, double[] b) {
        return LeakPropagator.dot(a, b);
    }

    private static double sum(double[] a) {
        return LeakPropagator.sum(a);
    }
}
