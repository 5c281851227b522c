package qar.exact;

import java.util.Arrays;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The exact finite-time distribution P(n, t) of the number n of quanta that entered the system from
 * one reservoir during [0, t], from a given initial distribution over the levels.
 *
 * <p>n lives on the lattice g Z, g the gcd of that reservoir's channel energies. M(s + i chi) =
 * 1^T exp(L(s + i chi) t) rho0 on M points chi_j = 2 pi j / M and an inverse DFT give the tilted
 * P_s(n) = P(n) e^{s n} / M(s). Pitfall: the DFT error is absolute, a few ulps of the largest P_s,
 * so one tilt resolves only the bulk. A ladder of real tilts covers the Chernoff window
 * [n_lo, n_hi], each n takes the tilt where it stands highest above that tilt's noise floor, and
 * values below 1e5 times the floor are NaN: not resolved, never guessed. {@code massLeftOut} is
 * the Chernoff bound achieved.
 *
 * <p>Why shifted Taylor and squaring: (L(s + i chi) + mu I) h, mu the largest escape rate, has a
 * nonnegative envelope, so nothing cancels however stiff the rates; scale and shift are kept as
 * logarithms. The shift costs every P(n) a relative error ~ mu t 1e-16. Each exponential is
 * O(d^3), so starts dominated by the stationary state are first cut to their populated levels
 * ({@link Truncation}; its bound is added to {@code massLeftOut}, values below 1e13 times it are NaN).
 * Derivation, cost, measurements and the alternatives tried: src/site/markdown/exact.md,
 * "How P(n, t) is computed". Immutable.
 */
public final class CountingDistribution {
    /** Neighbouring tilted means this many tilted standard deviations apart. */
    private static final double TILT_SPACING = 3.0;
    /** Initial DFT length in tilted standard deviations; tails are often far from Gaussian. */
    private static final double WINDOW_SIGMAS = 24.0;
    /** A tilt resolves n where P_s(n) exceeds its noise floor by this factor. */
    private static final double RESOLVE = 1e5;
    /**
     * Largest envelope norm times t: the relative error of M grows like that times 1e-16, so
     * larger tilts are refused (reported as an infinite M, which the searches avoid).
     */
    private static final double MAX_NORM_TIME = 1e11;
    /** Most extra tilts that fill the ladder's holes, per distribution. */
    private static final int MAX_HOLE_TILTS = 32;
    /** Largest DFT length. */
    private static final int MAX_DFT = 1 << 16;
    /** Taylor terms are added until the envelope bound theta^k / k! drops below this. */
    private static final double TAYLOR_TOL = 0x1p-56;
    /** Largest tilt exponent per channel, so tilted rates stay finite. */
    private static final double MAX_EXPONENT = 600.0;
    /**
     * Levels are cut ({@link Truncation}) with a total-variation bound of this times the tail mass:
     * 1e-32 at the default tail, far below the smallest values a window of that tail reports.
     */
    private static final double CUT_TOLERANCE = 1e-20;
    /**
     * Values below this times the cut's bound are NaN: every value reported then carries at most
     * 1e-13 relative error from the cut, below the floating-point error.
     */
    private static final double CUT_RESOLVE = 1e13;
    /** Default bound on the probability left outside the returned window. */
    public static final double DEFAULT_TAIL = 1e-12;

    private final String reservoirName;
    private final int d;
    private final int w;
    private final int[] from;
    private final int[] to;
    private final double[] rate;
    /** lattice steps moved by each channel, 0 for channels of other reservoirs */
    private final long[] step;
    private final double[] escape;
    private final double mu;
    private final long g;
    private final long maxStep;
    private final JumpProcess process;
    private final int reservoir;

