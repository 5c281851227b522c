package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.estimate.WindowTally;
import qar.exact.CountingDistribution;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.model.Reservoir;
import qar.sample.Campaign;
import qar.sample.EngineChoice;
import qar.sample.GroupTally;
import qar.sample.JumpCountProbe;
import qar.sample.RunControl;

/**
 * The jump-count analysis (--analysis jumps): exact P(k, t) against uniformisation of the
 * jump-count-augmented master equation, sampled against exact, and lossless travel through shards.
 */
class JumpCountAnalysisTest {
    /**
     * The three-level refrigerator of runs/process-three-level.json: channels carry 2, 4 and 6
     * quanta, so a jump count that came out as an energy would be off by those factors.
     */
    static final JumpProcess THREE = JumpProcess.of(3, 1.0,
            List.of(new Reservoir("c", 2.0, Reservoir.Role.COLD), new Reservoir("h", 1.0, Reservoir.Role.HOT),
                    new Reservoir("w", 0.1, Reservoir.Role.WORK)),
            List.of(new Channel(1, 0, 0, 1.0, -2), new Channel(0, 1, 0, 0.01831563888873418, 2),
                    new Channel(2, 1, 2, 1.0, -4), new Channel(1, 2, 2, 0.6703200460356393, 4),
                    new Channel(2, 0, 1, 0.5, -6), new Channel(0, 2, 1, 0.0012393760883331792, 6)));

    private static SampleJob job(JumpProcess p, double time, long replicas, double[] windows, EngineChoice engine) {
        return SampleJob.of(p, time, replicas, List.of(), 2, windows, FluctuationAnalysis.Mode.OFF, engine,
                List.of("jumps"));
    }

    private static JumpCountAnalysis analysis(SampleJob job) {
        return (JumpCountAnalysis) job.analyses().get(0);
    }

    /**
     * The oracle: P(k, t) by uniformisation of the master equation on (level, k), k the jumps of
     * reservoir r so far: p(t) = sum_m Poisson(m; Lambda t) S^m p(0), S = I + Q / Lambda, Lambda
     * the largest escape rate. Every term is nonnegative, so nothing cancels and each P(k) carries
     * a relative error of a few ulps per step; no tilt, no DFT, no exponential of a matrix.
     */
    static double[] uniformised(JumpProcess p, int reservoir, double[] start, double t, int kMax) {
        int d = p.dimension();
        double[] escape = p.escapeRates();
        double lambda = 0;
        for (double e : escape) {
            lambda = Math.max(lambda, e);
        }
        double lt = lambda * t;
        double[][] v = new double[d][kMax + 1];
        for (int x = 0; x < d; x++) {
            v[x][0] = start[x];
        }
        double[] out = new double[kMax + 1];
        double weight = Math.exp(-lt);
        int steps = (int) Math.ceil(lt + 40 * Math.sqrt(lt) + 60);
        for (int m = 0; m <= steps; m++) {
            for (int x = 0; x < d; x++) {
                for (int k = 0; k <= kMax; k++) {
                    out[k] += weight * v[x][k];
                }
            }
            double[][] next = new double[d][kMax + 1];
            for (int x = 0; x < d; x++) {
                for (int k = 0; k <= kMax; k++) {
                    next[x][k] += v[x][k] * (1 - escape[x] / lambda);
                }
            }
            for (Channel ch : p.channels()) {
                int shift = ch.reservoir() == reservoir ? 1 : 0;
                for (int k = 0; k + shift <= kMax; k++) {
                    next[ch.to()][k + shift] += v[ch.from()][k] * ch.rate() / lambda;
                }
            }
            v = next;
            weight *= lt / (m + 1);
        }
        return out;
    }

