package qar.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/**
 * The Gallavotti-Cohen symmetry {@code lambda(s) = lambda(beta - s)} of the scaled cumulant
 * generating function (model.md), checked on a grid of real counting fields, one per reservoir.
 *
 * <p>Grid: per reservoir five values {@code beta/2 +- f (beta/2 - a)}, f in {0, 3/4, 1}, and
 * their product, plus eight diagonal points {@code a + 2^-k (beta - 2a)}, k = 4 ... 32, and their
 * mirrors (along the diagonal lambda drops to a pinned plateau within a small tilt, where every
 * process is trivially symmetric). Each upper value u is computed first and its mirror as
 * {@code beta - u}, exact by Sterbenz, so no rounding of s enters the comparison. The margin a
 * keeps every tilt below e^{MAX_EXPONENT} (it is formed before the small rate it multiplies) and
 * every underflowed or subnormal rate below e^{-NEGLIGIBLE_EXPONENT} of its partner; 0 for the
 * refrigerator up to N ~ 300.
 *
 * <p>Deviation of a pair: {@code |lambda(s) - lambda(beta - s)| / max(|lambda(s)|, Lambda)},
 * Lambda the largest |lambda| on the grid (lambda is 0 at s = 0 and beta: a pointwise ratio would
 * be 0/0). Tolerance: rates within RATE_ROUNDING of exactly balanced ones move lambda(s) by at
 * most {@code RATE_ROUNDING (|lambda(s)| + 2 E)}, E the largest escape rate (positive Perron
 * vectors), plus SOLVER_ULPS of lambda for the root; a pair passes within the sum of both bounds.
 * Derivations and measurements: src/site/markdown/exact.md, "Fluctuation theorems, exact".
 */
public final class GallavottiCohen {
    /** Relative rounding of each rate, as in the solver's resolution (2^-50 = 8 ulps). */
    static final double RATE_ROUNDING = 0x1p-50;
    /** The root of lambda is found to this many ulps of itself. */
    static final int SOLVER_ULPS = 8;
    /**
     * Largest tilt exponent s q Omega formed: exp(709.78) overflows, and double-double products split
     * their factors (times 2^27 + 1), so tilts stay below e^600 ~ 4e260.
     */
    static final double MAX_EXPONENT = 600;
    /** A reverse rate absent where beta |q| Omega exceeds this underflowed (JumpProcess.detailedBalance). */
    static final double UNDERFLOW_EXPONENT = 700;
    /** Smallest suppression exponent of a tilted rate that underflowed to zero (e^-37 < 2^-53). */
    static final double NEGLIGIBLE_EXPONENT = 37;
    /** Fractions f of the half-width: values beta/2 +- f (beta/2 - a). */
    private static final double[] FRACTIONS = {1, 0.75, 0};
    /** Diagonal points a + 2^-k (beta - 2a) and their mirrors. */
    private static final int[] DIAGONAL = {4, 8, 12, 16, 20, 24, 28, 32};

    private final JumpProcess process;
    private final List<String> names;
    private final String undefined;
    /** Per reservoir, the grid values in increasing |s|; empty where undefined. */
    private final double[][] values;
    private final double[] beta;
    private final double[] margin;

    /**
     * One grid point and the comparison with its mirror.
     *
     * @param s                 the counting fields, in process order
     * @param lambda            lambda(s)
     * @param lambdaMirror      lambda(beta - s)
     * @param relativeDeviation |lambda(s) - lambda(beta - s)| / max(|lambda(s)|, scale); NaN where either is not finite
     */
    public record Point(double[] s, double lambda, double lambdaMirror, double relativeDeviation) {
        public Point {
            s = s.clone();
        }

        @Override
        public double[] s() {
            return s.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Point p && Arrays.equals(s, p.s) && Double.compare(lambda, p.lambda) == 0
                    && Double.compare(lambdaMirror, p.lambdaMirror) == 0
                    && Double.compare(relativeDeviation, p.relativeDeviation) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(s) * 31 + Double.hashCode(lambda);
        }

        @Override
        public String toString() {
            return "Point[s=" + Arrays.toString(s) + ", lambda=" + lambda + ", lambdaMirror=" + lambdaMirror
                    + ", relativeDeviation=" + relativeDeviation + "]";
        }
    }