    private CountingDistribution(JumpProcess p, int reservoir, long g) {
        this.process = p;
        this.reservoir = reservoir;
        this.reservoirName = p.reservoirs().get(reservoir).name();
        this.d = p.dimension();
        this.w = Math.min(p.bandwidth(), d - 1);
        List<Channel> chs = p.channels();
        int c = chs.size();
        from = new int[c];
        to = new int[c];
        rate = new double[c];
        step = new long[c];
        long ms = 0;
        for (int k = 0; k < c; k++) {
            Channel ch = chs.get(k);
            from[k] = ch.from();
            to[k] = ch.to();
            rate[k] = ch.rate();
            step[k] = ch.reservoir() == reservoir ? ch.energy() / g : 0;
            ms = Math.max(ms, Math.abs(step[k]));
        }
        this.g = g;
        this.maxStep = ms;
        this.escape = p.escapeRates();
        double m = 0;
        for (double e : escape) {
            m = Math.max(m, e);
        }
        this.mu = m;
    }

    /**
     * @param process   the jump process
     * @param reservoir index of the counted reservoir in {@code process.reservoirs()}
     */
    public static CountingDistribution of(JumpProcess process, int reservoir) {
        if (reservoir < 0 || reservoir >= process.reservoirs().size()) {
            throw new IllegalArgumentException("no reservoir " + reservoir + " in " + process);
        }
        long g = 0;
        for (Channel ch : process.channels()) {
            if (ch.reservoir() == reservoir) {
                g = gcd(g, Math.abs(ch.energy()));
            }
        }
        return new CountingDistribution(process, reservoir, g == 0 ? 1 : g);
    }

    /** Lattice step g of n, in quanta. */
    public long step() {
        return g;
    }

    /**
     * P(n, t) for n on g Z, index k of {@code probability} is n = nMin + k step; NaN where not
     * resolved. {@code massLeftOut} is a Chernoff bound on P(n outside the window).
     */
    public record Result(String reservoir, double t, long nMin, long step, double[] probability, double massLeftOut) {

        public long n(int k) {
            return nMin + k * step;
        }

        public long nMax() {
            return n(probability.length - 1);
        }

        /** P(n, t); 0 off the lattice, NaN outside the window or where not resolved. */
        public double at(long n) {
            if (Math.floorMod(n - nMin, step) != 0) {
                return 0.0;
            }
            long k = (n - nMin) / step;
            return k < 0 || k >= probability.length ? Double.NaN : probability[(int) k];
        }

        /** Sum of the resolved values. */
        public double resolvedSum() {
            double s = 0;
            for (double p : probability) {
                if (!Double.isNaN(p)) {
                    s += p;
                }
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && reservoir.equals(r.reservoir) && Double.compare(t, r.t) == 0
                    && nMin == r.nMin && step == r.step && Arrays.equals(probability, r.probability)
                    && Double.compare(massLeftOut, r.massLeftOut) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(nMin) + Arrays.hashCode(probability);
        }

        @Override
        public String toString() {
            return "Result[reservoir=" + reservoir + ", t=" + t + ", n=" + nMin + ".." + nMax() + " step " + step
                    + ", massLeftOut=" + massLeftOut + "]";
        }
    }

    /** From the stationary state. */
    public Result stationary(double t) {
        return distribution(t, ExactSolver.stationaryState(process), DEFAULT_TAIL);
    }

    /** From one level. */
    public Result fromLevel(double t, int level) {
        if (level < 0 || level >= d) {
            throw new IllegalArgumentException("level " + level + " outside 0 .. " + (d - 1));
        }
        double[] rho = new double[d];
        rho[level] = 1.0;
        return distribution(t, rho, DEFAULT_TAIL);
    }

