package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.estimate.Check;
import qar.estimate.EfficiencyDistribution;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;
import qar.sample.FluctuationProbe;
import qar.sample.GroupTally;

/**
 * The sampled fluctuation checks end to end: they pass on the refrigerator and on a three-level
 * ring out of equilibrium that obeys local detailed balance, and the detailed theorem fails on the
 * same ring with one rate off local detailed balance. Seeds are fixed.
 *
 * <p>Bands. Every check's z is Student's t with G - 1 = 63 degrees of freedom converted to the
 * normal law ({@code Estimate.z}); where the theory holds, |z| &lt; 4 has probability 1 - 6.3e-5,
 * so the 2 x 10 (refrigerator) plus 8 (ring) checks asserted this way fail together for a correct
 * sampler with probability below 2e-3 per seed. "Consistent" (|z| &lt; 3) is what the command
 * prints; the tests assert the wider band so that they do not fail by chance more often than
 * that, and additionally that every interval they need is printed (reliable). The violation must
 * reach |z| &gt; 10: at the size of the violation used, the expected slope is 1 + ln(2) / 2 = 1.35
 * (the cycle's entropy 1.996 per cycle becomes 1.996 + ln 2 for the actual rates), about 30
 * standard errors from 1.
 */
class FluctuationAnalysisTest {

    /** Bose factor. */
    private static double bose(double beta, double w) {
        return 1 / Math.expm1(beta * w);
    }

    /**
     * A three-level ring: level energies 0, 2, 6 quanta; c drives 0 <-> 1, w drives 1 <-> 2, h drives
     * 0 <-> 2, each with down rate g (1 + n) and up rate g n at its gap (local detailed balance), the
     * up rate of c multiplied by {@code factor} (1: detailed balance holds).
     */
    static JumpProcess ring(double factor) {
        return ring(factor, 2, 1, 0.001);
    }

    static JumpProcess ring(double factor, double bc, double bh, double bw) {
        List<Channel> ch = new ArrayList<>();
        ch.add(new Channel(0, 1, 0, factor * 10 * bose(bc, 2), 2));
        ch.add(new Channel(1, 0, 0, 10 * (1 + bose(bc, 2)), -2));
        ch.add(new Channel(1, 2, 2, bose(bw, 4), 4));
        ch.add(new Channel(2, 1, 2, 1 + bose(bw, 4), -4));
        ch.add(new Channel(0, 2, 1, 10 * bose(bh, 6), 6));
        ch.add(new Channel(2, 0, 1, 10 * (1 + bose(bh, 6)), -6));
        return JumpProcess.of(3, 1.0, List.of(new Reservoir("c", bc), new Reservoir("h", bh), new Reservoir("w", bw)),
                ch);
    }