    /**
     * The outcome of the check.
     *
     * @param names                reservoir names, in process order
     * @param grid                 per reservoir, the values of s on the product grid
     * @param points               every point of the grid, then the diagonal points
     * @param pairs                distinct mirror pairs compared (a point that is its own mirror counts once)
     * @param skipped              pairs left out because lambda was not finite on one side
     * @param scale                Lambda, the largest |lambda| on the grid
     * @param maxRelativeDeviation the largest relative deviation; null where undefined
     * @param tolerance            the largest deviation the arithmetic explains, over Lambda; null where undefined
     * @param passed               null where undefined
     * @param undefined            why the check is undefined, or null
     */
    public record Result(List<String> names, List<List<Double>> grid, List<Point> points, int pairs, int skipped,
                         double scale, Double maxRelativeDeviation, Double tolerance, Boolean passed,
                         String undefined) {
        public Result {
            names = List.copyOf(names);
            grid = grid.stream().map(List::copyOf).toList();
            points = List.copyOf(points);
        }

        /** "pass", "violated", or null where undefined. */
        public String verdict() {
            return passed == null ? null : passed ? "pass" : "violated";
        }
    }

    private GallavottiCohen(JumpProcess process, String undefined, double[] beta, double[] margin, double[][] values) {
        this.process = process;
        this.names = process.reservoirs().stream().map(Reservoir::name).toList();
        this.undefined = undefined;
        this.beta = beta;
        this.margin = margin;
        this.values = values;
    }

    /** Builds the grid of {@code process}; the check is undefined where a reservoir is not thermal. */
    public static GallavottiCohen of(JumpProcess process) {
        List<Reservoir> rs = process.reservoirs();
        int k = rs.size();
        double[] beta = new double[k];
        for (int r = 0; r < k; r++) {
            beta[r] = rs.get(r).beta();
            if (!rs.get(r).thermal()) {
                return new GallavottiCohen(process, "undefined: reservoir " + rs.get(r).name() + " is not thermal",
                        beta, new double[k], new double[k][]);
            }
        }
        double[] margin = margins(process, beta);
        double[][] values = new double[k][];
        for (int r = 0; r < k; r++) {
            values[r] = values(beta[r], margin[r]);
        }
        return new GallavottiCohen(process, null, beta, margin, values);
    }

    /** Per reservoir, the margin a (in |s|) that keeps tilts representable and lost rates negligible. */
    private static double[] margins(JumpProcess process, double[] beta) {
        double unit = process.energyUnit();
        Map<List<Object>, Boolean> present = new HashMap<>();
        for (Channel ch : process.channels()) {
            present.put(List.of(ch.from(), ch.to(), ch.reservoir(), ch.energy()), true);
        }
        double[] margin = new double[beta.length];
        for (Channel ch : process.channels()) {
            int r = ch.reservoir();
            double b = Math.abs(beta[r]);
            if (b == 0) {
                continue;
            }
            // the tilt exponent s q Omega with s between 0 and beta; positive where it grows with |s|
            double growth = Math.signum(beta[r]) * ch.energy() * unit;
            if (growth > 0 && b * growth > MAX_EXPONENT) {
                margin[r] = Math.max(margin[r], b - MAX_EXPONENT / growth);
            }
            // a reverse that underflowed (absent), or a subnormal rate (few significant bits)
            double x = Math.abs(ch.energy()) * unit;
            boolean absent = !present.containsKey(List.of(ch.to(), ch.from(), r, -ch.energy()));
            boolean lost = absent && b * x > UNDERFLOW_EXPONENT || ch.rate() < Double.MIN_NORMAL;
            if (lost && x > 0) {
                margin[r] = Math.max(margin[r], NEGLIGIBLE_EXPONENT / x);
            }
        }
        return margin;
    }

    /** The five values beta/2 +- f (beta/2 - a) (one where the margin leaves no room), each pair exactly mirrored. */
    private static double[] values(double beta, double margin) {
        double b = Math.abs(beta);
        double half = 0.5 * beta;
        if (b == 0 || !(margin < 0.5 * b)) {
            return new double[] {half};
        }
        double[] out = new double[2 * FRACTIONS.length - 1];
        int m = FRACTIONS.length - 1;
        for (int i = 0; i < FRACTIONS.length; i++) {
            double u = upper(beta, margin, 0.5 + 0.5 * FRACTIONS[i]);
            out[m + (m - i)] = u;
            out[i] = beta - u;
        }
        return out;
    }

    /**
     * The upper value {@code sign(beta) (a + x (|beta| - 2a))} for x in [1/2, 1], at least beta/2 in
     * magnitude so that {@code beta - u} is exact; x = 1/2 gives beta/2 exactly.
     */
    private static double upper(double beta, double margin, double x) {
        double b = Math.abs(beta);
        if (x == 0.5) {
            return 0.5 * beta;
        }
        double u = Math.max(margin + x * (b - 2 * margin), 0.5 * b);
        return Math.copySign(Math.min(u, b), beta);
    }