    /**
     * @param t        window length, finite and >= 0
     * @param rho0     initial distribution (entries >= 0, sum 1 within 1e-12)
     * @param tailMass bound on the probability left outside the window, in (0, 0.5]; smaller values
     *                 widen the window into the far tails (1e-200 is fine)
     */
    public Result distribution(double t, double[] rho0, double tailMass) {
        validate(t, rho0);
        if (!(tailMass > 0) || tailMass > 0.5) {
            throw new IllegalArgumentException("tail mass must be in (0, 0.5], got " + tailMass);
        }
        if (t == 0 || maxStep == 0) {
            return new Result(reservoirName, t, 0, g, new double[] {1.0}, 0.0);
        }
        if (d < Truncation.MIN_DIMENSION) {
            return solve(t, rho0, tailMass);
        }
        double[] pi = ExactSolver.stationaryState(process);
        Truncation cut = Truncation.of(process, pi, rho0, t, CUT_TOLERANCE * tailMass);
        if (cut.process() == process) {
            return solve(t, rho0, tailMass);
        }
        CountingDistribution small = new CountingDistribution(cut.process(), reservoir, g);
        if (small.maxStep == 0) {
            return new Result(reservoirName, t, 0, g, new double[] {1.0}, cut.bound());
        }
        Result r = small.solve(t, cut.initial(), tailMass);
        double[] p = r.probability().clone();
        // a value too small to survive the cut's error is not shown, and its mass is counted as left out
        double dropped = 0;
        for (int k = 0; k < p.length; k++) {
            if (p[k] < CUT_RESOLVE * cut.bound()) {
                dropped += p[k] + cut.bound();
                p[k] = Double.NaN;
            }
        }
        return new Result(reservoirName, t, r.nMin(), g, p, r.massLeftOut() + cut.bound() + dropped);
    }

    /** The distribution of this (possibly cut) process; arguments already checked. */
    private Result solve(double t, double[] rho0, double tailMass) {
        double target = Math.log(tailMass / 2);
        double sCap = MAX_EXPONENT / maxStep;
        Chernoff hi = chernoff(t, rho0, target, +1, sCap);
        Chernoff lo = chernoff(t, rho0, target, -1, sCap);
        // lattice points (in steps): P(m >= mHi + 1) <= e^{bound}, P(m <= mLo - 1) likewise
        long mHi = (long) Math.ceil(hi.a) - 1;
        long mLo = (long) Math.floor(lo.a) + 1;
        if (mHi < mLo) {
            mHi = mLo;
        }
        double left = Math.exp(logF(hi.s, t, rho0) - hi.s * (mHi + 1))
                + Math.exp(logF(lo.s, t, rho0) - lo.s * (mLo - 1));
        int size = Math.toIntExact(mHi - mLo + 1);
        double[] best = new double[size];
        double[] score = new double[size];
        double[] bound = new double[size];
        Arrays.fill(best, Double.NaN);
        Arrays.fill(score, 0.0);
        Arrays.fill(bound, Double.POSITIVE_INFINITY);
        // ladder of tilts from 0 up to hi.s and down to lo.s, stopping once the end of the window lies
        // within two tilted standard deviations of the tilted mean (there P_s is still ~e^-2 of its
        // peak, resolved to ~1e-10); heavy tails make the mean run away near the end (at the
        // defaults c's last step moved it from -17 to -29 and cost a 1058-point DFT for nothing)
        double[] at0 = tilt(0, t, rho0, mLo, best, score, bound, null);
        for (int dir = +1; dir >= -1; dir -= 2) {
            double end = dir > 0 ? hi.s : lo.s;
            long edge = dir > 0 ? mHi : mLo;
            double s = 0;
            double[] at = at0;
            while (dir * s < dir * end && dir * (at[0] + dir * 2 * at[1] - edge) < 0) {
                double next = s + dir * Math.min(1.0, TILT_SPACING / at[1]);
                s = dir > 0 ? Math.min(next, end) : Math.max(next, end);
                at = tilt(s, t, rho0, mLo, best, score, bound, null);
            }
        }
        left += fillHoles(t, rho0, mLo, lo.s, hi.s, best, score, bound);
        return new Result(reservoirName, t, mLo * g, g, best, left);
    }

