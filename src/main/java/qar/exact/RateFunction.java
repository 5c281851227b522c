package qar.exact;

import qar.model.JumpProcess;

/**
 * The large-deviation rate function I(j) = sup_s [s j - lambda(s)] of the energy current j (energy
 * per unit time, in the process's energy units) entering from one reservoir, the others untilted.
 *
 * <p>s j - lambda(s) is concave in s, so the sup is found by bracketing (doubling away from s = 0
 * towards sign(j - I)) and Brent's method ({@link Extremum}) to 1e-9 of s; the maximum value is insensitive
 * to the error in the maximiser (quadratic: 1e-18 relative), so it is as accurate as lambda itself. No derivatives of lambda are
 * taken: finite differences of lambda lose half the digits, and Newton on lambda'(s) = j diverges
 * where lambda is nearly linear (far tails). Where lambda(s) is +infinity (tilted rates overflow)
 * the search stays below that s, so I(j) far out is then a lower bound; the bracket is capped at
 * |s| q <= 600 per quantum step q. Immutable.
 */
public final class RateFunction {
    private static final double MAX_EXPONENT = 600.0;
    /** Relative tolerance on the maximiser s. */
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_EVALUATIONS = 200;

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

    /** Largest gap between neighbouring currents of a curve, as a share of its range of j. */
    public static final double MAX_GAP = 0.01;

    /**
     * A stretch [jFrom, jTo] where I(j) is nearly affine: lambda(s) has a near-kink (a dynamical
     * coexistence of two phases, such as a parked and a cooling one), so lambda'(s) jumps across
     * it within one step of the evenly spaced tilts. {@code slope} is the chord's, and
     * {@code deviation} the largest distance of the curve's points in the stretch from the chord.
     */
    public record Affine(double jFrom, double jTo, double slope, double deviation) {
    }

    /** A gap in j this many times both neighbouring gaps marks a near-kink of lambda(s). */
    private static final double KINK = 4;

    /** I(j) on a grid of currents; j and rate have equal lengths; the affine stretches among them. */
    public record Curve(String reservoir, double[] current, double[] rate, java.util.List<Affine> affine) {
        public Curve {
            affine = java.util.List.copyOf(affine);
        }