    private static SampleJob.Result run(JumpProcess p, double time, long replicas, double[] windows, long seed,
            int threads) throws InterruptedException {
        SampleJob job = SampleJob.of(p, time, replicas, List.of(), 60, windows, FluctuationAnalysis.Mode.CHECKS);
        return job.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed), threads, null,
                null);
    }

    private static Check check(FluctuationAnalysis.Window w, String name) {
        return w.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void holds(Check c, String where) {
        assertNotNull(c.measured(), where + " " + c);
        assertTrue(c.measured().reliable(), where + " " + c);
        assertTrue(Math.abs(c.z()) < 4, where + " " + c);
    }

    @Test
    void everyCheckHoldsOnTheRefrigerator() throws InterruptedException {
        // N = 7 is slow (sigma = 0.009 per unit time), so windows of 10 and 100 carry the entropy
        SampleJob.Result r = run(Refrigerator.process(ModelParameters.defaults().withN(7)), 2000, 1024,
                new double[] {10, 100}, 7L, 2);
        for (FluctuationAnalysis.Window w : r.analysis(FluctuationAnalysis.Result.class).windows()) {
            String at = "t = " + w.length();
            for (String name : List.of("DFT slope", "IFT <exp(-s)>", "EFT slope", "TUR c", "TUR h", "TUR w",
                    "COP")) {
                holds(check(w, name), at);
            }
            // the sampled mean entropy production against sigma t, within 4 errors
            assertTrue(Math.abs(w.meanEntropy().z(w.exactMeanEntropy())) < 4, at + " " + w.meanEntropy());
            // every TUR ratio respects the bound 2
            for (String res : List.of("c", "h", "w")) {
                assertTrue(check(w, "TUR " + res).note().startsWith("bound 2 respected"), at);
            }
            EfficiencyDistribution e = w.efficiency();
            double total = e.undefined().value();
            for (double p : e.probability()) {
                total += p;
            }
            assertEquals(1.0, total, 1e-12, at);
        }
        assertEquals(0.999, r.analysis(FluctuationAnalysis.Result.class).carnot(), 1e-15);
    }

    @Test
    void theChecksHoldOnARingOutOfEquilibriumAndTheDetailedTheoremFailsOffLocalDetailedBalance()
            throws InterruptedException {
        FluctuationAnalysis.Window fair = run(ring(1), 200, 2048, new double[] {10}, 3L, 2).analysis(FluctuationAnalysis.Result.class)
                .windows().get(0);
        assertTrue(fair.exactMeanEntropy() > 1, "out of equilibrium: " + fair.exactMeanEntropy());
        for (String name : List.of("DFT slope", "IFT <exp(-s)>", "EFT slope", "TUR c", "TUR h", "TUR w", "COP")) {
            holds(check(fair, name), "ring");
        }
        // one cycle only: the affinities cannot be told apart, and the table says so
        Check a = check(fair, "EFT beta_c - beta_w");
        assertEquals(Check.Verdict.NOT_COMPUTED, a.verdict());
        assertTrue(a.note().contains("do not separate"), a.note());

        FluctuationAnalysis.Window off = run(ring(2), 200, 2048, new double[] {10}, 3L, 2).analysis(FluctuationAnalysis.Result.class)
                .windows().get(0);
        Check dft = check(off, "DFT slope");
        assertEquals(Check.Verdict.VIOLATED, dft.verdict(), dft.toString());
        assertTrue(Math.abs(dft.z()) > 10, dft.toString());
        assertTrue(Math.abs(dft.measured().value() - (1 + Math.log(2) / 1.996)) < 0.1, dft.toString());
        assertEquals(Check.Verdict.VIOLATED, check(off, "EFT slope").verdict());
    }

    @Test
    void atEquilibriumEveryWindowProducesNoEntropy() throws InterruptedException {
        // one temperature: ln rho(x_0) - ln rho(x_t) = beta (E_t - E_0) cancels -beta Q in every window, so
        // s = 0 up to round-off; <e^-s> = 1 is consistent (not "violated" by a round-off z), and the
        // detailed theorem has no pair of bins to fit
        FluctuationAnalysis.Window w = run(ring(1, 1, 1, 1), 50, 64, new double[] {1}, 4L, 1).analysis(FluctuationAnalysis.Result.class)
                .windows().get(0);
        assertEquals(Check.Verdict.CONSISTENT, check(w, "IFT <exp(-s)>").verdict(), check(w, "IFT <exp(-s)>")
                .toString());
        assertEquals(Check.Verdict.NOT_COMPUTED, check(w, "DFT slope").verdict());
        assertTrue(Math.abs(w.meanEntropy().value()) < 1e-12, w.meanEntropy().toString());
    }

    @Test
    void tallyAndChecksDoNotDependOnTheThreads() throws InterruptedException {
        SampleJob.Result one = run(ring(1), 50, 200, new double[] {1, 5}, 9L, 1);
        SampleJob.Result three = run(ring(1), 50, 200, new double[] {1, 5}, 9L, 3);
        List<GroupTally> a = one.campaign().groups();
        List<GroupTally> b = three.campaign().groups();
        assertEquals(a.size(), b.size());
        for (int g = 0; g < a.size(); g++) {
            for (int w = 0; w < 2; w++) {
                assertEquals(((FluctuationProbe.Tally) a.get(g).part(1)).fluctuation(w),
                        ((FluctuationProbe.Tally) b.get(g).part(1)).fluctuation(w), "group " + g);
            }
        }
        assertEquals(one.analysis(FluctuationAnalysis.Result.class), three.analysis(FluctuationAnalysis.Result.class));
    }

    @Test
    void checksNeedWindowsAndThermalReservoirs() {
        JumpProcess p = ring(1);
        assertThrows(IllegalArgumentException.class, () -> SampleJob.of(p, 10, 64, List.of(), 60, new double[0],
                FluctuationAnalysis.Mode.CHECKS));
        JumpProcess cold = JumpProcess.of(2, 1.0, List.of(new Reservoir("x", Double.NaN)),
                List.of(new Channel(0, 1, 0, 1, 1), new Channel(1, 0, 0, 1, -1)));
        assertThrows(IllegalArgumentException.class, () -> SampleJob.of(cold, 10, 64, List.of(), 60,
                new double[] {1}, FluctuationAnalysis.Mode.CHECKS));
    }

    @Test
    void noEfficiencyWithoutColdAndWorkReservoirs() throws InterruptedException {
        JumpProcess two = JumpProcess.of(2, 1.0, List.of(new Reservoir("x", 1.0), new Reservoir("y", 0.5)),
                List.of(new Channel(0, 1, 0, 1, 1), new Channel(1, 0, 0, Math.E, -1), new Channel(0, 1, 1, 1, 1),
                        new Channel(1, 0, 1, Math.exp(0.5), -1)));
        FluctuationAnalysis.Result r = run(two, 20, 64, new double[] {1}, 5L, 1).analysis(FluctuationAnalysis.Result.class);
        assertNull(r.windows().get(0).efficiency());
        assertTrue(r.efficiencyNote().contains("no reservoirs named c and w"), r.efficiencyNote());
        assertTrue(r.windows().get(0).checks().stream().noneMatch(c -> c.name().equals("COP")));
    }
}