    private void validate(double t, double[] rho0) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0, got " + t);
        }
        if (rho0.length != d) {
            throw new IllegalArgumentException("initial distribution has length " + rho0.length + ", expected " + d);
        }
        double sum = 0;
        for (double x : rho0) {
            if (!(x >= 0) || !Double.isFinite(x)) {
                throw new IllegalArgumentException("initial distribution has an entry " + x);
            }
            sum += x;
        }
        if (Math.abs(sum - 1) > 1e-12) {
            throw new IllegalArgumentException("initial distribution sums to " + sum);
        }
    }

    private double logF(double s, double t, double[] rho0) {
        double[] out = new double[3];
        propagate(s, 0.0, t, rho0, false, out);
        return Math.log(out[0]) + out[2];
    }

    /** A Chernoff end: the tilt s and the lattice point a (in steps) with bound e^{target}. */
    private record Chernoff(double s, double a) {
    }

    /**
     * Minimises phi(s) = (F(s) - target) / s over dir * s in (0, cap]: then P(dir m >= dir phi) <=
     * e^{target}. phi is unimodal (its numerator's derivative is s F'' >= 0).
     */
    private Chernoff chernoff(double t, double[] rho0, double target, int dir, double cap) {
        double s0 = Math.min(cap, 1e-3);
        double fa = phi(dir * s0, t, rho0, target);
        double a = s0;
        double b = Math.min(cap, 2 * s0);
        double fb = phi(dir * b, t, rho0, target);
        double lo = 0;
        while (fb * dir < fa * dir && b < cap) {
            lo = a;
            a = b;
            fa = fb;
            b = Math.min(cap, 2 * b);
            fb = phi(dir * b, t, rho0, target);
        }
        if (fb * dir < fa * dir) {
            return new Chernoff(dir * b, fb);
        }
        // minimum of dir * phi in [lo, b]; golden section
        double gr = 0.5 * (Math.sqrt(5) - 1);
        double x1 = b - gr * (b - lo);
        double x2 = lo + gr * (b - lo);
        double f1 = phi(dir * x1, t, rho0, target);
        double f2 = phi(dir * x2, t, rho0, target);
        for (int it = 0; it < 60 && b - lo > 1e-3 * b; it++) {
            if (f1 * dir < f2 * dir) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - gr * (b - lo);
                f1 = phi(dir * x1, t, rho0, target);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + gr * (b - lo);
                f2 = phi(dir * x2, t, rho0, target);
            }
        }
        double[] cand = {fa, f1, f2};
        double[] cs = {a, x1, x2};
        int k = 0;
        for (int i = 1; i < 3; i++) {
            if (cand[i] * dir < cand[k] * dir) {
                k = i;
            }
        }
        return new Chernoff(dir * cs[k], cand[k]);
    }

    private double phi(double s, double t, double[] rho0, double target) {
        double f = logF(s, t, rho0);
        // F = -inf cannot be (M > 0): an underflow, as unusable as an overflow
        return Double.isFinite(f) ? (f - target) / s : Math.signum(s) * Double.POSITIVE_INFINITY;
    }

    /**
     * One tilt: its DFT, merged into best / score. Returns the tilted mean and standard deviation
     * (lattice steps).
     */
    private double[] tilt(double s, double t, double[] rho0, long mLo, double[] best, double[] score, double[] bound,
            boolean[] locked) {
        double f0 = logF(s, t, rho0);
        // tilted mean and variance from F by central differences (only to place and size the DFT)
        double var0 = Math.max(1.0, crudeVariance(s, t, rho0, f0));
        double delta = 1e-2 / Math.sqrt(var0);
        double fp = logF(s + delta, t, rho0);
        double fm = logF(s - delta, t, rho0);
        double mean;
        double var;
        if (Double.isFinite(fp) && Double.isFinite(fm)) {
            mean = (fp - fm) / (2 * delta);
            var = (fp - 2 * f0 + fm) / (delta * delta);
        } else if (Double.isFinite(fm)) {
            // the tilt sits at the largest one that can be computed: one-sided differences inwards
            double fmm = logF(s - 2 * delta, t, rho0);
            mean = (3 * f0 - 4 * fm + fmm) / (2 * delta);
            var = (f0 - 2 * fm + fmm) / (delta * delta);
        } else {
            double fpp = logF(s + 2 * delta, t, rho0);
            mean = (-3 * f0 + 4 * fp - fpp) / (2 * delta);
            var = (f0 - 2 * fp + fpp) / (delta * delta);
        }
        if (!Double.isFinite(mean) || !Double.isFinite(var)) {
            throw new IllegalStateException("the tilted distribution at s = " + s + " cannot be placed");
        }
        var = Math.max(var, 0.25);
        double sigma = Math.sqrt(var);
        int m = (int) Math.min(MAX_DFT, Math.max(32, Math.ceil(WINDOW_SIGMAS * sigma + 16)));
        m += m & 1;
        long centre = Math.round(mean);
        double[] ps;
        double floor;
        double[][] spectrum = null;
        while (true) {
            spectrum = spectrum(s, t, rho0, f0, m, spectrum);
            ps = dft(spectrum, m, centre);
            // P_s >= 0: negative values are noise; the outer eighths hold only noise and aliasing
            double neg = 0;
            double edge = 0;
            for (int r = 0; r < m; r++) {
                neg = Math.max(neg, -ps[r]);
                if (r < m / 8 || r >= m - m / 8) {
                    edge = Math.max(edge, Math.abs(ps[r]));
                }
            }
            floor = Math.max(Math.max(neg, edge), 0x1p-52);
            if (edge <= 16 * Math.max(neg, 0x1p-52) || 2 * m > MAX_DFT) {
                break;
            }
            m *= 2;
        }
        // P(n) = e^{f0 - s n} P_s(n) with P_s(n) <= 1 anywhere, and below (RESOLVE + 1) floor where
        // this tilt does not resolve n: a bound on what an unresolved n can hold
        long first = centre - m / 2;
        for (int k = 0; k < bound.length; k++) {
            long n = mLo + k;
            double ps1 = n >= first && n < first + m ? Math.min(1.0, (RESOLVE + 1) * floor) : 1.0;
            bound[k] = Math.min(bound[k], Math.exp(f0 - s * n) * ps1);
        }
        for (int r = 0; r < m; r++) {
            long n = centre - m / 2 + r;
            long k = n - mLo;
            if (k < 0 || k >= best.length || !(ps[r] > RESOLVE * floor) || locked != null && locked[(int) k]) {
                continue;
            }
            double sc = ps[r] / floor;
            if (sc > score[(int) k]) {
                score[(int) k] = sc;
                best[(int) k] = Math.exp(f0 - s * n + Math.log(ps[r]));
            }
        }
        return new double[] {mean, sigma};
    }

    /**
     * Every n of the window that the ladder left unresolved gets a tilt of its own, with its tilted
     * mean at n (where P_s(n) stands highest): a lattice whose P(n) alternates by decades (at
     * --N 7, t = 200, h: ~5e-6, 3e-6, 6e-3 in turn) can leave a small value between two tilts whose
     * means a heavy tail puts far apart. Those tilts only fill holes, never replace a value the
     * ladder resolved. Returns the mass of what stays unresolved, bounded from every tilt, which the
     * caller counts as left out.
     */
    private double fillHoles(double t, double[] rho0, long mLo, double sLo, double sHi, double[] best,
            double[] score, double[] bound) {
        boolean[] locked = new boolean[best.length];
        for (int k = 0; k < best.length; k++) {
            locked[k] = !Double.isNaN(best[k]);
        }
        int tilts = 0;
        for (int k = 0; k < best.length && tilts < MAX_HOLE_TILTS; k++) {
            if (Double.isNaN(best[k])) {
                tilt(tiltWithMean(mLo + k, sLo, sHi, t, rho0), t, rho0, mLo, best, score, bound, locked);
                tilts++;
            }
        }
        double unresolved = 0;
        for (int k = 0; k < best.length; k++) {
            if (Double.isNaN(best[k])) {
                unresolved += bound[k];
            }
        }
        return unresolved;
    }

    /** The tilt in [sLo, sHi] whose tilted mean F'(s) is n (lattice steps), by bisection: F is convex. */
    private double tiltWithMean(long n, double sLo, double sHi, double t, double[] rho0) {
        double a = sLo;
        double b = sHi;
        double mid = 0;
        for (int it = 0; it < 60 && b - a > 1e-12 * Math.max(1, Math.abs(mid)); it++) {
            mid = 0.5 * (a + b);
            double delta = 1e-4 * Math.max(1.0, Math.abs(mid));
            double mean = (logF(mid + delta, t, rho0) - logF(mid - delta, t, rho0)) / (2 * delta);
            if (!Double.isFinite(mean)) {
                // beyond the computable tilts: move inwards, towards s = 0
                if (mid > 0) {
                    b = mid;
                } else {
                    a = mid;
                }
            } else if (Math.abs(mean - n) < 0.25) {
                return mid;
            } else if (mean < n) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return mid;
    }

    /**
     * M(s + i chi_j) / M(s) at chi_j = 2 pi j / m, j = 0 .. m/2, as {re, im}. {@code previous}
     * holds the points for m / 2 (or null): when the DFT is doubled its points are the even ones.
     */
    private double[][] spectrum(double s, double t, double[] rho0, double f0, int m, double[][] previous) {
        double[] re = new double[m / 2 + 1];
        double[] im = new double[m / 2 + 1];
        boolean reuse = previous != null && previous[0].length == m / 4 + 1 && m % 4 == 0;
        // the points chi_j are independent: on every core, each into its own slot
        java.util.stream.IntStream.rangeClosed(0, m / 2).parallel().forEach(j -> {
            if (reuse && j % 2 == 0) {
                re[j] = previous[0][j / 2];
                im[j] = previous[1][j / 2];
                return;
            }
            double[] out = new double[3];
            propagate(s, 2 * Math.PI * j / m, t, rho0, true, out);
            double scale = Math.exp(out[2] - f0);
            re[j] = out[0] * scale;
            im[j] = out[1] * scale;
        });
        return new double[][] {re, im};
    }

    /** P_s on the window centre - m/2 .. centre + m/2 - 1 (lattice steps), aliased mod m. */
    private static double[] dft(double[][] spectrum, int m, long centre) {
        double[] re = spectrum[0];
        double[] im = spectrum[1];
        double[] cos = new double[m];
        double[] sin = new double[m];
        for (int k = 0; k < m; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        double[] ps = new double[m];
        for (int r = 0; r < m; r++) {
            int nm = (int) Math.floorMod(centre - m / 2 + r, (long) m);
            // sum over j = -m/2+1 .. m/2 of r_j e^{-2 pi i j n / m}, by conjugate symmetry
            double acc = re[0];
            for (int j = 1; j < m / 2; j++) {
                int idx = (int) ((long) j * nm % m);
                acc += 2 * (re[j] * cos[idx] + im[j] * sin[idx]);
            }
            int idx = (int) ((long) (m / 2) * nm % m);
            acc += re[m / 2] * cos[idx] + im[m / 2] * sin[idx];
            ps[r] = acc / m;
        }
        return ps;
    }

    /** Variance guess for sizing the finite-difference step: from a coarse second difference. */
    private double crudeVariance(double s, double t, double[] rho0, double f0) {
        double h = 1e-3;
        double fp = logF(s + h, t, rho0);
        double fm = logF(s - h, t, rho0);
        double v = (fp - 2 * f0 + fm) / (h * h);
        return Double.isFinite(v) ? v : 1.0;
    }

    /**
     * 1^T exp(L(s + i chi) t) rho0 as (re, im) * e^{out[2]}, s and chi per lattice step. With
     * {@code complex} false, chi is ignored and the arithmetic is real.
     */
    private void propagate(double s, double chi, double t, double[] rho0, boolean complex, double[] out) {
        int width = 2 * w + 1;
        // banded A / h: off-diagonal tilted rates, diagonal mu - escape; envelope column sums
        double[] bre = new double[d * width];
        double[] bim = complex ? new double[d * width] : null;
        double[] colsum = new double[d];
        for (int b = 0; b < d; b++) {
            bre[b * width + w] = mu - escape[b];
            colsum[b] = mu - escape[b];
        }
        for (int k = 0; k < rate.length; k++) {
            double mag = rate[k] * Math.exp(s * step[k]);
            int slot = to[k] * width + from[k] - to[k] + w;
            if (complex && step[k] != 0) {
                double ph = chi * step[k];
                bre[slot] += mag * Math.cos(ph);
                bim[slot] += mag * Math.sin(ph);
            } else {
                bre[slot] += mag;
            }
            colsum[from[k]] += mag;
        }
        double norm = 0;
        for (double c : colsum) {
            norm = Math.max(norm, c);
        }
        if (!(norm * t <= MAX_NORM_TIME)) {
            out[0] = Double.POSITIVE_INFINITY;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        double total = norm * t;
        int k = chooseSquarings(total);
        double h = Math.scalb(t, -k);
        double theta = norm * h;
        for (int i = 0; i < bre.length; i++) {
            bre[i] *= h;
            if (complex) {
                bim[i] *= h;
            }
        }
        // Taylor: S = sum_k T_k, T_k = A T_{k-1} / k, T_k has half bandwidth min(k w, d - 1)
        double[] sre = new double[Dense.length(d)];
        double[] sim = complex ? new double[Dense.length(d)] : null;
        double[] tre = new double[Dense.length(d)];
        double[] tim = complex ? new double[Dense.length(d)] : null;
        double[] ure = new double[Dense.length(d)];
        double[] uim = complex ? new double[Dense.length(d)] : null;
        for (int i = 0; i < d; i++) {
            sre[i * d + i] = 1;
            tre[i * d + i] = 1;
        }
        int band = 0;
        double bound = 1;
        for (int n = 1; bound > TAYLOR_TOL; n++) {
            int nb = Math.min(band + w, d - 1);
            Arrays.fill(ure, 0);
            if (complex) {
                Arrays.fill(uim, 0);
            }
            double inv = 1.0 / n;
            for (int i = 0; i < d; i++) {
                for (int l = Math.max(0, i - w); l <= Math.min(d - 1, i + w); l++) {
                    double ar = bre[i * width + l - i + w] * inv;
                    double ai = complex ? bim[i * width + l - i + w] * inv : 0;
                    if (ar == 0 && ai == 0) {
                        continue;
                    }
                    int jlo = Math.max(0, l - band);
                    int jhi = Math.min(d - 1, l + band);
                    int ri = i * d;
                    int rl = l * d;
                    if (complex) {
                        for (int j = jlo; j <= jhi; j++) {
                            double xr = tre[rl + j];
                            double xi = tim[rl + j];
                            ure[ri + j] += ar * xr - ai * xi;
                            uim[ri + j] += ar * xi + ai * xr;
                        }
                    } else {
                        for (int j = jlo; j <= jhi; j++) {
                            ure[ri + j] += ar * tre[rl + j];
                        }
                    }
                }
            }
            double[] sw = tre;
            tre = ure;
            ure = sw;
            if (complex) {
                sw = tim;
                tim = uim;
                uim = sw;
            }
            band = nb;
            for (int i = 0; i < d * d; i++) {
                sre[i] += tre[i];
            }
            if (complex) {
                for (int i = 0; i < d * d; i++) {
                    sim[i] += tim[i];
                }
            }
            bound *= theta / n;
            if (n > 100000) {
                throw new IllegalStateException("Taylor series did not converge");
            }
        }
        // squarings with exact power-of-two rescaling
        double logScale = 0;
        int e = rescale(sre, sim);
        logScale += e * Math.log(2);
        for (int q = 0; q < k; q++) {
            if (complex) {
                squareComplex(sre, sim, ure, uim);
                double[] sw = sre;
                sre = ure;
                ure = sw;
                sw = sim;
                sim = uim;
                uim = sw;
            } else {
                squareReal(sre, ure);
                double[] sw = sre;
                sre = ure;
                ure = sw;
            }
            logScale *= 2;
            e = rescale(sre, sim);
            logScale += e * Math.log(2);
        }
        // 1^T S rho0
        double vr = 0;
        double vi = 0;
        for (int b = 0; b < d; b++) {
            double rb = rho0[b];
            if (rb == 0) {
                continue;
            }
            double cr = 0;
            double ci = 0;
            for (int a = 0; a < d; a++) {
                cr += sre[a * d + b];
                if (complex) {
                    ci += sim[a * d + b];
                }
            }
            vr += cr * rb;
            vi += ci * rb;
        }
        out[0] = vr;
        out[1] = vi;
        out[2] = logScale - mu * t;
    }

    /**
     * Squarings K for a total envelope norm x = ||A|| t: minimises Taylor terms at theta = x 2^-K
     * (each a banded product, ~ (2w + 1) / d of a dense one) plus K dense squarings.
     */
    private int chooseSquarings(double x) {
        int bestK = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        int k0 = Math.max(0, Math.getExponent(x) - 10);
        for (int k = k0; k <= k0 + 40; k++) {
            double theta = Math.scalb(x, -k);
            if (theta > 500) {
                continue;
            }
            int terms = 0;
            double bound = 1;
            while (bound > TAYLOR_TOL) {
                terms++;
                bound *= theta / terms;
            }
            double cost = terms * Math.min(1.0, (2.0 * w + 1) / d) + k;
            if (cost < bestCost) {
                bestCost = cost;
                bestK = k;
            }
        }
        return bestK;
    }

    /** Divides by the power of two nearest the largest modulus; returns that exponent. */
    private static int rescale(double[] re, double[] im) {
        double m = 0;
        for (int i = 0; i < re.length; i++) {
            m = Math.max(m, Math.abs(re[i]));
            if (im != null) {
                m = Math.max(m, Math.abs(im[i]));
            }
        }
        if (m == 0 || !Double.isFinite(m)) {
            return 0;
        }
        int e = Math.getExponent(m);
        for (int i = 0; i < re.length; i++) {
            re[i] = Math.scalb(re[i], -e);
            if (im != null) {
                im[i] = Math.scalb(im[i], -e);
            }
        }
        return e;
    }

    private void squareReal(double[] a, double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int l = 0; l < d; l++) {
                double x = a[ri + l];
                if (x == 0) {
                    continue;
                }
                int rl = l * d;
                for (int j = 0; j < d; j++) {
                    out[ri + j] += x * a[rl + j];
                }
            }
        }
    }

    private void squareComplex(double[] ar, double[] ai, double[] or, double[] oi) {
        Arrays.fill(or, 0);
        Arrays.fill(oi, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int l = 0; l < d; l++) {
                double xr = ar[ri + l];
                double xi = ai[ri + l];
                if (xr == 0 && xi == 0) {
                    continue;
                }
                int rl = l * d;
                for (int j = 0; j < d; j++) {
                    double yr = ar[rl + j];
                    double yi = ai[rl + j];
                    or[ri + j] += xr * yr - xi * yi;
                    oi[ri + j] += xr * yi + xi * yr;
                }
            }
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