        public Curve(String reservoir, double[] current, double[] rate) {
            this(reservoir, current, rate, java.util.List.of());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Curve c && reservoir.equals(c.reservoir)
                    && java.util.Arrays.equals(current, c.current) && java.util.Arrays.equals(rate, c.rate)
                    && affine.equals(c.affine);
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

    /** The maximiser s and the maximum of s j - lambda(s) (package-private for tests). */
    double[] maximise(double j) {
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
        Extremum best = Extremum.maximum(x -> phi(dir * x, j), lo, hi, mid, TOLERANCE, Double.MIN_NORMAL,
                MAX_EVALUATIONS);
        return new double[] {dir * best.x(), Math.max(0.0, best.value())};
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
     *
     * <p>Evenly spaced tilts leave wide gaps in j where lambda'(s) is steep (the tails) or turns
     * almost at once (a coexistence of two phases, across which I(j) is nearly affine; example in
     * src/site/markdown/exact.md, "Large deviations"). So tilts are bisected wherever neighbouring j are more than {@link #MAX_GAP} of the range
     * apart, down to steps of 1e-3 of s (relative; below, the central difference would smear the
     * turn); a gap still left is filled with currents spaced evenly in j, each by the direct
     * supremum of {@link #rate}. A gap of the even tilts that is {@link #KINK} times both its
     * neighbours is a near-kink of lambda: reported as an {@link Affine} stretch.
     */
    public Curve curve(int points, double spread) {
        if (points < 2 || !(spread > 0)) {
            throw new IllegalArgumentException("need points >= 2 and spread > 0");
        }
        double width = Math.max(Math.abs(current), Math.sqrt(noise));
        double sLo = maximise(current - spread * width)[0];
        double sHi = maximise(current + spread * width)[0];
        double scale = noise > 0 ? 1 / Math.sqrt(noise) : 1;
        java.util.List<double[]> pts = new java.util.ArrayList<>();
        for (int k = 0; k < points; k++) {
            double[] pt = point(sLo + (sHi - sLo) * k / (points - 1), scale);
            if (pt != null) {
                pts.add(pt);
            }
        }
        if (pts.size() < 2) {
            // a chain whose rates span most of the doubles: lambda(s) overflows or loses every digit
            throw new UnresolvableModelException("the rate function of " + name + ": lambda(s) is not finite"
                    + " at " + (points - pts.size()) + " of " + points
                    + " tilts; the rates span more than its double arithmetic holds");
        }
        double maxGap = MAX_GAP * (pts.get(pts.size() - 1)[1] - pts.get(0)[1]);
        if (!(maxGap > 0) || !Double.isFinite(maxGap)) {
            // lambda'(s) no larger at the last tilt than at the first: lambda(s) lost its digits
            // there (a gap of 0 asked for 2^31 points: the run never ended)
            throw new UnresolvableModelException("the rate function of " + name + ": lambda'(s) is "
                    + pts.get(0)[1] + " at s = " + pts.get(0)[0] + " and " + pts.get(pts.size() - 1)[1] + " at s = "
                    + pts.get(pts.size() - 1)[0] + ", not increasing; its double arithmetic lost lambda(s) there");
        }
        int[] budget = {MAX_ADDED};
        java.util.List<Affine> affine = new java.util.ArrayList<>();
        java.util.List<double[]> out = new java.util.ArrayList<>();
        out.add(pts.get(0));
        for (int k = 1; k < pts.size(); k++) {
            int from = out.size() - 1;
            fill(out, pts.get(k), maxGap, scale, budget);
            double gap = pts.get(k)[1] - pts.get(k - 1)[1];
            // interior gaps only: at the ends lambda'(s) may grow steeply without a kink (a capped tilt)
            if (k >= 2 && k + 1 < pts.size() && gap > maxGap
                    && gap > KINK * Math.max(pts.get(k - 1)[1] - pts.get(k - 2)[1], pts.get(k + 1)[1] - pts.get(k)[1])) {
                affine.add(affine(out.subList(from, out.size())));
            }
        }
        return new Curve(name, out.stream().mapToDouble(p -> p[1]).toArray(),
                out.stream().mapToDouble(p -> p[2]).toArray(), affine);
    }

    /** Most points added to one curve (in all its gaps): the default curve gains about 60. */
    private static final int MAX_ADDED = 5000;

    /** (s, j, I) at tilt s, or null where lambda is not finite there. */
    private double[] point(double s, double scale) {
        double h = 1e-5 * Math.max(Math.abs(s), scale);
        double l = lambda(s);
        double slope = (lambda(s + h) - lambda(s - h)) / (2 * h);
        if (!Double.isFinite(l) || !Double.isFinite(slope)) {
            return null;
        }
        return new double[] {s, slope, Math.max(0.0, s * slope - l)};
    }

    /** The chord through the first and last of the points (s, j, I), and their largest distance from it. */
    private static Affine affine(java.util.List<double[]> pts) {
        double[] a = pts.get(0);
        double[] b = pts.get(pts.size() - 1);
        double slope = (b[2] - a[2]) / (b[1] - a[1]);
        double dev = 0;
        for (double[] p : pts) {
            dev = Math.max(dev, Math.abs(p[2] - (a[2] + slope * (p[1] - a[1]))));
        }
        return new Affine(a[1], b[1], slope, dev);
    }

    /** Appends the points after the last of {@code out} up to and including b, no gap in j above maxGap. */
    private void fill(java.util.List<double[]> out, double[] b, double maxGap, double scale, int[] budget) {
        java.util.ArrayDeque<double[]> todo = new java.util.ArrayDeque<>();
        todo.push(b);
        while (!todo.isEmpty()) {
            double[] a = out.get(out.size() - 1);
            double[] c = todo.peek();
            double ds = c[0] - a[0];
            if (!(c[1] - a[1] > maxGap) || budget[0] < 0) {
                out.add(todo.pop());
                continue;
            }
            double mid = a[0] + 0.5 * ds;
            double[] m = ds > 1e-3 * Math.max(Math.abs(mid), scale) ? point(mid, scale) : null;
            if (m != null && m[1] > a[1] && m[1] < c[1]) {
                todo.push(m);
                budget[0]--;
                continue;
            }
            // lambda' turns within a step the central difference cannot split: fill evenly in j
            int pieces = (int) Math.min(budget[0] + 1.0, Math.ceil((c[1] - a[1]) / (0.99 * maxGap)));
            for (int i = 1; i < pieces; i++) {
                double j = a[1] + (c[1] - a[1]) * i / pieces;
                double[] sup = maximise(j);
                out.add(new double[] {sup[0], j, sup[1]});
            }
            budget[0] -= pieces;
            out.add(todo.pop());
        }
    }
}