    /** The grid values of each reservoir (in process order). */
    public List<List<Double>> grid() {
        List<List<Double>> out = new ArrayList<>();
        for (double[] v : values) {
            out.add(v == null ? List.of() : Arrays.stream(v).boxed().toList());
        }
        return out;
    }

    /** Evaluates lambda on every point (in parallel) and compares each with its mirror. */
    public Result check() {
        if (undefined != null) {
            return new Result(names, grid(), List.of(), 0, 0, 0, null, null, null, undefined);
        }
        int k = values.length;
        List<double[]> pts = new ArrayList<>();
        List<Integer> mirror = new ArrayList<>();
        int[] sizes = Arrays.stream(values).mapToInt(v -> v.length).toArray();
        int total = Arrays.stream(sizes).reduce(1, (x, y) -> x * y);
        for (int i = 0; i < total; i++) {
            double[] s = new double[k];
            int rest = i;
            int m = 0;
            int stride = 1;
            for (int r = k - 1; r >= 0; r--) {
                int digit = rest % sizes[r];
                rest /= sizes[r];
                s[r] = values[r][digit];
                m += (sizes[r] - 1 - digit) * stride;
                stride *= sizes[r];
            }
            pts.add(s);
            mirror.add(m);
        }
        for (int e : DIAGONAL) {
            double[] hi = new double[k];
            double[] lo = new double[k];
            for (int r = 0; r < k; r++) {
                if (values[r].length == 1) {
                    hi[r] = values[r][0];
                    lo[r] = values[r][0];
                } else {
                    hi[r] = upper(beta[r], margin[r], 1 - Math.scalb(1.0, -e));
                    lo[r] = beta[r] - hi[r];
                }
            }
            int at = pts.size();
            pts.add(lo);
            pts.add(hi);
            mirror.add(at + 1);
            mirror.add(at);
        }
        GeneratingFunction g = GeneratingFunction.of(process);
        double[] lambda = IntStream.range(0, pts.size()).parallel().mapToDouble(i -> g.lambda(pts.get(i))).toArray();
        double escape = Arrays.stream(process.escapeRates()).max().orElse(0);
        double scale = 0;
        for (double l : lambda) {
            if (Double.isFinite(l)) {
                scale = Math.max(scale, Math.abs(l));
            }
        }
        double maxDeviation = 0;
        double maxBound = 0;
        int pairs = 0;
        int skipped = 0;
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            int j = mirror.get(i);
            double a = lambda[i];
            double b = lambda[j];
            boolean finite = Double.isFinite(a) && Double.isFinite(b);
            double deviation = Math.abs(a - b);
            double rel = finite && scale > 0 ? deviation / Math.max(Math.abs(a), scale) : Double.NaN;
            points.add(new Point(pts.get(i), a, b, rel));
            if (j < i) {
                continue;
            }
            if (!finite) {
                skipped++;
                continue;
            }
            pairs++;
            maxDeviation = Math.max(maxDeviation, deviation);
            maxBound = Math.max(maxBound, bound(a, escape) + bound(b, escape));
        }
        if (pts.size() == 1) {
            return new Result(names, grid(), points, pairs, skipped, scale, null, null, null,
                    "undefined: the margins leave no grid (only s = beta / 2)");
        }
        if (pairs == 0) {
            return new Result(names, grid(), points, 0, skipped, scale, null, null, null,
                    "undefined: lambda is not finite on any pair of the grid");
        }
        if (!(scale > 0)) {
            return new Result(names, grid(), points, pairs, skipped, scale, null, null, null,
                    "undefined: lambda vanishes on the whole grid (no reservoir exchanges energy)");
        }
        double rel = maxDeviation / scale;
        double tol = maxBound / scale;
        if (!(tol < 1)) {
            // |lambda(s) - lambda(beta - s)| <= 2 Lambda always: a tolerance of Lambda or more cannot fail
            return new Result(names, grid(), points, pairs, skipped, scale, rel, tol, null, String.format(
                    java.util.Locale.ROOT, "unresolved: the rates' rounding allows deviations of %.2e times"
                    + " max|lambda| (the rates span more than the doubles resolve here), so the check cannot fail", tol));
        }
        return new Result(names, grid(), points, pairs, skipped, scale, rel, tol, rel <= tol, null);
    }

    /** What the rounding of the rates and of the root can move one lambda by. */
    static double bound(double lambda, double escape) {
        return RATE_ROUNDING * (Math.abs(lambda) + 2 * escape) + SOLVER_ULPS * Math.ulp(lambda);
    }
}
