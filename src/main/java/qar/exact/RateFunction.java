package qar.exact;

import qar.model.JumpProcess;

/**
 * The large-deviation rate function I(j) = sup_s [s j - lambda(s)] of the energy current j (energy
 * per unit time, in the process's energy units) entering from one reservoir, the others untilted.
 *
 * <p>s j - lambda(s) is concave in s, so the sup is found by bracketing (doubling away from s = 0
 * towards sign(j - I)) and golden-section search to 1e-9 of s; the maximum value is insensitive
 * to the error in the maximiser (quadratic: 1e-18 relative), so it is as accurate as lambda itself. No derivatives of lambda are
 * taken: finite differences of lambda lose half the digits, and Newton on lambda'(s) = j diverges
 * where lambda is nearly linear (far tails). Where lambda(s) is +infinity (tilted rates overflow)
 * the search stays below that s, so I(j) far out is then a lower bound; the bracket is capped at
 * |s| q <= 600 per quantum step q. Immutable.
 */
public final class RateFunction {
    private static final double MAX_EXPONENT = 600.0;
    private static final int GOLDEN_STEPS = 200;

    private final GeneratingFunction cgf;
    private final int reservoir;
    private final int reservoirs;
    private final String name;
    private final double current;
    private final double noise;
    private final double sCap;

    private RateFunction(JumpProcess p, int reservoir, double current, double noise) {
        this.cgf = GeneratingFunction.of(p);
        this.reservoir = reservoir;
        this.reservoirs = p.reservoirs().size();
        this.name = p.reservoirs().get(reservoir).name();
        this.current = current;
        this.noise = noise;
        long maxQuanta = 1;
        for (var ch : p.channels()) {
            if (ch.reservoir() == reservoir) {
                maxQuanta = Math.max(maxQuanta, Math.abs(ch.energy()));
            }
        }
        this.sCap = MAX_EXPONENT / (maxQuanta * p.energyUnit());
    }

    public static RateFunction of(JumpProcess process, int reservoir) {
        if (reservoir < 0 || reservoir >= process.reservoirs().size()) {
            throw new IllegalArgumentException("no reservoir " + reservoir + " in " + process);
        }
        ExactSolution sol = ExactSolver.solve(process, 2);
        ReservoirStatistics st = sol.reservoirs().get(reservoir);
        // the noise against the gross flow of squared energy it nets: below 1e-12 of it, the
        // long-time fluctuations vanish (e.g. a reservoir that only moves the system up and down
        // while no other bath acts) and I(j) is infinite away from j = I
        double gross = 0;
        double[] pi = sol.populations();
        for (var ch : process.channels()) {
            if (ch.reservoir() == reservoir) {
                double e = ch.energy() * process.energyUnit();
                gross += ch.rate() * pi[ch.from()] * e * e;
            }
        }
        if (!(st.noise() > 1e-12 * gross)) {
            throw new IllegalArgumentException("the energy from " + st.name() + " does not fluctuate at long times"
                    + " (noise " + st.noise() + " is round-off against a gross flow of " + gross
                    + "): its rate function is infinite away from j = " + st.current());
        }
        return new RateFunction(process, reservoir, st.current(), st.noise());
    }

