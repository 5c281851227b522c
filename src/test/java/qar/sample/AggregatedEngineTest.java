package qar.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import qar.estimate.GoodnessOfFit;
import qar.estimate.ReplicaMoments;
import qar.estimate.WindowEstimate;
import qar.estimate.WindowTally;
import qar.exact.CountingDistribution;
import qar.exact.ExactSolver;
import qar.exact.FiniteTimeCumulants;
import qar.exact.Relaxation;
import qar.model.Bath;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;

/**
 * The aggregated engine against the exact solver, side by side with the direct one (same checks,
 * same seeds), and a deliberately wrong macro-step that the same checks must reject.
 *
 * <p>Bands. Each check is a 5-sigma band around an exact mean with the sigma from exact cumulants,
 * or a chi-square test at p > 1e-4. For R independent stationary replicas of length T with the
 * exact finite-time cumulants c_n of Q_T (n = 1 .. 8, FiniteTimeCumulants from the stationary
 * state), the unbiased k-statistics have
 * <ul>
 * <li>Var(k_1) = c_2 / R;</li>
 * <li>Var(k_2) = mu_4 / R - c_2^2 (R - 3) / (R (R - 1)), mu_4 = c_4 + 3 c_2^2 (exact);</li>
 * <li>Var(k_3) = (c_6 + 9 c_2 c_4 + 9 c_3^2 + 6 c_2^3) / R + O(R^-2);</li>
 * <li>Var(k_4) = (c_8 + 16 c_2 c_6 + 48 c_3 c_5 + 34 c_4^2 + 72 c_2^2 c_4 + 144 c_2 c_3^2 + 24 c_2^4) / R
 *     + O(R^-2) (Fisher's sampling cumulants of k-statistics; for a normal law they give the
 *     familiar 6 sigma^6 / R and 24 sigma^8 / R).</li>
 * </ul>
 * The jump count of a reservoir over R replicas has mean R c_1 and variance R c_2 with c_n the
 * cumulants of the count (weight 1 on the reservoir's channels). With R >= 640 the estimators are
 * close to normal, so a correct engine leaves a 5-sigma band with probability about 6e-7 per
 * check (about 150 such checks here: 1e-4 in all); a chi-square test at 1e-4 fails a correct
 * engine with probability 1e-4 (the Rao-Scott p-values of the windows are approximate; about 40
 * tests here: below 0.5 % in all). The seeds are fixed, so the tests are deterministic. The wrong
 * macro-step of the negative control is rejected at p below 1e-6, far from the threshold.
 */
class AggregatedEngineTest {
    private static final double SIGMAS = 5;
    private static final double ALPHA = 1e-4;

    /** The engines of the registry, by how they are made from a process. */
    static Stream<Arguments> engines() {
        Function<JumpProcess, Engine> direct = GillespieEngine::of;
        Function<JumpProcess, Engine> fast = p -> AggregatedEngine.of(p, FlipPairs.of(p));
        Function<JumpProcess, Engine> every = p -> AggregatedEngine.of(p, FlipPairs.of(p, 0));
        return Stream.of(Arguments.of(Named.of("direct", direct)), Arguments.of(Named.of("aggregated", fast)),
                Arguments.of(Named.of("aggregated, every pair", every)));
    }

    private static JumpProcess fridge(int n) {
        return Refrigerator.process(ModelParameters.defaults().withN(n));
    }

