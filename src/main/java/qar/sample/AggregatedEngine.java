package qar.sample;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Exact sampling with macro-steps over fast flip pairs ({@link FlipPairs}): a whole sojourn in a
 * pair in one step, with the joint law the direct method gives it; direct steps elsewhere.
 *
 * <p>Why it is exact: at each visit the jump choice is independent of the holding time. So for a
 * sojourn entered at s (partner u, flip rates a, b, other escape rates e_s, e_u) the round trips M
 * are geometric, P(M >= m) = q^m with q = p_s p_u, p_s = a / (a + e_s), p_u = b / (b + e_u); it
 * leaves from s with probability (1 - p_s) / (1 - q), else after one more flip from u; the
 * duration is Gamma(n_s) / (a + e_s) + Gamma(n_u) / (b + e_u) over the n_s, n_u visits; the exit
 * channel is drawn by rate. Flips reach the observer in bulk ({@link JumpObserver#flips}).
 * Pitfall: a sojourn that crosses a stop the observer asked for, or the trajectory's end, must be
 * cut there: bisection on Beta splits of the Gamma totals finds the visit the stop falls in
 * (O(log flips), exact), and a fresh sojourn starts from that level. One engine step per
 * macro-step (exit jump included) and per direct jump. More, and the tests that prove the law:
 * src/site/markdown/engines.md.
 */
public final class AggregatedEngine implements Engine {
    private final JumpProcess process;
    private final FlipPairs pairs;
    /** The negative control of the tests: the sojourn's duration from one exponential of its mean. */
    private final boolean singleExponential;
    /** Per level: its channels (a paired level: its exits only), by decreasing rate, cumulative. */
    private final int[] offset;
    private final double[] cumulative;
    private final int[] channel;
    private final int[] target;
    private final double[] meanWait;
    /** Per level: the partner, or -1 for a level in no pair. */
    private final int[] partner;
    private final int[] flip;
    /** Per paired level: 1 / (flip rate + exit rate), 1 / -ln q, and P(leave from here | entered here). */
    private final double[] meanHold;
    private final double[] perRoundTrip;
    private final double[] leaveHere;

    private AggregatedEngine(JumpProcess process, FlipPairs pairs, boolean singleExponential) {
        this.process = process;
        this.pairs = pairs;
        this.singleExponential = singleExponential;
        int d = process.dimension();
        List<Channel> chs = process.channels();
        partner = new int[d];
        flip = new int[d];
        Arrays.fill(partner, -1);
        Arrays.fill(flip, -1);
        for (FlipPairs.Pair p : pairs.pairs()) {
            partner[p.low()] = p.high();
            partner[p.high()] = p.low();
            flip[p.low()] = p.forth();
            flip[p.high()] = p.back();
        }
        // a paired level's table holds its exits only
        JumpTable table = JumpTable.of(process, pairs.flipChannels(chs.size()));
        offset = table.offset();
        cumulative = table.cumulative();
        channel = table.channel();
        target = table.target();
        meanWait = table.meanWaits();
        double[] exit = table.escape();
        meanHold = new double[d];
        perRoundTrip = new double[d];
        leaveHere = new double[d];
        for (int s = 0; s < d; s++) {
            int u = partner[s];
            if (u < 0) {
                continue;
            }
            double a = chs.get(flip[s]).rate();
            double b = chs.get(flip[u]).rate();
            double es = exit[s];
            double eu = exit[u];
            meanHold[s] = 1.0 / (a + es);
            // 1 - q and the leaving odds without cancellation: q is within 1e-3 of 1 at the defaults
            double oneMinusQ = (a * eu + es * b + es * eu) / ((a + es) * (b + eu));
            perRoundTrip[s] = -1.0 / Math.log1p(-oneMinusQ);
            leaveHere[s] = es * (b + eu) / (a * eu + es * b + es * eu);
        }
    }

    /** The engine over {@code pairs} of {@code process} (found by {@link FlipPairs#of}). */
    public static AggregatedEngine of(JumpProcess process, FlipPairs pairs) {
        for (FlipPairs.Pair p : pairs.pairs()) {
            if (p.forth() >= process.channels().size() || p.back() >= process.channels().size()) {
                throw new IllegalArgumentException("pair " + p + " is not of this process");
            }
            Channel f = process.channels().get(p.forth());
            Channel b = process.channels().get(p.back());
            if (f.from() != p.low() || f.to() != p.high() || b.from() != p.high() || b.to() != p.low()) {
                throw new IllegalArgumentException("pair " + p + " is not of this process");
            }
        }
        return new AggregatedEngine(process, pairs, false);
    }

    /**
     * A deliberately wrong engine for the tests' negative control: each sojourn lasts one
     * exponential of the right mean (given its visits) instead of the sum of Gamma variates.
     */
    static AggregatedEngine singleExponentialForTests(JumpProcess process, FlipPairs pairs) {
        return new AggregatedEngine(process, pairs, true);
    }

    @Override
    public JumpProcess process() {
        return process;
    }

    public FlipPairs pairs() {
        return pairs;
    }

    @Override
    public String name() {
        return "aggregated";
    }

    /**
     * Every jump but the flips of the pairs (a macro-step ends with its pair's exit jump): sum over
     * the other channels of pi_from rate. Sojourns opened at a window edge cost their flips on top,
     * at most one sojourn per edge.
     */
    @Override
    public double stepRate(double[] stationary) {
        boolean[] flip = pairs.flipChannels(process.channels().size());
        double rate = 0;
        for (int k = 0; k < flip.length; k++) {
            Channel ch = process.channels().get(k);
            if (!flip[k]) {
                rate += stationary[ch.from()] * ch.rate();
            }
        }
        return rate;
    }

    /** 42 ... 57 ns measured per macro-step. */
    @Override
    public double nanosPerStep() {
        return 50;
    }

    /** Not the flips of a pair: a sojourn crosses them in one macro-step. */
    @Override
    public boolean timesEachJump(boolean[] channels) {
        return !pairs.flipsAny(channels);
    }

    @Override
    public long run(UniformRandomProvider rng, int level, double duration, JumpObserver observer) {
        Engine.checkRun(duration, level, meanWait.length);
        return new Run(rng, observer, duration).from(level);
    }

    /** One trajectory's state. */
    private final class Run {
        private final UniformRandomProvider rng;
        private final ContinuousSampler exponential;
        private final ContinuousSampler gaussian;
        private final JumpObserver observer;
        private final double duration;
        private double t;
        private double stop;

        Run(UniformRandomProvider rng, JumpObserver observer, double duration) {
            this.rng = rng;
            this.exponential = ZigguratSampler.Exponential.of(rng);
            this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
            this.observer = observer;
            this.duration = duration;
        }

        long from(int level) {
            observer.start(level);
            int s = level;
            long steps = 0;
            stop = Math.min(duration, observer.nextStop());
            while (true) {
                int leave = s;
                int u = partner[s];
                if (u < 0) {
                    t += exponential.sample() * meanWait[s];
                    if (!(t < stop) && !passStops(s)) {
                        return steps;
                    }
                } else {
                    long m = (long) (exponential.sample() * perRoundTrip[s]);
                    boolean here = rng.nextDouble() < leaveHere[s];
                    long ns = m + 1;
                    long nu = here ? m : m + 1;
                    double hs;
                    double hu;
                    if (singleExponential) {
                        double mean = ns * meanHold[s] + nu * meanHold[u];
                        double total = exponential.sample() * mean;
                        hs = total * (ns * meanHold[s] / mean);
                        hu = total - hs;
                    } else {
                        hs = gamma(ns) * meanHold[s];
                        hu = nu == 0 ? 0 : gamma(nu) * meanHold[u];
                    }
                    long forth = nu;
                    long back = m;
                    leave = here ? s : u;
                    double end = t + hs + hu;
                    if (end < stop) {
                        t = end;
                        if (forth > 0) {
                            observer.flips(end, flip[s], forth, flip[u], back);
                        }
                    } else {
                        // the sojourn crosses the stop: the level there and the flips before it, then
                        // a fresh sojourn from that level (Markov at the stop's fixed time)
                        s = cross(s, u, hs, ns, hu, nu);
                        steps++;
                        if (!passStops(s)) {
                            return steps;
                        }
                        continue;
                    }
                }
                // the jump out of s, or out of the pair
                double r = rng.nextDouble();
                int k = offset[leave];
                while (r >= cumulative[k]) {
                    k++;
                }
                int next = target[k];
                observer.jump(t, leave, next, channel[k]);
                s = next;
                steps++;
            }
        }

        /**
         * The trajectory sits in {@code level} until t, at or past the stop: marks every stop up to
         * t; false (after {@link JumpObserver#stop}) when the end comes first.
         */
        private boolean passStops(int level) {
            while (!(t < stop)) {
                if (!(stop < duration)) {
                    observer.stop(duration, level);
                    return false;
                }
                observer.mark(stop, level);
                stop = Math.min(duration, observer.nextStop());
            }
            return true;
        }

        /**
         * A sojourn from t, ns visits to s lasting hs in all and nu to u lasting hu, alternating from
         * s, that ends at or after the stop: finds the visit the stop falls in by bisection. Given
         * a Gamma sum of n unit exponentials, the sum of its first k is that sum times Beta(k, n - k),
         * independently for the s and u visits, so each halving draws two splits: O(log visits)
         * work, exact. Reports the flips before the stop, leaves t at the stop and returns the
         * level there; the rest of the sojourn is not needed, since the future from the stop depends
         * on that level alone.
         */
        private int cross(int s, int u, double hs, long ns, double hu, long nu) {
            long a = 0;
            long b = ns + nu;
            double start = t;
            while (b - a > 1) {
                long mid = (a + b) >>> 1;
                // visits a, a+1, ... alternate s, u from s at even indices
                long leftS = evens(a, mid);
                long leftU = (mid - a) - leftS;
                double ls = split(hs, leftS, evens(a, b) - leftS);
                double lu = split(hu, leftU, (b - a) - evens(a, b) - leftU);
                if (stop < start + ls + lu) {
                    b = mid;
                    hs = ls;
                    hu = lu;
                } else {
                    a = mid;
                    start += ls + lu;
                    hs -= ls;
                    hu -= lu;
                }
            }
            // a flips before visit a: s -> u at the even steps, u -> s at the odd ones
            long forth = (a + 1) / 2;
            long back = a / 2;
            if (a > 0) {
                observer.flips(stop, flip[s], forth, flip[u], back);
            }
            t = stop;
            return a % 2 == 0 ? s : u;
        }

        /** The even integers in [a, b). */
        private static long evens(long a, long b) {
            return (b + 1) / 2 - (a + 1) / 2;
        }

        /** The part of g, a Gamma(k + r) variate times a scale, that its first k units make. */
        private double split(double g, long k, long r) {
            if (k == 0) {
                return 0;
            }
            if (r == 0) {
                return g;
            }
            double x = gamma(k);
            return g * (x / (x + gamma(r)));
        }

        /**
         * A Gamma(n, 1) variate, n >= 1: an exponential for n = 1, else Marsaglia and Tsang (2000).
         * Written out rather than commons-rng's AhrensDieterMarsagliaTsangGammaSampler, the same
         * algorithm, because that one is built for one shape and the shape changes every sojourn:
         * building one per draw made a macro-step 117 ns instead of 42 (default campaign, 1 thread).
         */
        private double gamma(long n) {
            if (n == 1) {
                return exponential.sample();
            }
            double d = n - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x = gaussian.sample();
                double v = 1 + c * x;
                if (v <= 0) {
                    continue;
                }
                v = v * v * v;
                double w = rng.nextDouble();
                double x2 = x * x;
                if (w < 1 - 0.0331 * x2 * x2 || Math.log(w) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                    return d * v;
                }
            }
        }
    }
}