    /** I(j) on a grid of currents; j and rate have equal lengths. */
    public record Curve(String reservoir, double[] current, double[] rate) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Curve c && reservoir.equals(c.reservoir)
                    && java.util.Arrays.equals(current, c.current) && java.util.Arrays.equals(rate, c.rate);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(current) * 31 + java.util.Arrays.hashCode(rate);
        }

        @Override
        public String toString() {
            return "Curve[reservoir=" + reservoir + ", points=" + current.length + "]";
        }
    }

    /** The mean current I, where the rate function vanishes. */
    public double current() {
        return current;
    }

    /** The scaled noise S = lambda''(0). */
    public double noise() {
        return noise;
    }

    /** lambda(s) with only this reservoir tilted, s per unit energy. */
    public double lambda(double s) {
        double[] f = new double[reservoirs];
        f[reservoir] = s;
        return cgf.lambda(f);
    }

    /** I(j) >= 0, 0 at j = current(). */
    public double rate(double j) {
        return maximise(j)[1];
    }

    /** The maximiser s and the maximum of s j - lambda(s). */
    private double[] maximise(double j) {
        if (!Double.isFinite(j)) {
            throw new IllegalArgumentException("current must be finite, got " + j);
        }
        if (j == current) {
            return new double[] {0.0, 0.0};
        }
        int dir = j > current ? 1 : -1;
        // bracket the maximiser of phi(s) = s j - lambda(s) in dir * s in [lo, hi]
        double lo = 0;
        double mid = noise > 0 ? Math.min(sCap, Math.abs(j - current) / noise) : Math.min(sCap, 1.0);
        double fmid = phi(dir * mid, j);
        double hi = mid;
        double fhi = fmid;
        while (true) {
            hi = Math.min(sCap, 2 * mid);
            fhi = phi(dir * hi, j);
            if (!(fhi > fmid) || hi == sCap) {
                break;
            }
            lo = mid;
            mid = hi;
            fmid = fhi;
        }
        if (fhi > fmid) {
            return new double[] {dir * hi, Math.max(0.0, fhi)};
        }
        double gr = 0.5 * (Math.sqrt(5) - 1);
        double a = lo;
        double b = hi;
        double x1 = b - gr * (b - a);
        double x2 = a + gr * (b - a);
        double f1 = phi(dir * x1, j);
        double f2 = phi(dir * x2, j);
        for (int it = 0; it < GOLDEN_STEPS && b - a > 1e-9 * b; it++) {
            if (f1 > f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - gr * (b - a);
                f1 = phi(dir * x1, j);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + gr * (b - a);
                f2 = phi(dir * x2, j);
            }
        }
        double best = Math.max(fmid, Math.max(f1, f2));
        double arg = best == f1 ? x1 : best == f2 ? x2 : mid;
        return new double[] {dir * arg, Math.max(0.0, best)};
    }

    private double phi(double s, double j) {
        double l = lambda(s);
        return Double.isFinite(l) ? s * j - l : Double.NEGATIVE_INFINITY;
    }

    /**
     * I(j) over I +- spread * max(|I|, sqrt(S)): the Gaussian bulk near I and, for spread of a
     * few, both tails. Parametric Legendre transform: the maximisers s of the two end currents are
     * found as in {@link #rate}, then for {@code points} tilts s evenly spaced between them
     * j = lambda'(s) (central difference) and I = s j - lambda(s). An error delta in j moves the
     * pair along the tangent, so I(j) is off by O(delta^2) only; three lambda per point instead
     * of a search per point.
     */
    public Curve curve(int points, double spread) {
        if (points < 2 || !(spread > 0)) {
            throw new IllegalArgumentException("need points >= 2 and spread > 0");
        }
        double width = Math.max(Math.abs(current), Math.sqrt(noise));
        double sLo = maximise(current - spread * width)[0];
        double sHi = maximise(current + spread * width)[0];
        double scale = noise > 0 ? 1 / Math.sqrt(noise) : 1;
        double[] j = new double[points];
        double[] r = new double[points];
        int m = 0;
        for (int k = 0; k < points; k++) {
            double sk = sLo + (sHi - sLo) * k / (points - 1);
            double h = 1e-5 * Math.max(Math.abs(sk), scale);
            double l = lambda(sk);
            double slope = (lambda(sk + h) - lambda(sk - h)) / (2 * h);
            if (Double.isFinite(l) && Double.isFinite(slope)) {
                j[m] = slope;
                r[m] = Math.max(0.0, sk * slope - l);
                m++;
            }
        }
        if (m < 2) {
            // a chain whose rates span most of the doubles: lambda(s) overflows or loses every digit
            throw new UnresolvableModelException("the rate function of " + name + ": lambda(s) is not finite"
                    + " at " + (points - m) + " of " + points + " tilts; the rates span more than its double arithmetic holds");
        }
        return new Curve(name, java.util.Arrays.copyOf(j, m), java.util.Arrays.copyOf(r, m));
    }
}
