package qar.exact;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * idea applied to the propagator. Mean and variance solve {@code -R0 x = p0} by a subtraction-free
 * GTH elimination (pivots: censored off-diagonal rates plus censored watched leak). Numbers:
 * src/site/markdown/exact.md, "Waiting-time distributions". Immutable.
 */
public final class WaitingTimes {
    private static final double THETA = 0.5;
    private static final int TERMS = 15;
    /** Grid ends where the survival first falls below this. */
    private static final double TAIL = 1e-12;
    /** Longest tail followed by {@link #grid}: 2^200 fastest time scales. */
    private static final int MAX_SQUARINGS = 200;

    private final int d;
    private final int[] from;
    private final int[] to;
    private final double[] rate;
    private final double[] diag;
    private final double[] leak;
    private final double[] start;
    private final double mu;
    private final double h;
    private final double watchedRate;
    private final double mean;
    private final double secondMoment;
    private final List<double[]> powers = new ArrayList<>();
    private final List<double[]> deficits = new ArrayList<>();

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
        this.from = from;
        this.to = to;
        this.rate = rate;
        this.diag = diag;
        this.leak = leak;
        this.start = start;
        this.mu = mu;
        this.h = Math.scalb(1.0, Math.getExponent(THETA / mu));
        this.watchedRate = watchedRate;
        this.mean = mean;
        this.secondMoment = secondMoment;
        firstPower();
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
        double[][] solve = moments(d, from, to, rate, leak, live, p0);
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

