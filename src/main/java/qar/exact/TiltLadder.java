package qar.exact;

import java.util.Arrays;

/**
 * The ladder of real tilts that resolves P(n, t) over the Chernoff window: each tilt's spectrum
 * ({@link TiltedPropagator}) and inverse transform ({@link LatticeDft}) give P_s(n), and each n
 * takes the tilt where it stands highest above that tilt's noise floor; holes get tilts of their
 * own. See {@link CountingDistribution} for the why and the pitfalls. Immutable.
 */
final class TiltLadder {
    /** Neighbouring tilted means this many tilted standard deviations apart. */
    private static final double TILT_SPACING = 3.0;
    /** Initial DFT length in tilted standard deviations; tails are often far from Gaussian. */
    private static final double WINDOW_SIGMAS = 24.0;
    /** A tilt resolves n where P_s(n) exceeds its noise floor by this factor. */
    private static final double RESOLVE = 1e5;
    /** Most extra tilts that fill the ladder's holes, per distribution. */
    private static final int MAX_HOLE_TILTS = 32;
    /**
     * Two tilts are the same where |s - s'| times the larger of the tilted standard deviation and the
     * window's width is below this: over the window their P_s(n) are in a ratio that varies by less than e^{0.01},
     * so the one done already resolved what the repeat would, up to cells at its threshold.
     */
    private static final double SAME_TILT = 1e-2;
    /** Largest DFT length. */
    private static final int MAX_DFT = 1 << 16;
    /** Largest tilt exponent per channel, so tilted rates stay finite. */
    private static final double MAX_EXPONENT = 600.0;

    private final TiltedPropagator propagator;
    private final String reservoirName;
    private final long g;

    private TiltLadder(TiltedPropagator propagator, String reservoirName, long g) {
        this.propagator = propagator;
        this.reservoirName = reservoirName;
        this.g = g;
    }

    static TiltLadder of(TiltedPropagator propagator, String reservoirName, long g) {
        return new TiltLadder(propagator, reservoirName, g);
    }

    long maxStep() {
        return propagator.maxStep();
    }

    /** The distribution of this (possibly cut) process; arguments already checked. */
    CountingDistribution.Result solve(double t, double[] rho0, double tailMass) {
        double target = Math.log(tailMass / 2);
        double sCap = MAX_EXPONENT / maxStep();
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
        java.util.List<double[]> done = new java.util.ArrayList<>();
        double[] at0 = tilt(0, t, rho0, mLo, best, score, bound, null);
        done.add(new double[] {0, at0[1]});
        for (int dir = +1; dir >= -1; dir -= 2) {
            double end = dir > 0 ? hi.s : lo.s;
            long edge = dir > 0 ? mHi : mLo;
            double s = 0;
            double[] at = at0;
            while (dir * s < dir * end && dir * (at[0] + dir * 2 * at[1] - edge) < 0) {
                double next = s + dir * Math.min(1.0, TILT_SPACING / at[1]);
                s = dir > 0 ? Math.min(next, end) : Math.max(next, end);
                at = tilt(s, t, rho0, mLo, best, score, bound, null);
                done.add(new double[] {s, at[1]});
            }
        }
        left += fillHoles(t, rho0, mLo, lo.s, hi.s, best, score, bound, done);
        return new CountingDistribution.Result(reservoirName, t, mLo * g, g, best, left);
    }

    private double logF(double s, double t, double[] rho0) {
        return propagator.logF(s, t, rho0);
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
        // minimum of dir * phi in [lo, b]; golden section, not Extremum: at the exact minimiser (Brent,
        // 1e-3 .. 1e-8) the ladder takes P(-26) of h at N = 7, t = 200 from a tilt that is 1.2e-5 off,
        // beyond RESOLVE's 1e-5 (CountingHolesTest): that floor must first become honest there
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
            ps = LatticeDft.dft(spectrum, m, centre);
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
            double[] score, double[] bound, java.util.List<double[]> done) {
        boolean[] locked = new boolean[best.length];
        for (int k = 0; k < best.length; k++) {
            locked[k] = !Double.isNaN(best[k]);
        }
        int tilts = 0;
        int repeats = 0;
        for (int k = 0; k < best.length && tilts < MAX_HOLE_TILTS && repeats < MAX_HOLE_TILTS; k++) {
            if (Double.isNaN(best[k])) {
                double s = tiltWithMean(mLo + k, sLo, sHi, t, rho0);
                // each search costs ~100 evaluations of F: a valley of thousands of holes is not searched hole by hole
                if (repeats(s, done, best.length)) {
                    repeats++;
                    continue;
                }
                double[] at = tilt(s, t, rho0, mLo, best, score, bound, locked);
                done.add(new double[] {s, at[1]});
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

    /**
     * Whether tilt s is one already done, {s_i, sigma_i}: |s - s_i| max(sigma_i, width) below
     * {@link #SAME_TILT}. Where a distribution has two modes (at N = 301, t = 1000, c: a dark start
     * near n = 0 and the bulk near 4000) no tilt puts its mean in the valley between them, and every
     * hole there asks for the critical tilt again (up to 32 times, each a spectrum of up to 65536
     * points, an hour in all).
     */
    private static boolean repeats(double s, java.util.List<double[]> done, int width) {
        for (double[] d : done) {
            if (Math.abs(s - d[0]) * Math.max(d[1], width) < SAME_TILT) {
                return true;
            }
        }
        return false;
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
            propagator.propagate(s, 2 * Math.PI * j / m, t, rho0, true, out);
            double scale = Math.exp(out[2] - f0);
            re[j] = out[0] * scale;
            im[j] = out[1] * scale;
        });
        return new double[][] {re, im};
    }

    /** Variance guess for sizing the finite-difference step: from a coarse second difference. */
    private double crudeVariance(double s, double t, double[] rho0, double f0) {
        double h = 1e-3;
        double fp = logF(s + h, t, rho0);
        double fm = logF(s - h, t, rho0);
        double v = (fp - 2 * f0 + fm) / (h * h);
        return Double.isFinite(v) ? v : 1.0;
    }
}
