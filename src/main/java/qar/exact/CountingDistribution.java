package qar.exact;

import java.util.Arrays;
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
    private final long g;
    private final JumpProcess process;
    private final int reservoir;
    private final TiltLadder ladder;

    private CountingDistribution(JumpProcess p, int reservoir, long g) {
        this.process = p;
        this.reservoir = reservoir;
        this.reservoirName = p.reservoirs().get(reservoir).name();
        this.d = p.dimension();
        this.g = g;
        this.ladder = TiltLadder.of(TiltedPropagator.of(p, reservoir, g), reservoirName, g);
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
        if (t == 0 || ladder.maxStep() == 0) {
            return new Result(reservoirName, t, 0, g, new double[] {1.0}, 0.0);
        }
        if (d < Truncation.MIN_DIMENSION) {
            return ladder.solve(t, rho0, tailMass);
        }
        double[] pi = ExactSolver.stationaryState(process);
        Truncation cut = Truncation.of(process, pi, rho0, t, CUT_TOLERANCE * tailMass);
        if (cut.process() == process) {
            return ladder.solve(t, rho0, tailMass);
        }
        TiltLadder small = TiltLadder.of(TiltedPropagator.of(cut.process(), reservoir, g), reservoirName, g);
        if (small.maxStep() == 0) {
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

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}