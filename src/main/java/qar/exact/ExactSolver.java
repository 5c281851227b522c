package qar.exact;

import java.util.ArrayList;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The exact answers for one jump process. Factorises the generator once (GTH, double-double)
 * and answers from the stored factors: stationary state, currents, noise, cumulants and
 * thermodynamics, and the constant terms of the finite-time cumulants. Immutable, thread-safe.
 *
 * <p>The rates are first scaled by a power of two (exact) so the largest is near 1: every answer
 * is then independent of the overall rate scale, from 1e-300 to 1e300. Where that scaling drops a
 * rate, or the elimination loses digits to underflow that can reach a result (rates spanning most
 * of the double range), the factorization carries an exponent per number instead ({@link WideGth}).
 * Each cumulant carries its resolution, the smallest magnitude the arithmetic can tell from zero
 * (see {@link #solution}).
 */
public final class ExactSolver {
    /** Highest cumulant order offered; the recursion works beyond, the CLI caps it here. */
    public static final int MAX_ORDER = 16;
    /**
     * Perturbation of every rate in the resolution probes, in ulps of the rate as given: above the
     * few ulps by which a rate computed in double differs from its exact value, and as coarse as a
     * subnormal rate really is.
     */
    static final double PERTURBATION_ULPS = 8;
    /** Independent probes (where they set it, the resolution is twice the largest change they cause). */
    static final int PROBES = 2;
    /** Floor of the double-double arithmetic itself, relative to the gross flow of a cumulant. */
    static final double ARITHMETIC_FLOOR = 0x1p-96;
    /**
     * Relative rounding of the bound's evaluation in double, per unit of the magnitudes of its terms:
     * a few dozen operations of 2^-53 each, with room.
     */
    static final double BOUND_ROUNDING = 0x1p-46;
    /** Where the bound is below this share of its terms' magnitudes, the probes are used instead. */
    static final double BOUND_CANCELLATION = 0x1p-36;
    /** Start of the probes' fixed offsets ({@link #probeOffset}). */
    private static final long PROBE_SEED = 0x5EED_CAFE_F00DL;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** Largest rates within 2^+-400 are solved as given; beyond, scaled to 1 first. */
    private static final int SAFE_EXPONENT = 400;
    /** Largest binary exponent of a rate in the exponent-carrying path: 2^900 times 2^100 of weights. */
    private static final int WIDE_TOP = 900;

    private final JumpProcess process;
    private final JumpProcess scaled;
    /** The answers of {@code scaled} times this power of two are those of {@code process}. */
    private final double unscale;
    /** Where the rates span beyond what the plain elimination holds: every number carries its exponent. */
    private final boolean wide;
    private final Factorization factorization;
    private final CumulantRecursion recursion;

    private ExactSolver(JumpProcess process, JumpProcess scaled, double unscale, boolean wide,
            Factorization factorization) {
        this.process = process;
        this.scaled = scaled;
        this.unscale = unscale;
        this.wide = wide;
        this.factorization = factorization;
        this.recursion = CumulantRecursion.of(scaled, factorization);
    }

    /** @throws IllegalArgumentException if the stationary state is not unique */
    public static ExactSolver of(JumpProcess process) {
        double largest = 0;
        for (Channel ch : process.channels()) {
            largest = Math.max(largest, ch.rate());
        }
        if (largest == 0) {
            throw new IllegalArgumentException("every rate is zero: the stationary state is not unique");
        }
        if (largest < Double.MIN_NORMAL) {
            // subnormal rates keep only a few digits, and so would every answer
            throw new UnresolvableModelException("every rate is below " + Double.MIN_NORMAL
                    + " (largest " + largest + "), where doubles keep only a few digits; the answers scale with"
                    + " the rates, so solve with larger Gbar and scale them back");
        }
        int e = Math.getExponent(largest);
        // products of rates, weights and double-double low parts stay normal: no copy needed
        int shift = Math.abs(e) <= SAFE_EXPONENT ? 0 : -e;
        JumpProcess scaled = shift == 0 ? process : scaledCopy(process, Math.scalb(1.0, shift), -1);
        GthFactorization plain = scaled.channels().size() == process.channels().size()
                ? GthFactorization.ofOrNull(scaled) : null;
        if (plain != null) {
            return new ExactSolver(process, scaled, Math.scalb(1.0, -shift), false, plain);
        }
        // a rate underflowed in the scaling or the elimination: carry exponents instead
        shift = wideShift(process);
        scaled = shift == 0 ? process : scaledCopy(process, Math.scalb(1.0, shift), -1);
        return new ExactSolver(process, scaled, Math.scalb(1.0, -shift), true, WideGth.of(scaled));
    }

    /**
     * The power of two nearest 1 that keeps every rate normal and, where the span allows, the largest
     * at most 2^WIDE_TOP (room for sums and the weights' powers in the recursion; beyond, an
     * overflow there is refused by the finiteness checks of {@link #solution}).
     *
     * @throws UnresolvableModelException where no power of two keeps every rate a normal double
     */
    private static int wideShift(JumpProcess process) {
        int top = Integer.MIN_VALUE;
        int bottom = Integer.MAX_VALUE;
        for (Channel ch : process.channels()) {
            top = Math.max(top, Math.getExponent(ch.rate()));
            bottom = Math.min(bottom, Math.getExponent(ch.rate()));
        }
        int low = Double.MIN_EXPONENT - bottom;
        int high = WIDE_TOP - top;
        if (low <= high) {
            return Math.max(low, Math.min(0, high));
        }
        if (top + low > Double.MAX_EXPONENT) {
            throw new UnresolvableModelException("the rates span more than the doubles hold; " + spanOf(process));
        }
        return low;
    }

    public JumpProcess process() {
        return process;
    }

    /** The normalised stationary state, lowest level first. */
    public double[] stationaryState() {
        return factorization.stationaryState();
    }

    /** The stationary state of any process, whatever its rate scale (a GTH of the raw rates overflows at 1e300). */
    public static double[] stationaryState(JumpProcess process) {
        return of(process).stationaryState();
    }

    /**
     * The long-time mean rate kappa_1 of any counting observable.
     *
     * @param weight per channel of {@link #process()}, the amount the observable grows in that jump
     */
    public double mean(double[] weight) {
        List<Channel> all = process.channels();
        if (weight.length != all.size()) {
            throw new IllegalArgumentException("need one weight per channel");
        }
        // the scaled copy keeps the channels in order, without those whose rate underflowed
        double[] kept = new double[scaled.channels().size()];
        int j = 0;
        for (int c = 0; c < all.size() && j < kept.length; c++) {
            Channel a = all.get(c);
            Channel b = scaled.channels().get(j);
            if (a.from() == b.from() && a.to() == b.to() && a.reservoir() == b.reservoir() && a.energy() == b.energy()) {
                kept[j++] = weight[c];
            }
        }
        return recursion.cumulants(kept, 1)[0] * unscale;
    }

    /**
     * The cumulants of every reservoir with their resolutions, and the thermodynamics built from
     * them. A resolution combines two floors: how much the cumulant moves when every rate moves by
     * a few ulps (the rates themselves are rounded to double, so nothing finer is physics), twice
     * the first-order worst case over moves of up to 8 ulps per rate (bounds(); the two
     * probing re-solves of probes() where that bound is not trustworthy); and the
     * double-double floor relative to the cumulant's gross flow {@code sum_c pi_from r_c |q_c|^n}.
     * Where the resolutions show that the arithmetic lost a quantity that must be exact (the first
     * law, the sign of the noise or of sigma), the model is refused rather than answered.
     *
     * @param order number of cumulants K per reservoir, 2 .. MAX_ORDER
     * @throws UnresolvableModelException where the arithmetic cannot give a consistent answer
     */
    public ExactSolution solution(int order) {
        if (order < 2 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be from 2 to " + MAX_ORDER + ", got " + order);
        }
        int k = process.reservoirs().size();
        double[] betas = new double[k];
        // no jump exchanges energy with it, or its count is a function of the level: exactly 0
        boolean[] zero = new boolean[k];
        // per channel and reservoir, formed once (at N = 1e6 each is 1.8 million channels)
        double[][] weights = new double[k][];
        for (int r = 0; r < k; r++) {
            betas[r] = process.reservoirs().get(r).beta();
            weights[r] = scaled.energyWeights(r);
            zero[r] = switchedOff(weights[r]) || EnergyPotential.bounded(process, r);
        }
        double[][] kappa = new double[k][];
        // the exponent-carrying path keeps the probes: on chains spanning hundreds of decades its own
        // round-off can exceed the first-order bound (ResolutionBoundTest); so does a bound that overflowed
        double[][] spread = wide ? null : bounds(order, zero, kappa, weights);
        if (spread == null) {
            spread = probes(order, zero, kappa);
        }
        double[] sigmaSpread = spread[k];
        double[] residualSpread = spread[k + 1];
        double[] pi = stationaryState();
        // everything in the scaled units first, where no number is subnormal: the ratios (TUR, COP)
        // come from there at full precision; the absolute values are then scaled back
        List<ReservoirStatistics> inScale = new ArrayList<>(k);
        List<ReservoirStatistics> stats = new ArrayList<>(k);
        double sigmaFloor = 2 * sigmaSpread[0];
        double residualFloor = 2 * residualSpread[0];
        for (int r = 0; r < k; r++) {
            double[] gross = grossFlows(scaled, weights[r], pi, order);
            double[] lost = lostFlows(scaled, weights[r], pi, order);
            boolean off = zero[r];
            double[] resolution = new double[order];
            double[] value = new double[order];
            double[] resolutionOut = new double[order];
            double[] grossOut = new double[order];
            for (int n = 0; n < order; n++) {
                // a reservoir no jump exchanges energy with has exactly zero statistics: value and
                // resolution 0 mark that (ReservoirStatistics#exactlyZero); any other resolution is > 0
                resolution[n] = off ? 0 : Math.max(Double.MIN_VALUE,
                        Math.max(Math.max(2 * spread[r][n], ARITHMETIC_FLOOR * gross[n]), lost[n]));
                if (off) {
                    kappa[r][n] = 0;
                }
                value[n] = kappa[r][n] * unscale;
                resolutionOut[n] = off ? 0 : Math.max(Double.MIN_VALUE, resolution[n] * unscale);
                grossOut[n] = gross[n] * unscale;
                if (!Double.isFinite(value[n]) || !Double.isFinite(grossOut[n])) {
                    throw new UnresolvableModelException("kappa_" + (n + 1) + " of reservoir "
                            + process.reservoirs().get(r).name() + " overflows the double range");
                }
            }
            // the sums over reservoirs are in double: a few ulps of their largest term
            double termFloor = off ? 0 : Math.max(Math.max(ARITHMETIC_FLOOR * gross[0], lost[0]), 4 * Math.ulp(kappa[r][0]));
            sigmaFloor = Math.max(sigmaFloor, termFloor * Math.abs(betas[r]));
            residualFloor = Math.max(residualFloor, termFloor);
            String name = process.reservoirs().get(r).name();
            inScale.add(new ReservoirStatistics(name, kappa[r], resolution, gross));
            stats.add(new ReservoirStatistics(name, value, resolutionOut, grossOut));
        }
        List<ReservoirStatistics> frozen = List.copyOf(stats);
        Thermodynamics t = Thermodynamics.of(inScale, process.reservoirs(), betas, sigmaFloor, residualFloor, unscale);
        check(frozen, t);
        return new ExactSolution(process, pi, frozen, t);
    }

    /**
     * How far every kappa moves, to first order, when each rate moves by PERTURBATION_ULPS of its
     * ulps in the worst direction ({@link CumulantRecursion#cumulantsWithSensitivity}): in scaled
     * units, per reservoir and order, then sigma's and the first-law residual's ([k][0], [k+1][0]).
     * This bounds what re-solving with the rates so moved shows ({@link #probeSpreads}), without a
     * second factorisation or a copy of the process. Each adds the rounding of its result to double.
     *
     * @param kappa receives the cumulants per reservoir (zero where {@code zero[r]})
     * @return null where a term overflowed
     */
    private double[][] bounds(int order, boolean[] zero, double[][] kappa, double[][] weights) {
        int k = zero.length;
        double[] scale = perturbationScale(process);
        double[][] spread = new double[k + 2][];
        // d kappa_1 / d ln r_c / r_c of sigma = - sum beta_r I_r and of the residual sum I_r, per channel
        double[][] first = new double[2][scaled.channels().size()];
        double sigmaRounding = 0;
        double residualRounding = 0;
        double sigmaMagnitude = 0;
        double residualMagnitude = 0;
        for (int r = 0; r < k; r++) {
            if (zero[r]) {
                kappa[r] = new double[order];
                spread[r] = new double[order];
                continue;
            }
            double beta = process.reservoirs().get(r).beta();
            double[][] ks = recursion.cumulantsWithSensitivity(weights[r], order, scale, first, new double[] {-beta, 1});
            kappa[r] = ks[0];
            spread[r] = ks[1];
            for (int n = 0; n < order; n++) {
                if (ks[2][n] * BOUND_CANCELLATION > ks[1][n]
                        || !(Math.abs(ks[3][n] - kappa[r][n]) <= BOUND_CANCELLATION * ks[4][n])) {
                    // the bound's terms cancel to below the double's resolution of them, or the
                    // derivatives miss Euler's identity sum_c d kappa / d ln r_c = kappa (stiff chains,
                    // whose left vectors lost their digits): the bound would be mostly round-off
                    return null;
                }
                // plus the bound's own rounding, and the result's to double, which a re-solve sees too
                spread[r][n] += BOUND_ROUNDING * ks[2][n] + Math.ulp(kappa[r][n]);
            }
            sigmaRounding += Math.abs(beta) * Math.ulp(kappa[r][0]);
            residualRounding += Math.ulp(kappa[r][0]);
            sigmaMagnitude += Math.abs(beta) * ks[2][0];
            residualMagnitude += ks[2][0];
        }
        // the first law's sum does not depend on the rates at all: its bound is round-off, kept as such
        double sigmaBound = 0;
        double residualBound = 0;
        List<Channel> chs = scaled.channels();
        for (int c = 0; c < chs.size(); c++) {
            double s = chs.get(c).rate() * scale[c];
            sigmaBound += Math.abs(first[0][c]) * s;
            residualBound += Math.abs(first[1][c]) * s;
        }
        spread[k] = new double[] {sigmaBound + BOUND_ROUNDING * sigmaMagnitude + sigmaRounding};
        spread[k + 1] = new double[] {residualBound + BOUND_ROUNDING * residualMagnitude + residualRounding};
        for (double[] row : spread) {
            for (double x : row) {
                if (!(x <= Double.MAX_VALUE)) {
                    // an intermediate term overflowed (cumulants near the double range): no bound
                    return null;
                }
            }
        }
        return spread;
    }

    /** {@link #bounds} in the units of the process, laid out as {@link #probeSpreads}; for the tests. */
    double[][] boundSpreads(int order) {
        int k = process.reservoirs().size();
        double[][] weights = new double[k][];
        for (int r = 0; r < k; r++) {
            weights[r] = scaled.energyWeights(r);
        }
        double[][] b = bounds(order, zeros(), new double[k][], weights);
        return b == null ? null : inProcessUnits(b, order);
    }

    /**
     * Per rate, the largest relative move of the probes, PERTURBATION_ULPS of its ulp (as given: a
     * subnormal rate moves by more than its share).
     */
    private static double[] perturbationScale(JumpProcess p) {
        List<Channel> chs = p.channels();
        double[] scale = new double[chs.size()];
        for (int c = 0; c < scale.length; c++) {
            double rate = chs.get(c).rate();
            scale[c] = PERTURBATION_ULPS * Math.ulp(rate) / rate;
        }
        return scale;
    }

    /**
     * The measurement the bound stands for: the largest change of every kappa (scaled units, laid
     * out as {@link #bounds}) over PROBES re-solves with every rate moved by up to PERTURBATION_ULPS
     * of its ulps ({@link #probeOffset}): two more factorisations and copies of the process.
     */
    private double[][] probes(int order, boolean[] zero, double[][] kappa) {
        int k = zero.length;
        double[][] all = cumulants(scaled, recursion, order);
        double[][] spread = new double[k + 2][];
        for (int r = 0; r < k; r++) {
            kappa[r] = all[r];
            spread[r] = new double[order];
        }
        spread[k] = new double[1];
        spread[k + 1] = new double[1];
        for (int i = 0; i < PROBES; i++) {
            JumpProcess probe = scaledCopy(process, 1 / unscale, (long) i * process.channels().size());
            Factorization f = wide ? WideGth.of(probe) : GthFactorization.of(probe);
            double[][] moved = cumulants(probe, CumulantRecursion.of(probe, f), order);
            double dSigma = 0;
            double dResidual = 0;
            for (int r = 0; r < k; r++) {
                for (int n = 0; n < order; n++) {
                    double dv = Math.abs(moved[r][n] - kappa[r][n]);
                    // a probe that overflowed resolves nothing
                    spread[r][n] = Math.max(spread[r][n], dv <= Double.MAX_VALUE ? dv : Double.POSITIVE_INFINITY);
                }
                double dI = zero[r] ? 0 : moved[r][0] - kappa[r][0];
                dSigma -= process.reservoirs().get(r).beta() * dI;
                dResidual += dI;
            }
            spread[k][0] = Math.max(spread[k][0], Math.abs(dSigma));
            spread[k + 1][0] = Math.max(spread[k + 1][0], Math.abs(dResidual));
        }
        return spread;
    }

    /** {@link #probes} in the units of the process; for the tests that check the bound against it. */
    double[][] probeSpreads(int order) {
        return inProcessUnits(probes(order, zeros(), new double[process.reservoirs().size()][]), order);
    }

    /** Whether this solve carries exponents ({@link WideGth}), where the probes set the resolution. */
    boolean wide() {
        return wide;
    }

    private boolean[] zeros() {
        int k = process.reservoirs().size();
        boolean[] zero = new boolean[k];
        for (int r = 0; r < k; r++) {
            zero[r] = switchedOff(scaled.energyWeights(r)) || EnergyPotential.bounded(process, r);
        }
        return zero;
    }

    private double[][] inProcessUnits(double[][] b, int order) {
        double[][] out = new double[b.length][order];
        for (int i = 0; i < b.length; i++) {
            for (int n = 0; n < b[i].length; n++) {
                out[i][n] = b[i][n] * unscale;
            }
        }
        return out;
    }

    /** The checks that exact arithmetic passes by construction; a failure means digits were lost. */
    private void check(List<ReservoirStatistics> stats, Thermodynamics t) {
        for (ReservoirStatistics s : stats) {
            if (s.noise() < -s.resolution()[1]) {
                throw new UnresolvableModelException("the noise of reservoir " + s.name() + " came out negative ("
                        + s.noise() + "): " + stiffness());
            }
        }
        if (process.conservesEnergy() && Math.abs(t.firstLawResidual()) > t.firstLawResolution()) {
            throw new UnresolvableModelException("the first law fails by " + t.firstLawResidual()
                    + ", above the resolution " + t.firstLawResolution() + ": " + stiffness());
        }
        if (t.entropyProduction() != null && t.entropyProduction() < 0 && process.detailedBalance()) {
            throw new UnresolvableModelException("the entropy production came out negative ("
                    + t.entropyProduction() + "): " + stiffness());
        }
    }

    /** Names the cause of a loss: the span of the rates. */
    private String stiffness() {
        return spanOf(process) + ", more than the double-double arithmetic resolves";
    }

    private static String spanOf(JumpProcess process) {
        Channel lo = null;
        Channel hi = null;
        for (Channel ch : process.channels()) {
            if (lo == null || ch.rate() < lo.rate()) {
                lo = ch;
            }
            if (hi == null || ch.rate() > hi.rate()) {
                hi = ch;
            }
        }
        return String.format(java.util.Locale.ROOT,
                "the rates span %.0f decades (largest %.3g through %s, smallest %.3g through %s)",
                Math.log10(hi.rate()) - Math.log10(lo.rate()), hi.rate(), process.reservoirs().get(hi.reservoir()).name(),
                lo.rate(), process.reservoirs().get(lo.reservoir()).name());
    }

    /** sum_c pi_from r_c |q_c|^n for n = 1 .. order. */
    private static double[] grossFlows(JumpProcess p, double[] w, double[] pi, int order) {
        double[] gross = new double[order];
        List<Channel> chs = p.channels();
        for (int c = 0; c < chs.size(); c++) {
            if (w[c] == 0) {
                continue;
            }
            double flow = pi[chs.get(c).from()] * chs.get(c).rate();
            double q = Math.abs(w[c]);
            for (int n = 0; n < order; n++) {
                flow *= q;
                gross[n] += flow;
            }
        }
        return gross;
    }

    /**
     * sum_c 2^-1022 r_c |q_c|^n over the channels that leave a level whose population is below the
     * normal doubles: their terms lost digits (or all of them) in the recursion, by at most this.
     */
    private static double[] lostFlows(JumpProcess p, double[] w, double[] pi, int order) {
        double[] lost = new double[order];
        List<Channel> chs = p.channels();
        for (int c = 0; c < chs.size(); c++) {
            if (w[c] == 0 || pi[chs.get(c).from()] >= Double.MIN_NORMAL) {
                continue;
            }
            double flow = Double.MIN_NORMAL * chs.get(c).rate();
            for (int n = 0; n < order; n++) {
                flow *= Math.abs(w[c]);
                lost[n] += flow;
            }
        }
        return lost;
    }

    /** Whether no channel of positive rate exchanges energy with the reservoir. */
    private static boolean switchedOff(double[] weights) {
        for (double x : weights) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Weights come from {@code p} itself: scaling may drop channels whose rate underflows. */
    private static double[][] cumulants(JumpProcess p, CumulantRecursion rec, int order) {
        int k = p.reservoirs().size();
        double[][] out = new double[k][];
        for (int r = 0; r < k; r++) {
            out[r] = rec.cumulants(p.energyWeights(r), order);
        }
        return out;
    }

    /**
     * Per reservoir, the constants g_1 .. g_K of the finite-time cumulants of the energy from a
     * stationary start: {@code <<Q_T^n>> = kappa_n T + g_n} up to terms exponentially small in T.
     * They do not depend on the rate scale.
     */
    public double[][] finiteTimeOffsets(int order) {
        int k = process.reservoirs().size();
        double[][] g = new double[k][];
        for (int r = 0; r < k; r++) {
            g[r] = recursion.finiteTimeOffsets(scaled.energyWeights(r), order);
        }
        return g;
    }

    /** Shorthand for {@code of(process).solution(order)}. */
    public static ExactSolution solve(JumpProcess process, int order) {
        return of(process).solution(order);
    }

    /**
     * The i-th offset of the probes, in [-1, 1): a fixed, reproducible pattern, not a random
     * stream, so the solver needs no generator (only the CLI picks those). It is the i-th output of
     * SplitMix64 from PROBE_SEED (Steele, Lea and Flood 2014; the stateless form of commons-rng's
     * SPLIT_MIX_64, which the probes drew from before and a test pins), as a double in [0, 1) mapped
     * to [-1, 1).
     */
    static double probeOffset(long i) {
        long z = PROBE_SEED + (i + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return 2 * ((z >>> 11) * 0x1.0p-53) - 1;
    }

    /**
     * The process with every rate times {@code factor} (a power of two: exact), channel c's first
     * moved by u PERTURBATION_ULPS of its ulp, u = {@link #probeOffset}(first + c), if first >= 0.
     */
    private static JumpProcess scaledCopy(JumpProcess p, double factor, long first) {
        List<Channel> chs = new ArrayList<>(p.channels().size());
        for (int c = 0; c < p.channels().size(); c++) {
            Channel ch = p.channels().get(c);
            double rate = ch.rate();
            if (first >= 0) {
                rate = Math.max(0, rate + probeOffset(first + c) * PERTURBATION_ULPS * Math.ulp(rate));
            }
            rate *= factor;
            chs.add(new Channel(ch.from(), ch.to(), ch.reservoir(), rate, ch.energy()));
        }
        return JumpProcess.of(p.dimension(), p.energyUnit(), p.reservoirs(), chs);
    }
}