    /**
     * x1 = (-R0)^-1 p0 and x2 = (-R0)^-1 x1 by GTH elimination from the top level down, on the rates
     * times a power of two s that brings the largest to about 1 (exact; x1 and x2 scale back by s and
     * s^2), so rates of any overall scale keep their digits. A nonzero censored rate or probability
     * that comes out below 2^-960 has lost digits to underflow (and one lost entirely may have been
     * the only way out): such a chain is eliminated again with exponents ({@link #wideMoments}).
     */
    private static double[][] moments(int d, int[] from, int[] to, double[] rate, double[] leak0, boolean[] live,
            double[] p0) {
        double largest = 0;
        for (int k = 0; k < from.length; k++) {
            largest = live[from[k]] ? Math.max(largest, rate[k]) : largest;
        }
        for (int a = 0; a < d; a++) {
            largest = live[a] ? Math.max(largest, leak0[a]) : largest;
        }
        int e = Math.getExponent(largest);
        double scale = Math.scalb(1.0, -e);
        double[] g = new double[Dense.length(d)];
        boolean tiny = false;
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]]) {
                g[to[k] * d + from[k]] += rate[k] * scale;
                tiny |= rate[k] * scale < GthFactorization.TINY;
            }
        }
        double[] leak = new double[d];
        for (int a = 0; a < d; a++) {
            leak[a] = leak0[a] * scale;
            tiny |= leak0[a] > 0 && leak[a] < GthFactorization.TINY;
        }
        double[] pivot = new double[d];
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n]) {
                continue;
            }
            double s = leak[n];
            for (int i = 0; i < n; i++) {
                s += g[i * d + n];
            }
            pivot[n] = s;
            for (int j = 0; j < n; j++) {
                double gnj = g[n * d + j];
                if (gnj == 0) {
                    continue;
                }
                double f = gnj / s;
                tiny |= f < GthFactorization.TINY;
                for (int i = 0; i < n; i++) {
                    if (i != j) {
                        double gin = g[i * d + n];
                        double add = gin * f;
                        tiny |= gin != 0 && add < GthFactorization.TINY;
                        g[i * d + j] += add;
                    }
                }
                double add = leak[n] * f;
                tiny |= leak[n] != 0 && add < GthFactorization.TINY;
                leak[j] += add;
            }
        }
        if (tiny) {
            return wideMoments(d, from, to, rate, leak0, live, p0);
        }
        double[] x1 = gthSolve(d, g, pivot, live, p0);
        double[] x2 = gthSolve(d, g, pivot, live, x1);
        for (int a = 0; a < d; a++) {
            x1[a] = Math.scalb(x1[a], -e);
            x2[a] = Math.scalb(x2[a], -2 * e);
        }
        return new double[][] {x1, x2};
    }

    /**
     * {@link #moments} with every number carrying its own exponent ({@link WideNumber}), for chains
     * whose censored rates underflow the doubles: nothing is subtracted, so nothing is lost.
     */
    private static double[][] wideMoments(int d, int[] from, int[] to, double[] rate, double[] leak0,
            boolean[] live, double[] p0) {
        double[] gM = DoubleDouble.vector(Dense.length(d));
        int[] gE = new int[Dense.length(d)];
        double[] leakM = DoubleDouble.vector(d);
        int[] leakE = new int[d];
        WideNumber r = new WideNumber();
        WideNumber x = new WideNumber();
        WideNumber f = new WideNumber();
        for (int k = 0; k < from.length; k++) {
            if (live[from[k]]) {
                r.load(gM, gE, to[k] * d + from[k]).add(rate[k], 0, 0).store(gM, gE, to[k] * d + from[k]);
            }
        }
        for (int a = 0; a < d; a++) {
            r.set(leak0[a], 0, 0).store(leakM, leakE, a);
        }
        double[] pivotM = DoubleDouble.vector(d);
        int[] pivotE = new int[d];
        WideNumber s = new WideNumber();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n]) {
                continue;
            }
            s.load(leakM, leakE, n);
            for (int i = 0; i < n; i++) {
                s.add(gM, gE, i * d + n);
            }
            s.store(pivotM, pivotE, n);
            for (int j = 0; j < n; j++) {
                if (gM[2 * (n * d + j)] == 0) {
                    continue;
                }
                f.load(gM, gE, n * d + j).divide(s);
                for (int i = 0; i < n; i++) {
                    if (i != j && gM[2 * (i * d + n)] != 0) {
                        r.load(gM, gE, i * d + n).multiply(f).addTo(gM, gE, i * d + j, x);
                    }
                }
                if (leakM[2 * n] != 0) {
                    r.load(leakM, leakE, n).multiply(f).addTo(leakM, leakE, j, x);
                }
            }
        }
        double[] x1 = wideSolve(d, gM, gE, pivotM, pivotE, live, p0);
        return new double[][] {x1, wideSolve(d, gM, gE, pivotM, pivotE, live, x1)};
    }

    private static double[] wideSolve(int d, double[] gM, int[] gE, double[] pivotM, int[] pivotE, boolean[] live,
            double[] rhs) {
        double[] bM = DoubleDouble.vector(d);
        int[] bE = new int[d];
        WideNumber t = new WideNumber();
        WideNumber f = new WideNumber();
        WideNumber x = new WideNumber();
        for (int a = 0; a < d; a++) {
            t.set(rhs[a], 0, 0).store(bM, bE, a);
        }
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || bM[2 * n] == 0) {
                continue;
            }
            f.load(bM, bE, n).divide(pivotM, pivotE, n);
            for (int i = 0; i < n; i++) {
                if (gM[2 * (i * d + n)] != 0) {
                    t.load(gM, gE, i * d + n).multiply(f).addTo(bM, bE, i, x);
                }
            }
        }
        double[] xM = DoubleDouble.vector(d);
        int[] xE = new int[d];
        double[] out = new double[d];
        WideNumber acc = new WideNumber();
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                continue;
            }
            acc.load(bM, bE, n);
            for (int j = 0; j < n; j++) {
                if (gM[2 * (n * d + j)] != 0 && xM[2 * j] != 0) {
                    acc.add(t.load(gM, gE, n * d + j).multiply(xM, xE, j));
                }
            }
            acc.divide(pivotM, pivotE, n).store(xM, xE, n);
            out[n] = acc.doubleValue();
        }
        return out;
    }

    private static double[] gthSolve(int d, double[] g, double[] pivot, boolean[] live, double[] rhs) {
        double[] b = rhs.clone();
        for (int n = d - 1; n >= 0; n--) {
            if (!live[n] || b[n] == 0) {
                continue;
            }
            double f = b[n] / pivot[n];
            for (int i = 0; i < n; i++) {
                b[i] += g[i * d + n] * f;
            }
        }
        double[] x = new double[d];
        for (int n = 0; n < d; n++) {
            if (!live[n]) {
                continue;
            }
            double acc = b[n];
            for (int j = 0; j < n; j++) {
                acc += g[n * d + j] * x[j];
            }
            x[n] = acc / pivot[n];
        }
        return x;
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

    /** exp(R0 tau) p0; cdf[0] receives delta(tau) . p0. */
    private double[] propagate(double tau, double[] cdf) {
        if (!(tau >= 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and >= 0, got " + tau);
        }
        double steps = Math.floor(tau / h);
        double r = Math.max(0, tau - steps * h);
        // exp(R0 r) p0 and its deficit by the shifted series; r < h so mu r <= THETA
        double a = mu * r;
        double[] v = new double[d];
        double c = series(start, r, phiCoefficients(a), v);
        double e = Math.exp(-a);
        for (int i = 0; i < d; i++) {
            v[i] *= e;
        }
        c *= r;
        int top = steps == 0 ? -1 : Math.getExponent(steps);
        double[] w = new double[d];
        for (int j = top; j >= 0; j--) {
            double p = Math.scalb(1.0, j);
            if (steps >= p) {
                steps -= p;
                c += dot(deficit(j), v);
                double[] m = power(j);
                java.util.Arrays.fill(w, 0);
                for (int i = 0; i < d; i++) {
                    double acc = 0;
                    for (int k = 0; k < d; k++) {
                        acc += m[i * d + k] * v[k];
                    }
                    w[i] = acc;
                }
                double[] t = v;
                v = w;
                w = t;
            }
        }
        cdf[0] = c;
        return v;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    /**
     * c_k = int_0^1 e^{-a s} s^k / k! ds = e^{-a} sum_j a^j / (j + k + 1)!, all terms positive.
     */
    private static double[] phiCoefficients(double a) {
        double[] c = new double[TERMS + 1];
        for (int k = 0; k <= TERMS; k++) {
            double term = 1 / factorial(k + 1);
            double s = term;
            for (int j = 1; j < 40 && term > 1e-18 * s; j++) {
                term *= a / (j + k + 1);
                s += term;
            }
            c[k] = Math.exp(-a) * s;
        }
        return c;
    }

    /** out = f (R0 + mu I) x over the live levels, sparse. */
    private void shifted(double[] x, double[] out, double f) {
        for (int i = 0; i < d; i++) {
            out[i] = f * diag[i] * x[i];
        }
        for (int k = 0; k < from.length; k++) {
            double xf = x[from[k]];
            if (xf != 0) {
                out[to[k]] += f * rate[k] * xf;
            }
        }
    }

    private synchronized double[] power(int j) {
        while (powers.size() <= j) {
            int last = powers.size() - 1;
            double[] e = powers.get(last);
            double[] e2 = new double[Dense.length(d)];
            FiniteTimeCumulants.multiplyAdd(e, e, e2, d);
            double[] del = deficits.get(last);
            double[] del2 = del.clone();
            for (int k = 0; k < d; k++) {
                double acc = 0;
                for (int i = 0; i < d; i++) {
                    acc += del[i] * e[i * d + k];
                }
                del2[k] += acc;
            }
            pin(e2, del2);
            powers.add(e2);
            deficits.add(del2);
        }
        return powers.get(j);
    }

    private synchronized double[] deficit(int j) {
        power(j);
        return deficits.get(j);
    }

    /**
     * The shifted Taylor series of exp((R0 + mu) r) x into {@code v} (not yet times e^{-mu r}),
     * returning the series of its deficit l^T phi_1 x with the given coefficients.
     */
    private double series(double[] x, double r, double[] coef, double[] v) {
        double[] term = x.clone();
        double[] next = new double[d];
        System.arraycopy(x, 0, v, 0, d);
        double c = coef[0] * dot(leak, term);
        for (int k = 1; k <= TERMS; k++) {
            shifted(term, next, r / k);
            double[] t = term;
            term = next;
            next = t;
            for (int i = 0; i < d; i++) {
                v[i] += term[i];
            }
            c += coef[k] * factorial(k) * dot(leak, term);
        }
        return c;
    }

    /** E_0 = exp(R0 h) and delta_0 = h l^T phi_1(R0 h), column by column. */
    private void firstPower() {
        double a = mu * h;
        double[] coef = phiCoefficients(a);
        double e = Math.exp(-a);
        double[] m = new double[Dense.length(d)];
        double[] del = new double[d];
        double[] unit = new double[d];
        double[] v = new double[d];
        for (int col = 0; col < d; col++) {
            java.util.Arrays.fill(unit, 0);
            unit[col] = 1;
            double c = series(unit, h, coef, v);
            for (int i = 0; i < d; i++) {
                m[i * d + col] = e * v[i];
            }
            del[col] = h * c;
        }
        pin(m, del);
        powers.add(m);
        deficits.add(del);
    }

    /** Rescales column k to sum 1 - delta_k where that difference is free of cancellation. */
    private void pin(double[] m, double[] del) {
        for (int k = 0; k < d; k++) {
            if (!(del[k] <= 0.5)) {
                continue;
            }
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += m[i * d + k];
            }
            if (s > 0) {
                double f = (1 - del[k]) / s;
                for (int i = 0; i < d; i++) {
                    m[i * d + k] *= f;
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s;
    }
}
