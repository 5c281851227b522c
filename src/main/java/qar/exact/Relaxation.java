package qar.exact;

import java.util.Arrays;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The relaxation rho(t) = exp(R t) rho(0) of a jump process and its relative entropy
 * S(rho(t) || pi) to a target state pi (the thermal state the process relaxes to), with the time at
 * which S first falls to a threshold.
 *
 * <p>Propagation by uniformization, exp(R t) = sum_n Poisson(n; mu t) P^n with P = I + R / mu
 * nonnegative (mu >= every escape rate): nothing cancels however stiff the rates, so each
 * population keeps its relative accuracy. Long intervals are cut into chunks of mu t <=
 * {@link #CHUNK} so the Poisson weights (w_n = w_{n-1} mu t / n from exp(-mu t)) do not underflow;
 * each chunk's sum stops where the remaining Poisson mass is below 2^-80. Cost O(mu t d).
 * Not {@link Propagator}: S(t) on a grid of many times needs vectors only, and its squarings would
 * cost d^3 per time where uniformization stays O(mu t d) in vector memory.
 *
 * <p>S = sum_i pi_i f(rho_i / pi_i - 1), f(u) = (1 + u) ln(1 + u) - u by its series near 0, so S
 * near equilibrium keeps its digits. Pitfall: pi is given by its logarithms, since at N = 40,
 * beta_f = 4 the top levels have pi ~ e^{-1600}, a double 0; such levels contribute
 * rho (ln rho - ln pi) - rho + pi directly. Why not ODE steps, a Taylor series or the
 * symmetrised eigen-decomposition: src/site/markdown/exact.md, "Relaxation". Immutable.
 */
public final class Relaxation {
    /** Largest mu t per chunk: exp(-CHUNK) is a normal double. */
    static final double CHUNK = 500;

    private final int d;
    private final double mu;
    private final int[] from;
    private final int[] to;
    private final double[] step;
    private final double[] initial;
    private final double[] logTarget;

    private Relaxation(int d, double mu, int[] from, int[] to, double[] step, double[] initial, double[] logTarget) {
        this.d = d;
        this.mu = mu;
        this.from = from;
        this.to = to;
        this.step = step;
        this.initial = initial;
        this.logTarget = logTarget;
    }

    /**
     * @param process the jump process
     * @param initial rho(0): nonnegative, summing to 1
     * @param logTarget ln pi_i of the target pi (normalised; each finite or -infinity)
     */
    public static Relaxation of(JumpProcess process, double[] initial, double[] logTarget) {
        int d = process.dimension();
        double[] rho0 = FiniteTimeCumulants.checkedDistribution(initial, d);
        if (logTarget.length != d) {
            throw new IllegalArgumentException("need " + d + " log-probabilities, got " + logTarget.length);
        }
        double total = 0;
        for (double x : logTarget) {
            if (Double.isNaN(x) || x > 0 || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("a log-probability must be <= 0, got " + x);
            }
            total += Math.exp(x);
        }
        if (Math.abs(total - 1) > 1e-12) {
            throw new IllegalArgumentException("the target must sum to 1, got " + total);
        }
        double[] logPi = logTarget.clone();
        double[] escape = new double[d];
        int nc = process.channels().size();
        int[] from = new int[nc];
        int[] to = new int[nc];
        double[] rate = new double[nc];
        for (int k = 0; k < nc; k++) {
            Channel ch = process.channels().get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            rate[k] = ch.rate();
            escape[ch.from()] += ch.rate();
        }
        double mu = Arrays.stream(escape).max().orElse(0);
        if (!(mu > 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("the escape rates must be finite and not all 0, largest " + mu);
        }
        double[] step = new double[nc];
        for (int k = 0; k < nc; k++) {
            step[k] = rate[k] / mu;
        }
        return new Relaxation(d, mu, from, to, step, rho0, logPi);
    }

    /** The largest escape rate, the uniformization rate mu. */
    public double uniformizationRate() {
        return mu;
    }

    /** rho(t), t >= 0. */
    public double[] at(double t) {
        return propagate(initial, t);
    }

    /** exp(R t) rho, t >= 0 finite. */
    public double[] propagate(double[] rho, double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0, got " + t);
        }
        double[] p = rho.clone();
        double left = mu * t;
        while (left > 0) {
            double lambda = Math.min(left, CHUNK);
            p = chunk(p, lambda);
            left -= lambda;
        }
        return p;
    }

    /** sum_n Poisson(n; lambda) P^n p for lambda <= CHUNK. */
    private double[] chunk(double[] p, double lambda) {
        double[] v = p.clone();
        double[] next = new double[d];
        double w = Math.exp(-lambda);
        double[] sum = new double[d];
        double mass = 0;
        // stop past the mode once the Poisson mass left is below 2^-80 (its tail beyond n is at most
        // w_n / (1 - lambda / (n + 1)) there)
        for (int n = 0;; n++) {
            for (int i = 0; i < d; i++) {
                sum[i] += w * v[i];
            }
            mass += w;
            double ratio = lambda / (n + 1);
            if (ratio < 0.5 && w * ratio / (1 - ratio) < 0x1p-80) {
                break;
            }
            // next = P v = v - (escape / mu) v + jumps
            System.arraycopy(v, 0, next, 0, d);
            for (int k = 0; k < from.length; k++) {
                double flow = step[k] * v[from[k]];
                next[from[k]] -= flow;
                next[to[k]] += flow;
            }
            // P = I + R / mu has a nonnegative diagonal; the subtraction above is exact up to rounding
            // of a nonnegative result: clamp the rounding at 0
            for (int i = 0; i < d; i++) {
                v[i] = Math.max(next[i], 0);
            }
            w *= ratio;
        }
        // the sum of the weights is 1 up to the tail and rounding: renormalise so total probability stays 1
        double total = 0;
        for (double x : sum) {
            total += x;
        }
        for (int i = 0; i < d; i++) {
            sum[i] /= total;
        }
        return sum;
    }

    /**
     * The largest S(rho(t) || pi) that rounding can produce when the exact S is 0, so that S at or
     * below it is zero for every purpose (beta_i = beta_f gave 1e-33 instead of 0, and the tail of
     * every relaxation rose again at that level). Every population carries a relative error of at
     * most delta = (16 (d - 1) + 8 + 4 (mu t + 1)) u: the rates are rounded to a few (8) ulps, which
     * moves the stationary state of the chain by up to 2 (d - 1) times that from the exact target
     * (O'Cinneide's entrywise bound for GTH-type perturbations), and each of the ~ mu t
     * uniformization steps rounds a nonnegative sum by a few u. With rho_i = pi_i (1 + u_i),
     * |u_i| <= delta, S = sum pi_i f(u_i) <= f(-delta) (f convex, f(-x) >= f(x), sum pi = 1).
     */
    public double entropyResolution(double t) {
        double delta = (16.0 * (d - 1) + 8 + 4 * (mu * t + 1)) * 0x1p-53;
        return delta >= 1 ? Double.POSITIVE_INFINITY : f(-delta);
    }

    /** S(rho(t) || pi). */
    public double relativeEntropy(double t) {
        return relativeEntropy(at(t), logTarget);
    }

    /**
     * The relative entropy S(rho || pi) in nats, pi given by ln pi; +infinity where rho > 0 and
     * ln pi = -infinity.
     */
    public static double relativeEntropy(double[] rho, double[] logPi) {
        double s = 0;
        for (int i = 0; i < rho.length; i++) {
            double r = Math.max(rho[i], 0);
            double pi = Math.exp(logPi[i]);
            if (pi >= 0x1p-960) {
                // rho / pi stays finite: the form without cancellation near equilibrium
                s += pi * f(r / pi - 1);
            } else if (r > 0) {
                s += r * (Math.log(r) - logPi[i]) - r + pi;
            } else {
                s += pi;
            }
        }
        return s;
    }

    /** (1 + u) ln(1 + u) - u for u >= -1; the series sum_{k>=2} (-u)^k / (k (k - 1)) for |u| < 0.1. */
    static double f(double u) {
        if (u <= -1) {
            return 1;
        }
        if (Math.abs(u) < 0.1) {
            double s = 0;
            double pow = u * u;
            for (int k = 2; k < 20; k++) {
                s += (k % 2 == 0 ? pow : -pow) / (k * (k - 1.0));
                pow *= u;
            }
            return s;
        }
        return (1 + u) * Math.log1p(u) - u;
    }

    /** S(rho(t) || pi) on the given times, ascending, each propagated from the one before. */
    public double[] relativeEntropy(double[] times) {
        double[] s = new double[times.length];
        double[] p = initial;
        double last = 0;
        for (int k = 0; k < times.length; k++) {
            if (times[k] < last) {
                throw new IllegalArgumentException("times must ascend");
            }
            p = propagate(p, times[k] - last);
            last = times[k];
            s[k] = relativeEntropy(p, logTarget);
        }
        return s;
    }

    /**
     * The first t in [0, tMax] with S(rho(t) || pi) <= threshold, to a relative 1e-10 by bisection
     * (S falls monotonically: the dynamics contracts relative entropy to its stationary state), or
     * NaN if S stays above the threshold up to tMax.
     *
     * @param grid ascending times in (0, tMax] that locate the crossing first (e.g. the output grid)
     */
    public double thermalisationTime(double threshold, double[] grid) {
        if (relativeEntropy(initial, logTarget) <= threshold) {
            return 0;
        }
        double[] p = initial;
        double last = 0;
        for (double t : grid) {
            double[] q = propagate(p, t - last);
            if (relativeEntropy(q, logTarget) <= threshold) {
                double lo = 0;
                double hi = t - last;
                while (hi - lo > 1e-10 * (last + hi)) {
                    double mid = 0.5 * (lo + hi);
                    if (relativeEntropy(propagate(p, mid), logTarget) <= threshold) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return last + hi;
            }
            p = q;
            last = t;
        }
        return Double.NaN;
    }
}
