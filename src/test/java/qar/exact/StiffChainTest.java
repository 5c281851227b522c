package qar.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.exact.oracle.TreeTheorem;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/**
 * Chains whose rates span most of the double range (issue 15, section 3) against exact rational
 * arithmetic ({@link TreeTheorem}). GTH never subtracts, so with the exponent range carried every
 * population is the exact one rounded once: in double-double the elimination's relative error is
 * about d^2 2^-104 (O'Cinneide's entrywise bound), far below the final rounding to double, 2^-53.
 * The tolerance d 2^-52 leaves a factor 2d over that rounding and is still 1e7 below the 7.6e-10
 * the scaled elimination gave.
 */
class StiffChainTest {
    private static final double EPS = 0x1p-52;
    private static final List<Reservoir> BATHS = List.of(new Reservoir("c", 1), new Reservoir("h", 1),
            new Reservoir("w", 1));

    /** Rates log-uniform between 10^lo and 10^hi. */
    private static double rate(UniformRandomProvider rng, double lo, double hi) {
        return Math.pow(10, lo + (hi - lo) * rng.nextDouble());
    }

    /**
     * An irreducible chain of d levels: a random cycle through every level and each other pair with
     * probability 0.4; kind 1 makes one level nearly absorbing (every way out below 1e-250), kind 2
     * ties one level to the rest only by rates below 1e-250 both ways.
     */
    static JumpProcess randomChain(UniformRandomProvider rng, int d, int kind, double lo, double hi, int baths) {
        long[] energy = new long[d];
        for (int i = 0; i < d; i++) {
            energy[i] = rng.nextInt(7) - 3;
        }
        int[] perm = new int[d];
        for (int i = 0; i < d; i++) {
            perm[i] = i;
        }
        for (int i = d - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        boolean[][] edge = new boolean[d][d];
        for (int i = 0; i < d; i++) {
            edge[perm[i]][perm[(i + 1) % d]] = true;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                edge[i][j] |= i != j && rng.nextDouble() < 0.4;
            }
        }
        int special = rng.nextInt(d);
        List<Channel> chs = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (!edge[i][j]) {
                    continue;
                }
                boolean tiny = kind == 1 && i == special || kind == 2 && (i == special || j == special);
                double r = tiny ? rate(rng, Math.max(lo, -300), -250) : rate(rng, lo, hi);
                chs.add(new Channel(i, j, rng.nextInt(baths), r, energy[j] - energy[i]));
            }
        }
        return JumpProcess.of(d, 1, BATHS.subList(0, baths), chs);
    }

    private static boolean allNormal(TreeTheorem t, int d) {
        for (int i = 0; i < d; i++) {
            if (t.population(i).compareTo(new BigDecimal("1e-290")) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void assertPopulations(TreeTheorem exact, double[] pi, String what) {
        for (int i = 0; i < pi.length; i++) {
            BigDecimal e = exact.population(i);
            double rel = new BigDecimal(pi[i]).subtract(e).abs().divide(e, MathContext.DECIMAL64).doubleValue();
            if (!(rel <= pi.length * EPS)) {
                fail(what + ": population " + i + " = " + pi[i] + ", exact " + e.round(MathContext.DECIMAL64)
                        + ", relative error " + rel);
            }
        }
    }

    @Test
    void populationsOfRandomStiffChainsAreExactToTheLastBits() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(15);
        int accepted = 0;
        int wide = 0;
        for (int trial = 0; trial < 1000 && accepted < 150; trial++) {
            int d = 3 + rng.nextInt(4);
            JumpProcess p = randomChain(rng, d, trial % 3, -300, 300, 3);
            TreeTheorem exact = TreeTheorem.of(p);
            if (!allNormal(exact, d)) {
                continue;
            }
            accepted++;
            String what = "trial " + trial + " (" + d + " levels, kind " + trial % 3 + ")";
            assertPopulations(exact, ExactSolver.of(p).stationaryState(), what);
            assertPopulations(exact, WideGth.of(p).stationaryState(), what + ", exponent-carrying GTH");
            if (GthFactorization.ofOrNull(p) == null) {
                wide++;
            }
        }
        assertEquals(150, accepted, "chains with every population normal");
        // the test must exercise the exponent-carrying path, not only the plain one
        assertTrue(wide >= 75, "only " + wide + " chains needed the exponent-carrying GTH");
    }

    /**
     * Every current the solver gives, resolved or not, lies within its resolution of the exact one
     * (the honesty of "unresolved"), and most are resolved: on these chains a current nets flows
     * that may cancel over hundreds of decades, which no double arithmetic resolves.
     */
    @Test
    void currentsOfRandomStiffChainsLieWithinTheirResolution() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(1515);
        int accepted = 0;
        int currents = 0;
        int resolved = 0;
        int refused = 0;
        for (int trial = 0; trial < 1000 && accepted < 60; trial++) {
            int d = 3 + rng.nextInt(3);
            JumpProcess p = randomChain(rng, d, trial % 3, -300, 300, 3);
            TreeTheorem exact = TreeTheorem.of(p);
            if (!allNormal(exact, d)) {
                continue;
            }
            accepted++;
            ExactSolution s;
            try {
                s = ExactSolver.solve(p, 4);
            } catch (UnresolvableModelException e) {
                refused++;
                continue;
            }
            for (int r = 0; r < 3; r++) {
                ReservoirStatistics st = s.reservoirs().get(r);
                BigDecimal truth = exact.mean(p.energyWeights(r));
                double err = new BigDecimal(st.current()).subtract(truth).abs().doubleValue();
                String what = "trial " + trial + " reservoir " + st.name() + ": current " + st.current()
                        + ", exact " + truth.round(MathContext.DECIMAL64) + ", resolution " + st.resolution()[0];
                if (st.exactlyZero(0)) {
                    assertEquals(0, truth.signum(), what);
                    continue;
                }
                assertTrue(st.resolution()[0] > 0 && err <= st.resolution()[0], what);
                currents++;
                if (st.resolved(0)) {
                    resolved++;
                }
            }
        }
        assertEquals(60, accepted);
        // refusals: a higher cumulant beyond the double range (kappa_n grows like rate ratios^n)
        assertTrue(refused <= 30 && resolved >= currents / 2, refused + " refused, " + resolved + " of " + currents
                + " currents resolved");
    }

    /** The 3-level file of the issue: populations [1, 0, 0] and every current "|0.00| below 0.00". */
    static JumpProcess issueChain() {
        long[] e = {-2, -1, 2};
        double[][] r = {{0, 1, 1.3938324452696672e-173}, {0, 2, 5.308337468880924e-146}, {1, 0, 1.4830387256211667e+56},
            {1, 2, 4.325589791201536e+296}, {2, 0, 1.7664362056213563e-291}, {2, 1, 3.570221956507119e+214}};
        int[] bath = {1, 2, 1, 0, 0, 0};
        List<Channel> chs = new ArrayList<>();
        for (int k = 0; k < r.length; k++) {
            int from = (int) r[k][0];
            int to = (int) r[k][1];
            chs.add(new Channel(from, to, bath[k], r[k][2], e[to] - e[from]));
        }
        return JumpProcess.of(3, 1, List.of(new Reservoir("c", 0.959), new Reservoir("h", 1.149),
                new Reservoir("w", 1.741)), chs);
    }

    @Test
    void theIssuesThreeLevelChainGivesItsPopulationsAndHonestCurrents() {
        JumpProcess p = issueChain();
        TreeTheorem exact = TreeTheorem.of(p);
        ExactSolution s = ExactSolver.solve(p, 4);
        assertPopulations(exact, s.populations(), "issue chain");
        for (int r = 0; r < 3; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            BigDecimal truth = exact.mean(p.energyWeights(r));
            double err = new BigDecimal(st.current()).subtract(truth).abs().doubleValue();
            assertTrue(st.resolution()[0] > 0 && err <= st.resolution()[0], st.name() + " " + st.current() + " vs "
                    + truth.round(MathContext.DECIMAL64) + ", resolution " + st.resolution()[0]);
        }
        // h and w net flows that do not cancel: resolved to double precision; c nets 1e95 both ways
        for (int r = 1; r < 3; r++) {
            ReservoirStatistics st = s.reservoirs().get(r);
            BigDecimal truth = exact.mean(p.energyWeights(r));
            assertTrue(st.resolved(0), st.name());
            assertEquals(truth.doubleValue(), st.current(), 4 * Math.ulp(st.current()), st.name());
        }
    }

    /** 4 levels, rates 1e-177 .. 1e274: the scaled elimination called these "not unique". */
    @Test
    void irreducibleChainsAreNeverCalledNotUnique() {
        for (long seed : new long[] {1, 8, 25, 38, 81}) {
            JumpProcess p = randomChain(RandomSource.SPLIT_MIX_64.create(seed), 4, 0, -177, 274, 3);
            assertPopulations(TreeTheorem.of(p), ExactSolver.of(p).stationaryState(), "seed " + seed);
        }
    }

    /**
     * 5 levels, one reservoir, rates 1e-129 .. 1e149: p0 was off by 4.7e-11 at seed 112 (and by
     * 100 % where the scaled elimination underflowed). Populations below 1e-290 are only bounded.
     */
    @Test
    void oneReservoirChainsGiveEveryPopulationToTheLastBits() {
        BigDecimal floor = new BigDecimal("1e-290");
        for (long seed = 0; seed < 300; seed++) {
            JumpProcess p = randomChain(RandomSource.SPLIT_MIX_64.create(seed), 5, 0, -129, 149, 1);
            TreeTheorem exact = TreeTheorem.of(p);
            double[] pi = ExactSolver.of(p).stationaryState();
            for (int i = 0; i < 5; i++) {
                BigDecimal e = exact.population(i);
                String what = "seed " + seed + ": population " + i + " = " + pi[i] + ", exact "
                        + e.round(MathContext.DECIMAL64);
                if (e.compareTo(floor) >= 0) {
                    double rel = new BigDecimal(pi[i]).subtract(e).abs().divide(e, MathContext.DECIMAL64).doubleValue();
                    assertTrue(rel <= 5 * EPS, what);
                } else {
                    // below the normal doubles (with room for double-double): tiny, never inflated
                    assertTrue(pi[i] >= 0 && pi[i] < 1e-289, what);
                }
            }
        }
    }

    /**
     * The waiting times' own elimination (plain double, on a dense copy): the mean time between two
     * watched jumps in the steady state is 1 / (their stationary rate) exactly (the Palm-Kac
     * formula), given here by the tree theorem. Plain-double GTH keeps an entrywise relative error
     * of order d^2 u; with p0's rounding the tolerance is 8 d^2 u. Rates around 1e-150, 1 and 1e150,
     * spanning 1e40 or 1e300; where the plain elimination underflows (46 of these chains) the one
     * with exponents answers.
     */
    @Test
    void waitingTimeMeansOfStiffChainsAreExactOrRefused() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(7);
        int answered = 0;
        for (int trial = 0; trial < 300; trial++) {
            int d = 3 + rng.nextInt(4);
            double center = new double[] {-150, 0, 150}[trial % 3];
            double span = trial % 2 == 0 ? 20 : 150;
            JumpProcess p = randomChain(rng, d, 0, center - span, center + span, 3);
            TreeTheorem exact = TreeTheorem.of(p);
            if (!allNormal(exact, d)) {
                continue;
            }
            boolean[] watched = WaitingTimes.reservoir(p, trial % 3);
            double[] ones = new double[watched.length];
            boolean any = false;
            for (int k = 0; k < watched.length; k++) {
                ones[k] = watched[k] ? 1 : 0;
                any |= watched[k];
            }
            if (!any) {
                continue;
            }
            double mean;
            try {
                mean = WaitingTimes.of(p, watched).mean();
            } catch (IllegalArgumentException e) {
                continue; // a level from which no watched jump can happen: infinite waiting times
            }
            BigDecimal want = BigDecimal.ONE.divide(exact.mean(ones), MathContext.DECIMAL128);
            double rel = new BigDecimal(mean).subtract(want).abs().divide(want, MathContext.DECIMAL64).doubleValue();
            assertTrue(rel <= 8 * d * d * 0x1p-53, "trial " + trial + ": mean " + mean + ", exact "
                    + want.round(MathContext.DECIMAL64) + ", relative error " + rel);
            answered++;
        }
        assertTrue(answered >= 250, answered + " answered");
    }

    /**
     * The exponent-carrying solves feed the cumulant recursion as the plain ones do: on chains both
     * handle, kappa_1 .. kappa_4 agree within the plain solver's resolution of each.
     */
    @Test
    void wideAndPlainFactorizationsGiveTheSameCumulants() {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(99);
        for (int trial = 0; trial < 30; trial++) {
            JumpProcess p = randomChain(rng, 3 + rng.nextInt(5), 0, -3, 3, 3);
            ExactSolution plain = ExactSolver.solve(p, 4);
            CumulantRecursion wide = CumulantRecursion.of(p, (Factorization) WideGth.of(p));
            for (int r = 0; r < 3; r++) {
                ReservoirStatistics st = plain.reservoirs().get(r);
                double[] k = wide.cumulants(p.energyWeights(r), 4);
                for (int n = 0; n < 4; n++) {
                    if (st.exactlyZero(n)) {
                        continue; // a count bounded by structure: 0 from neither factorization
                    }
                    assertEquals(st.cumulants()[n], k[n], st.resolution()[n],
                            "trial " + trial + " " + st.name() + " kappa_" + (n + 1));
                }
            }
        }
    }
}
