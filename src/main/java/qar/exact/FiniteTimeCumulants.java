package qar.exact;

import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.RecordValues;

/**
 * Exact finite-time cumulants {@code <<Q_t^n>>}, n = 1..K, of a linear counting observable (a
 * weight per channel) over {@code [0, t]} from a given initial distribution, transients included.
 *
 * <p>The Taylor blocks {@code F_n(t)} of {@code exp(L(s) t) = sum_n s^n F_n(t)} obey
 * {@code F_n' = sum_m A_m F_{n-m}}, {@code A_0 = L}, {@code A_m = L^(m) / m!}: the exponential of a
 * block lower-triangular Toeplitz matrix, itself block Toeplitz, so K + 1 blocks of d x d are
 * carried. Steps {@code exp(A h)} are Taylor series of the shifted {@code (A + mu I) h} (its s^0
 * block nonnegative: no cancellation however stiff the rates), with {@link Propagator}'s products
 * and truncation rule, then t = 2^k h by squaring. Three
 * pitfalls, each handled: the observable is centred by the stationary mean rate
 * ({@code A_1 - kappa_1 I}) so turning moments into cumulants does not cancel away the digits; s is
 * rescaled by the largest |weight| so the blocks are balanced; after each product the s^0 block is
 * rescaled to be exactly stochastic, which stops a drift of total probability of about 2^k u.
 * Cost: k (K+1)(K+2)/2 d^3 with k ~ log2(mu t); the Taylor part uses the sparse generator. Immutable.
 */
public final class FiniteTimeCumulants {
    /** Relative rounding of the centred moments, in units of the spread of Q_t to the n-th power. */
    static final double SPREAD_ROUNDING = 0x1p-36;
    /** Highest order offered. */
    public static final int MAX_ORDER = 8;
    /** Taylor steps have norm * h <= THETA. */
    private static final double THETA = 0.5;

    private final int d;
    private final int order;
    private final double scale;
    private final double kappa1;
    private final double mu;
    private final double norm;
    private final double[] initial;
    /** The blocks of T(s) = A(s) + mu I with s rescaled, sparse. */
    private final Propagator[] blocks;