    /**
     * Exact P(k, t) from the stationary state against the oracle, every reservoir, short and long
     * windows: within 1e-12 of the largest probability (the tilts' DFT error is a few ulps of the
     * largest tilted value, times the ladder's rescaling).
     */
    @Test
    void exactJumpCountsMatchUniformisation() {
        double[] windows = {0.5, 6};
        SampleJob job = job(THREE, 6, 64, windows, EngineChoice.DIRECT);
        JumpCountAnalysis a = analysis(job);
        double[] pi = job.exact().solution().populations();
        for (int w = 0; w < windows.length; w++) {
            for (int r = 0; r < 3; r++) {
                CountingDistribution.Result got = a.exact(w, r);
                assertTrue(got.nMin() >= 0, "k >= 0");
                int kMax = (int) got.nMax() + 5;
                double[] want = uniformised(THREE, r, pi, windows[w], kMax);
                double largest = 0;
                for (double x : want) {
                    largest = Math.max(largest, x);
                }
                for (int k = 0; k <= kMax; k++) {
                    double g = got.at(k);
                    if (Double.isNaN(g)) {
                        // not resolved: only where the value is below the window's tail bound
                        assertTrue(want[k] < 1e-10 * largest, "unresolved k = " + k + " of P = " + want[k]);
                        continue;
                    }
                    assertEquals(want[k], g, 1e-12 * largest, "t = " + windows[w] + ", r = " + r + ", k = " + k);
                }
            }
        }
    }

    /** The oracle is not vacuous: counting energies instead of jumps moves P(k, t) far off. */
    @Test
    void theOracleSeesEnergiesCountedAsJumps() {
        SampleJob job = job(THREE, 6, 64, new double[] {2}, EngineChoice.DIRECT);
        double[] pi = job.exact().solution().populations();
        CountingDistribution.Result energy = CountingDistribution.of(THREE, 0).distribution(2, pi,
                CountingDistribution.DEFAULT_TAIL);
        double[] want = uniformised(THREE, 0, pi, 2, 30);
        assertNotEquals(want[1], energy.at(1), 1e-3);
        assertEquals(want[1], analysis(job).exact(0, 0).at(1), 1e-12);
    }