    /**
     * A chain whose pairs are not fast: 0 - 1 - 2 - 3 and back to 0, two reservoirs, and a second
     * channel between 1 and 2 through the other reservoir (an exit between the pair's own levels).
     */
    static JumpProcess slowChain() {
        return JumpProcess.of(4, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("y", Double.NaN)),
                List.of(new Channel(0, 1, 0, 1.0, 1), new Channel(1, 0, 0, 0.8, -1),
                        new Channel(1, 2, 1, 2.0, 2), new Channel(2, 1, 1, 1.5, -2),
                        new Channel(1, 2, 0, 0.4, 3), new Channel(2, 3, 0, 0.5, 1), new Channel(3, 2, 0, 0.9, -1),
                        new Channel(3, 0, 1, 0.3, -5), new Channel(0, 3, 1, 0.2, 5)));
    }

    /**
     * A fast pair with a dead end: level 2 has no exit but the flip back to 1 (so a sojourn always
     * leaves from 1), and level 0 is joined to 1 slowly through another reservoir.
     */
    static JumpProcess deadEnd() {
        return JumpProcess.of(3, 1.0, List.of(new Reservoir("x", Double.NaN), new Reservoir("y", Double.NaN)),
                List.of(new Channel(0, 1, 0, 0.7, 2), new Channel(1, 0, 0, 0.4, -2),
                        new Channel(1, 2, 1, 30.0, 1), new Channel(2, 1, 1, 45.0, -1)));
    }

    private static LongJumpableUniformRandomProvider master(long seed) {
        return (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /**
     * Within SIGMAS standard deviations of the exact value; where the exact law has no spread (a
     * reservoir that is off), equal to it.
     */
    private static boolean within(double value, double exact, double sd) {
        return sd == 0 ? value == exact : Math.abs(value - exact) <= SIGMAS * sd;
    }

    /** Energy cumulants k_1 .. k_4 and jump counts of every reservoir against their exact laws. */
    static List<String> cumulantFailures(JumpProcess p, Engine engine, double t, int replicas, long seed)
            throws InterruptedException {
        double[] pi = ExactSolver.stationaryState(p);
        Campaign c = Campaign.of(p, pi, t, replicas, Recording.energiesOnly(), engine);
        Campaign.Result r = c.run(master(seed), 2, null, null);
        ReplicaMoments all = ReplicaMoments.create(p.reservoirs().size());
        r.moments().forEach(all::combine);
        List<String> failures = new ArrayList<>();
        double unit = p.energyUnit();
        double n = replicas;
        long jumpSum = 0;
        for (int res = 0; res < p.reservoirs().size(); res++) {
            double[] cu = FiniteTimeCumulants.of(p, p.energyWeights(res), pi, 8).at(t);
            double[] c1 = new double[9];
            for (int k = 1; k <= 8; k++) {
                c1[k] = cu[k - 1] / Math.pow(unit, k);
            }
            double[] k = all.kStatistics(res);
            double[] sd = {
                Math.sqrt(c1[2] / n),
                Math.sqrt(c1[4] / n + 3 * c1[2] * c1[2] / n - c1[2] * c1[2] * (n - 3) / (n * (n - 1))),
                Math.sqrt((c1[6] + 9 * c1[2] * c1[4] + 9 * c1[3] * c1[3] + 6 * Math.pow(c1[2], 3)) / n),
                Math.sqrt((c1[8] + 16 * c1[2] * c1[6] + 48 * c1[3] * c1[5] + 34 * c1[4] * c1[4]
                        + 72 * c1[2] * c1[2] * c1[4] + 144 * c1[2] * c1[3] * c1[3] + 24 * Math.pow(c1[2], 4)) / n)};
            for (int m = 0; m < 4; m++) {
                double z = (k[m] - c1[m + 1]) / sd[m];
                if (!within(k[m], c1[m + 1], sd[m])) {
                    failures.add(String.format("%s kappa_%d: %.6g, exact %.6g, z = %.1f",
                            p.reservoirs().get(res).name(), m + 1, k[m], c1[m + 1], z));
                }
            }
            double[] ones = new double[p.channels().size()];
            for (int ch = 0; ch < ones.length; ch++) {
                ones[ch] = p.channels().get(ch).reservoir() == res ? 1 : 0;
            }
            double[] jc = FiniteTimeCumulants.of(p, ones, pi, 2).at(t);
            long jumps = all.jumps()[res];
            jumpSum += jumps;
            double z = (jumps - n * jc[0]) / Math.sqrt(n * jc[1]);
            if (!within(jumps, n * jc[0], Math.sqrt(n * jc[1]))) {
                failures.add(String.format("%s jumps: %d, exact mean %.6g, z = %.1f", p.reservoirs().get(res).name(),
                        jumps, n * jc[0], z));
            }
        }
        if (jumpSum != r.jumps()) {
            failures.add("the campaign counted " + r.jumps() + " jumps, the reservoirs " + jumpSum);
        }
        return failures;
    }

    /**
     * The level after time t from a fixed start, over independent runs, against exp(R t) e_start
     * (Relaxation): Pearson's chi-square, levels expecting fewer than 20 merged into one bin.
     */
    static List<String> endLevelFailures(JumpProcess p, Engine engine, int start, double t, int runs, long seed) {
        double[] rho0 = new double[p.dimension()];
        rho0[start] = 1;
        double[] logPi = Arrays.stream(ExactSolver.stationaryState(p)).map(Math::log).toArray();
        double[] exact = Relaxation.of(p, rho0, logPi).at(t);
        long[] count = new long[p.dimension()];
        EnergyTally tally = EnergyTally.of(p);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        for (int i = 0; i < runs; i++) {
            engine.run(rng, start, t, tally);
            count[tally.endLevel()]++;
        }
        double chi2 = 0;
        int bins = 0;
        double restP = 0;
        long restN = 0;
        for (int b = 0; b < count.length; b++) {
            if (exact[b] * runs >= 20) {
                chi2 += sq(count[b] - exact[b] * runs) / (exact[b] * runs);
                bins++;
            } else {
                restP += exact[b];
                restN += count[b];
            }
        }
        if (restP * runs >= 1) {
            chi2 += sq(restN - restP * runs) / (restP * runs);
            bins++;
        } else if (restN > 3) {
            return List.of("end level: " + restN + " runs in levels expecting " + restP * runs);
        }
        double pValue = ChiSquaredDistribution.of(bins - 1).survivalProbability(chi2);
        return pValue > ALPHA ? List.of() : List.of(String.format("end level after %g from %d: chi2 %.1f on %d dof,"
                + " p = %.2g, counts %s", t, start, chi2, bins - 1, pValue, Arrays.toString(count)));
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * P(n, t) of every reservoir in consecutive windows of stationary replicas, against the exact
     * distribution: the Rao-Scott corrected chi-square over the campaign's groups (WindowEstimate).
     */
    static List<String> windowFailures(JumpProcess p, Engine engine, double[] windows, double t, int replicas,
            long seed) throws InterruptedException {
        double[] pi = ExactSolver.stationaryState(p);
        Campaign c = Campaign.of(p, pi, t, replicas, new Recording(List.of(), windows), engine);
        Campaign.Result r = c.run(master(seed), 2, null, null);
        List<String> failures = new ArrayList<>();
        for (int w = 0; w < windows.length; w++) {
            final int index = w;
            List<WindowTally> tallies = r.groups().stream().map(g -> ((WindowProbe.Tally) g.part(0)).window(index))
                    .toList();
            for (int res = 0; res < p.reservoirs().size(); res++) {
                CountingDistribution.Result exact = CountingDistribution.of(p, res).stationary(windows[w]);
                WindowEstimate e = WindowEstimate.of(tallies, res, 1e9, n -> {
                    double v = exact.at(n);
                    return Double.isNaN(v) ? 0 : v;
                });
                GoodnessOfFit test = e.test();
                if (test != null && !(test.pValue() > ALPHA)) {
                    failures.add(String.format("P(n, %g) of %s: %s", windows[w], p.reservoirs().get(res).name(), test));
                }
            }
        }
        return failures;
    }

    /** Mean duration of a sojourn in the pair entered at its low level. */
    private static double meanSojourn(JumpProcess p, FlipPairs.Pair pair) {
        double[] esc = p.escapeRates();
        double a = p.channels().get(pair.forth()).rate();
        double b = p.channels().get(pair.back()).rate();
        double ei = esc[pair.low()] - a;
        double ej = esc[pair.high()] - b;
        double q = a / (a + ei) * (b / (b + ej));
        double m = q / (1 - q);
        double visitsJ = m + a / (a + ei) * ej / (b + ej) / (1 - q);
        return (m + 1) / esc[pair.low()] + visitsJ / esc[pair.high()];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void cumulantsAndJumpCountsAtTheDefaultsAndOffThem(Function<JumpProcess, Engine> make)
            throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (int n : new int[] {3, 7}) {
            JumpProcess p = fridge(n);
            failures.addAll(cumulantFailures(p, make.apply(p), 400, 2560, 9100L + n));
        }
        JumpProcess p = fridge(31);
        failures.addAll(cumulantFailures(p, make.apply(p), 60, 2560, 9131L));
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void windowDistributionsShorterNearAndLongerThanASojourn(Function<JumpProcess, Engine> make)
            throws InterruptedException {
        JumpProcess p = fridge(7);
        double s = meanSojourn(p, FlipPairs.of(p).pairs().get(0));
        assertEquals(0.49, s, 0.02, "a sojourn at N = 7 lasts about 369 flips / 750 per unit time");
        List<String> failures = windowFailures(p, make.apply(p), new double[] {0.1 * s, s, 10 * s}, 60, 640, 7070L);
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void endLevelFollowsTheExactTransient(Function<JumpProcess, Engine> make) {
        JumpProcess p = fridge(7);
        FlipPairs.Pair pair = FlipPairs.of(p).pairs().get(0);
        double s = meanSojourn(p, pair);
        Engine e = make.apply(p);
        List<String> failures = new ArrayList<>();
        failures.addAll(endLevelFailures(p, e, pair.low(), 0.3 * s, 20000, 11L));
        failures.addAll(endLevelFailures(p, e, pair.high(), s, 20000, 12L));
        failures.addAll(endLevelFailures(p, e, 0, 4 * s, 20000, 13L));
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aChainWhosePairsAreNotFast(Function<JumpProcess, Engine> make) throws InterruptedException {
        JumpProcess p = slowChain();
        Engine e = make.apply(p);
        List<String> failures = new ArrayList<>(cumulantFailures(p, e, 50, 640, 4040L));
        failures.addAll(endLevelFailures(p, e, 1, 0.7, 20000, 41L));
        failures.addAll(windowFailures(p, e, new double[] {0.3, 2}, 40, 640, 42L));
        assertEquals(List.of(), failures);
    }

    /**
     * One bath on (the work bath alone, as `--gamma-c 0 --gamma-h 0`): the pair's exits are rare, so
     * sojourns outlast the windows and the replicas, and nearly every one is cut at a stop. This
     * is where opening a sojourn flip by flip made the aggregated engine slower than the direct one;
     * the cut must still leave every law exact.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void onlyTheWorkBathOn(Function<JumpProcess, Engine> make) throws InterruptedException {
        ModelParameters d = ModelParameters.defaults().withN(7);
        Bath off = new Bath(d.cold().beta(), d.cold().eps(), d.cold().delta(), 0, d.cold().spectral());
        Bath hotOff = new Bath(d.hot().beta(), d.hot().eps(), d.hot().delta(), 0, d.hot().spectral());
        JumpProcess p = Refrigerator.process(d.withBaths(off, hotOff, d.work()));
        FlipPairs.Pair pair = FlipPairs.of(p).pairs().get(0);
        double s = meanSojourn(p, pair);
        assertTrue(s > 20, "a sojourn lasts " + s + ": longer than the replicas below");
        Engine e = make.apply(p);
        List<String> failures = new ArrayList<>(cumulantFailures(p, e, 10, 640, 6060L));
        failures.addAll(endLevelFailures(p, e, pair.low(), 3, 20000, 61L));
        failures.addAll(windowFailures(p, e, new double[] {0.05, 1}, 10, 640, 62L));
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aPairLevelWithoutExits(Function<JumpProcess, Engine> make) throws InterruptedException {
        JumpProcess p = deadEnd();
        assertEquals(1, FlipPairs.of(p).pairs().size());
        Engine e = make.apply(p);
        List<String> failures = new ArrayList<>(cumulantFailures(p, e, 50, 640, 5050L));
        failures.addAll(endLevelFailures(p, e, 2, 0.5, 20000, 51L));
        failures.addAll(windowFailures(p, e, new double[] {0.05, 1}, 40, 640, 52L));
        assertEquals(List.of(), failures);
    }

    @Test
    void slowPairsAreFoundButNotFast() {
        JumpProcess p = slowChain();
        assertTrue(FlipPairs.of(p).isEmpty());
        FlipPairs all = FlipPairs.of(p, 0);
        assertFalse(all.isEmpty());
        for (FlipPairs.Pair q : all.pairs()) {
            assertTrue(q.flipsPerSojourn() < FlipPairs.FAST, q.toString());
        }
        assertInstanceOf(GillespieEngine.class, Campaign.engine(p, Recording.energiesOnly(), EngineChoice.AUTO));
    }

    @Test
    void theDefaultsHaveOneFastPairTheWorkFlips() {
        JumpProcess p = fridge(31);
        FlipPairs f = FlipPairs.of(p);
        assertEquals(1, f.pairs().size());
        FlipPairs.Pair q = f.pairs().get(0);
        // levels 3/2 and 5/2 (indices 1, 2), the work reservoir; about 455 flips per sojourn (issue 11)
        assertEquals(List.of(1, 2, 2), List.of(q.low(), q.high(), q.reservoir()));
        assertEquals(455, q.flipsPerSojourn(), 5);
    }

    /**
     * The negative control: the sojourn's duration from one exponential of its mean keeps every
     * mean (currents, jump counts) but not the spread of the durations, which the end-level and
     * window checks see (p about 1e-160 and 1e-31 with these seeds). The long-time cumulants at
     * N = 7 hardly see it: a sojourn is a small part of the cycle there, so they are not asserted.
     */
    @Test
    void aWrongMacroStepFailsTheChecks() throws InterruptedException {
        JumpProcess p = fridge(7);
        FlipPairs pairs = FlipPairs.of(p);
        FlipPairs.Pair pair = pairs.pairs().get(0);
        double s = meanSojourn(p, pair);
        Engine wrong = AggregatedEngine.singleExponentialForTests(p, pairs);
        assertFalse(endLevelFailures(p, wrong, pair.high(), s, 20000, 12L).isEmpty());
        assertFalse(windowFailures(p, wrong, new double[] {0.1 * s, s, 10 * s}, 60, 640, 7070L).isEmpty());
    }

    @Test
    void autoFallsBackWhereAWaitingTimeWatchesTheFlips() {
        JumpProcess p = fridge(7);
        boolean[] all = new boolean[p.channels().size()];
        Arrays.fill(all, true);
        boolean[] cold = new boolean[all.length];
        for (int k = 0; k < cold.length; k++) {
            cold[k] = p.channels().get(k).reservoir() == 0;
        }
        Recording watchAll = new Recording(List.of(new Recording.WatchRange(new Watch("all", all), 1e-3, 10)),
                new double[0]);
        Recording watchCold = new Recording(List.of(new Recording.WatchRange(new Watch("c", cold), 1e-3, 10)),
                new double[0]);
        assertInstanceOf(GillespieEngine.class, Campaign.engine(p, watchAll, EngineChoice.AUTO));
        assertInstanceOf(AggregatedEngine.class, Campaign.engine(p, watchCold, EngineChoice.AUTO));
        assertInstanceOf(AggregatedEngine.class, Campaign.engine(p, Recording.energiesOnly(), EngineChoice.AGGREGATED));
        assertInstanceOf(GillespieEngine.class, Campaign.engine(p, Recording.energiesOnly(), EngineChoice.DIRECT));
        assertThrows(IllegalArgumentException.class, () -> Campaign.engine(p, watchAll, EngineChoice.AGGREGATED));
        double[] pi = ExactSolver.stationaryState(p);
        assertThrows(IllegalArgumentException.class, () -> Campaign.of(p, pi, 1, 64, watchAll,
                AggregatedEngine.of(p, FlipPairs.of(p))));
        assertThrows(IllegalArgumentException.class, () -> Campaign.of(p, pi, 1, 64, Recording.energiesOnly(),
                AggregatedEngine.of(fridge(5), FlipPairs.of(fridge(5)))));
    }

    @Test
    void observersThatNeedEveryJumpRefuseBulkFlips() {
        JumpProcess p = fridge(7);
        Engine e = AggregatedEngine.of(p, FlipPairs.of(p));
        OccupationTime occ = OccupationTime.of(p);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(5L);
        assertThrows(UnsupportedOperationException.class, () -> e.run(rng, 1, 100, occ));
    }

    @Test
    void rejectsBadArguments() {
        JumpProcess p = fridge(7);
        Engine e = AggregatedEngine.of(p, FlipPairs.of(p));
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(5L);
        EnergyTally tally = EnergyTally.of(p);
        assertThrows(IllegalArgumentException.class, () -> e.run(rng, 0, -1, tally));
        assertThrows(IllegalArgumentException.class, () -> e.run(rng, 0, Double.POSITIVE_INFINITY, tally));
        assertThrows(IllegalArgumentException.class, () -> e.run(rng, 0, Double.NaN, tally));
        assertThrows(IllegalArgumentException.class, () -> e.run(rng, -1, 1, tally));
        assertThrows(IllegalArgumentException.class, () -> e.run(rng, p.dimension(), 1, tally));
        assertThrows(IllegalArgumentException.class, () -> FlipPairs.of(p, -1));
        assertThrows(IllegalArgumentException.class, () -> FlipPairs.of(p, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> AggregatedEngine.of(slowChain(), FlipPairs.of(p)));
    }
}