    /** Cumulants at several times: {@code cumulants()[i][n-1] = <<Q_t^n>>} at {@code times()[i]}. */
    public record Series(double[] times, double[][] cumulants) {
        public double cumulant(int timeIndex, int n) {
            return cumulants[timeIndex][n - 1];
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

    private FiniteTimeCumulants(int d, int order, double scale, double kappa1, double mu, double norm,
            double[] initial, Propagator[] blocks) {
        this.d = d;
        this.order = order;
        this.scale = scale;
        this.kappa1 = kappa1;
        this.mu = mu;
        this.norm = norm;
        this.initial = initial;
        this.blocks = blocks;
    }

    /**
     * @param process the jump process; it must have a unique stationary state (used for centring)
     * @param weight  per channel, the amount Q grows in that jump (e.g. {@code energyWeights(r)})
     * @param initial the distribution at time 0, nonnegative, summing to 1
     * @param order   K, the number of cumulants, 1 .. MAX_ORDER
     */
    public static FiniteTimeCumulants of(JumpProcess process, double[] weight, double[] initial, int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be from 1 to " + MAX_ORDER + ", got " + order);
        }
        List<Channel> chs = process.channels();
        if (weight.length != chs.size()) {
            throw new IllegalArgumentException("need one weight per channel: " + chs.size() + ", got " + weight.length);
        }
        int d = process.dimension();
        double[] rho0 = checkedDistribution(initial, d);
        double scale = 0;
        for (double x : weight) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("weights must be finite, got " + x);
            }
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0) {
            scale = 1;
        }
        double kappa1 = ExactSolver.of(process).mean(weight);
        double[] escape = process.escapeRates();
        double mu = 0;
        for (double e : escape) {
            mu = Math.max(mu, e);
        }
        int c = chs.size();
        int[][] rows = new int[order + 1][];
        int[][] cols = new int[order + 1][];
        double[][] vals = new double[order + 1][];
        double[][] colAbs = new double[order + 1][d];
        for (int m = 0; m <= order; m++) {
            int diag = m <= 1 ? d : 0;
            rows[m] = new int[c + diag];
            cols[m] = new int[c + diag];
            vals[m] = new double[c + diag];
            double fact = 1;
            for (int i = 2; i <= m; i++) {
                fact *= i;
            }
            for (int k = 0; k < c; k++) {
                Channel ch = chs.get(k);
                double w = weight[k] / scale;
                rows[m][k] = ch.to();
                cols[m][k] = ch.from();
                vals[m][k] = m == 0 ? ch.rate() : ch.rate() * Math.pow(w, m) / fact;
                colAbs[m][ch.from()] += Math.abs(vals[m][k]);
            }
            for (int a = 0; a < diag; a++) {
                rows[m][c + a] = a;
                cols[m][c + a] = a;
                vals[m][c + a] = m == 0 ? mu - escape[a] : -kappa1 / scale;
                colAbs[m][a] += Math.abs(vals[m][c + a]);
            }
        }
        double norm = 0;
        for (int m = 0; m <= order; m++) {
            double mx = 0;
            for (double x : colAbs[m]) {
                mx = Math.max(mx, x);
            }
            norm += mx;
        }
        Propagator[] blocks = new Propagator[order + 1];
        for (int m = 0; m <= order; m++) {
            blocks[m] = Propagator.of(rows[m], cols[m], vals[m], null);
        }
        return new FiniteTimeCumulants(d, order, scale, kappa1, mu, norm, rho0, blocks);
    }

    /** Checks and normalises a distribution over d levels. */
    static double[] checkedDistribution(double[] p, int d) {
        if (p.length != d) {
            throw new IllegalArgumentException("initial distribution needs " + d + " entries, got " + p.length);
        }
        double sum = 0;
        for (double x : p) {
            if (!(x >= 0) || !Double.isFinite(x)) {
                throw new IllegalArgumentException("probabilities must be finite and >= 0, got " + x);
            }
            sum += x;
        }
        if (!(Math.abs(sum - 1) <= 1e-12 * d)) {
            throw new IllegalArgumentException("initial distribution sums to " + sum + ", not 1");
        }
        double[] out = new double[d];
        for (int a = 0; a < d; a++) {
            out[a] = p[a] / sum;
        }
        return out;
    }

    /** The distribution concentrated on one level. */
    public static double[] level(int dimension, int level) {
        double[] p = new double[dimension];
        p[level] = 1;
        return p;
    }

    public int order() {
        return order;
    }

    /** @return {@code <<Q_t^n>>} for n = 1..K (index 0 is n = 1), not divided by t */
    public double[] at(double t) {
        checkTime(t);
        if (t == 0) {
            return new double[order];
        }
        int k = squarings(t);
        double[][] x = step(Math.scalb(t, -k));
        for (int j = 0; j < k; j++) {
            x = square(x);
        }
        return cumulants(x, t);
    }

    /**
     * The cumulants of {@link #at(double)} with those the arithmetic cannot resolve set to 0. A
     * value is unresolved at or below the largest of: 64 u t G_n, G_n the gross flow it nets,
     * since the computation is in double; 2^-36 (|<<Q_t^2>>|)^(n/2), since the centred moments
     * are accumulated through the squarings with a rounding that scales with the spread of Q_t
     * (the tests bound it against a 64-digit oracle); and for the mean, t times the resolution of
     * the current (from a stationary start it is I t exactly). The higher long-time resolutions do
     * not apply: slow modes can make kappa_n ill-conditioned while <<Q_t^n>> at short t is not.
     *
     * @param stats the long-time statistics of the same reservoir
     */
    public static double[] resolved(double[] cumulants, ReservoirStatistics stats, double t) {
        double[] out = cumulants.clone();
        for (int n = 0; n < out.length; n++) {
            if (!(Math.abs(out[n]) > resolution(cumulants, stats, t, n))) {
                out[n] = 0;
            }
        }
        return out;
    }

    /**
     * The floor of {@link #resolved}: the largest |{@code <<Q_t^(n+1)>>}| the arithmetic cannot tell
     * from zero; a value above it is accurate to about this much.
     *
     * @param index n - 1: 0 for the mean, 1 for the variance, ...
     */
    public static double resolution(double[] cumulants, ReservoirStatistics stats, double t, int index) {
        double spread = cumulants.length > 1 ? Math.sqrt(Math.abs(cumulants[1])) : 0;
        double floor = SPREAD_ROUNDING * Math.pow(spread, index + 1);
        if (index < stats.grossFlow().length) {
            floor = Math.max(floor, t * 64 * 0x1p-53 * stats.grossFlow()[index]);
        }
        if (index == 0) {
            floor = Math.max(floor, t * stats.resolution()[0]);
        }
        return floor;
    }

    /** {@link #at(double)} for each time, each computed on its own. */
    public Series at(double[] times) {
        double[][] out = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            out[i] = at(times[i]);
        }
        return new Series(times.clone(), out);
    }

    /**
     * Cumulants at {@code t0 * 2^j}, j = 0 .. count-1, from one chain of squarings: each time costs
     * one series product.
     */
    public Series doubling(double t0, int count) {
        checkTime(t0);
        if (!(t0 > 0) || count < 1) {
            throw new IllegalArgumentException("need t0 > 0 and count >= 1, got " + t0 + ", " + count);
        }
        int k = squarings(t0);
        double[][] x = step(Math.scalb(t0, -k));
        for (int j = 0; j < k; j++) {
            x = square(x);
        }
        double[] times = new double[count];
        double[][] out = new double[count][];
        for (int j = 0; j < count; j++) {
            if (j > 0) {
                x = square(x);
            }
            times[j] = Math.scalb(t0, j);
            out[j] = cumulants(x, times[j]);
        }
        return new Series(times, out);
    }

    private static void checkTime(double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("time must be finite and >= 0, got " + t);
        }
    }

    private int squarings(double t) {
        double r = t * norm / THETA;
        return r <= 1 ? 0 : Math.getExponent(r) + 1;
    }

    /** exp(A(s) h) as K + 1 dense blocks, by Horner's scheme on the shifted series. */
    private double[][] step(double h) {
        double[][] x = identity();
        for (int j = Propagator.terms(norm * h); j >= 1; j--) {
            double f = h / j;
            double[][] y = new double[order + 1][Dense.length(d)];
            for (int n = 0; n <= order; n++) {
                for (int m = 0; m <= n; m++) {
                    blocks[m].addTimes(x[n - m], y[n], f, d);
                }
            }
            for (int a = 0; a < d; a++) {
                y[0][a * d + a] += 1;
            }
            x = y;
        }
        double e = Math.exp(-mu * h);
        for (double[] block : x) {
            for (int i = 0; i < block.length; i++) {
                block[i] *= e;
            }
        }
        pin(x);
        return x;
    }

    private double[][] identity() {
        double[][] x = new double[order + 1][Dense.length(d)];
        for (int a = 0; a < d; a++) {
            x[0][a * d + a] = 1;
        }
        return x;
    }

    private double[][] square(double[][] x) {
        double[][] y = new double[order + 1][Dense.length(d)];
        for (int n = 0; n <= order; n++) {
            for (int m = 0; m <= n; m++) {
                Propagator.multiplyAdd(x[m], x[n - m], y[n], d);
            }
        }
        pin(y);
        return y;
    }

    /** Rescales every column so the s^0 block is stochastic, as exp(L t) is exactly. */
    private void pin(double[][] x) {
        double[] sum = new double[d];
        double[] x0 = x[0];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sum[j] += x0[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] = 1 / sum[j];
        }
        for (double[] block : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    block[i * d + j] *= sum[j];
                }
            }
        }
    }

    /** Moments 1^T F_n rho0, then the cumulants of ln M(s), undoing the centring and scaling. */
    private double[] cumulants(double[][] x, double t) {
        double[] m = new double[order + 1];
        for (int n = 0; n <= order; n++) {
            double acc = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    acc += x[n][i * d + j] * initial[j];
                }
            }
            m[n] = acc;
        }
        double[] c = new double[order + 1];
        double[] out = new double[order];
        double fact = 1;
        double sn = 1;
        for (int n = 1; n <= order; n++) {
            double acc = m[n];
            for (int k = 1; k < n; k++) {
                acc -= (double) k / n * c[k] * m[n - k];
            }
            c[n] = acc / m[0];
            fact *= n;
            sn *= scale;
            out[n - 1] = c[n] * fact * sn;
        }
        out[0] += kappa1 * t;
        return out;
    }
}