    /**
     * Sampled against exact. With one window per replica (t = T) the windows are independent
     * draws from the stationary P(k, T), so each sampled share is binomial: sd = sqrt(P (1 - P) / R)
     * from the exact P; 5 sd per k and 5 sqrt(kappa_2 / R) for the mean k fail by chance with
     * probability below 1e-5 over all k (normal tails, R P(k) >= 25 where checked). With five
     * windows per replica, the windows are dependent and the check is the groups' Hotelling test,
     * calibrated by its F law: p > 1e-4 fails by chance once in 1e4.
     */
    private static void sampledAgrees(JumpProcess p, double time, long replicas, EngineChoice engine)
            throws InterruptedException, IOException {
        double[] windows = {time, time / 5};
        SampleJob job = job(p, time, replicas, windows, engine);
        JumpCountAnalysis a = analysis(job);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(20261206L);
        Campaign.Result run = job.run(master, 2, null, null, 1, 1, RunControl.create());
        for (int r = 0; r < p.reservoirs().size(); r++) {
            List<WindowTally> whole = new ArrayList<>();
            List<WindowTally> fifths = new ArrayList<>();
            for (GroupTally g : run.groups()) {
                whole.add(((JumpCountProbe.Tally) g.part(1)).window(0));
                fifths.add(((JumpCountProbe.Tally) g.part(1)).window(1));
            }
            long windowsSeen = whole.stream().mapToLong(WindowTally::windows).sum();
            assertEquals(replicas, windowsSeen);
            assertEquals(5 * replicas, fifths.stream().mapToLong(WindowTally::windows).sum());
            CountingDistribution.Result exact = a.exact(0, r);
            double[] c = JumpCountAnalysis.cumulants(exact);
            double sum = 0;
            for (WindowTally t : whole) {
                if (t.histogram(r).total() > 0) {
                    for (long k = t.histogram(r).min(); k <= t.histogram(r).max(); k++) {
                        sum += k * (double) t.histogram(r).count(k);
                    }
                }
            }
            assertEquals(c[0], sum / replicas, 5 * Math.sqrt(c[1] / replicas), "mean k of reservoir " + r);
            for (long k = exact.nMin(); k <= exact.nMax(); k++) {
                double pk = exact.at(k);
                if (Double.isNaN(pk) || replicas * pk < 25 || replicas * (1 - pk) < 25) {
                    continue;
                }
                final long kk = k;
                final int res = r;
                long seen = whole.stream().mapToLong(t -> t.histogram(res).count(kk)).sum();
                assertEquals(pk, (double) seen / replicas, 5 * Math.sqrt(pk * (1 - pk) / replicas),
                        "P(" + k + ", T) of reservoir " + r);
            }
        }
        SampleJob.Result result = job.result(run);
        String json = qar.report.Json.write(jsonOf(result.analyses().get(0)));
        com.fasterxml.jackson.databind.JsonNode counts = qar.report.Json.MAPPER.readValue(json,
                com.fasterxml.jackson.databind.JsonNode.class).get("jumpCounts");
        assertEquals(2 * p.reservoirs().size(), counts.size());
        for (com.fasterxml.jackson.databind.JsonNode o : counts) {
            if (o.get("test").get("pValue").isNull()) {
                continue;
            }
            assertTrue(o.get("test").get("pValue").asDouble() > 1e-4, o.toString());
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode jsonOf(Analysis.Result r) {
        com.fasterxml.jackson.databind.node.ObjectNode o = qar.report.Json.object();
        r.json(o);
        return o;
    }

    @Test
    void sampledJumpCountsAgreeWithExactOnTheDirectEngine() throws Exception {
        sampledAgrees(THREE, 8, 4000, EngineChoice.DIRECT);
    }

    /** The aggregated engine reports the fast flips in bulk; their counts enter the windows all the same. */
    @Test
    void sampledJumpCountsAgreeWithExactOnTheAggregatedEngine() throws Exception {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(4));
        SampleJob job = job(p, 4, 64, new double[] {4}, EngineChoice.AGGREGATED);
        assertEquals("aggregated", job.engine().name());
        sampledAgrees(p, 4, 3000, EngineChoice.AGGREGATED);
    }

    private static GroupTally travel(GroupTally g, SampleJob job) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        g.write(new DataOutputStream(bytes));
        return GroupTally.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                Analyses.readers(List.of("jumps")));
    }

    /** Three shards, through bytes, give the one run's result, table, JSON and CSV alike. */
    @Test
    void shardsThroughBytesEqualTheOneRun() throws Exception {
        SampleJob job = job(THREE, 6, 320, new double[] {1, 3}, EngineChoice.DIRECT);
        SampleJob.Result whole = job.run(
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(5L), 2, null, null);
        List<GroupTally> groups = new ArrayList<>();
        long jumps = 0;
        for (int i = 1; i <= 3; i++) {
            Campaign.Result part = job.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(5L),
                    1, null, null, i, 3, RunControl.create());
            for (GroupTally g : part.groups()) {
                groups.add(travel(g, job));
            }
            jumps += part.jumps();
        }
        SampleJob.Result merged = job.result(new Campaign.Result(groups, jumps, 0, 1));
        Analysis.Result a = whole.analyses().get(0);
        Analysis.Result b = merged.analyses().get(0);
        assertEquals(a.table(), b.table());
        assertEquals(qar.report.Json.write(jsonOf(a)), qar.report.Json.write(jsonOf(b)));
        Map<String, String> files = a.files();
        assertEquals(List.of(JumpCountAnalysis.CSV), List.copyOf(files.keySet()));
        assertEquals(files, b.files());
        // and another seed differs, so the comparison can fail
        SampleJob.Result other = job.run(
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(6L), 2, null, null);
        assertNotEquals(files, other.analyses().get(0).files());
    }
}
