package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import qar.estimate.Estimate;
import qar.estimate.GoodnessOfFit;
import qar.estimate.WaitingTimeEstimate;
import qar.estimate.WaitingTimeTally;
import qar.estimate.WindowEstimate;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.Watch;

/**
 * Sampled waiting times and windows on the refrigerator itself, at the defaults (N = 31), against
 * the exact distributions. Seeds are fixed.
 *
 * <p>Bands: each goodness-of-fit test must give p > 1e-3 (a correct sampler fails one of the 7
 * tests here with probability below 1e-2 per seed, and the seed is fixed); each window cumulant
 * must lie within 5 jackknife standard errors of the exact finite-time value (Student t with 63
 * degrees of freedom exceeds 5 with probability 5e-6; 24 checks). The tests can fail: a waiting
 * time law stretched by 10 % is rejected at p < 1e-6.
 */
class SampleJobTest {
    private static JumpProcess process;
    private static SampleJob job;
    private static SampleJob.Result result;

    @BeforeAll
    static void sample() throws InterruptedException {
        process = Refrigerator.process(ModelParameters.defaults());
        List<Watch> watches = new ArrayList<>();
        boolean[] all = new boolean[process.channels().size()];
        java.util.Arrays.fill(all, true);
        watches.add(new Watch("all", all));
        for (int r = 0; r < 3; r++) {
            boolean[] m = new boolean[all.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = process.channels().get(k).reservoir() == r;
            }
            watches.add(new Watch(Refrigerator.NAMES.get(r), m));
        }
        job = SampleJob.of(process, 40, 640, watches, 60, new double[] {1, 8});
        result = job.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(2026L), 2, null,
                null);
    }

    @Test
    void waitingTimesFollowTheExactLaw() {
        for (int w = 0; w < waits(result).size(); w++) {
            WaitingTimeEstimate e = waits(result).get(w);
            GoodnessOfFit t = e.test();
            assertTrue(t != null && t.pValue() > 1e-3, job.exact().waitingTimes().get(w).watch().label() + ": " + t);
        }
    }

    @Test
    void aStretchedWaitingTimeLawIsRejected() {
        ExactJob.WaitingTime c = job.exact().waitingTimes().get(1);
        List<WaitingTimeTally> tallies = result.campaign().groups().stream().map(g -> ((qar.sample.WaitingTimeProbe.Tally) g.part(0)).watch(1))
                .toList();
        WaitingTimeEstimate wrong = WaitingTimeEstimate.of(tallies, c.grid().tau(),
                tau -> c.distribution().cdf(tau / 1.1), tau -> c.distribution().survival(tau / 1.1), 40);
        assertTrue(wrong.test().pValue() < 1e-6, wrong.test().toString());
    }

    @Test
    void windowDistributionsAndCumulantsMatchTheExactOnes() {
        for (int w = 0; w < 2; w++) {
            ExactJob.Window ex = job.exact().windows().get(w);
            for (int r = 0; r < 3; r++) {
                WindowEstimate s = windows(result).get(w).get(r);
                String where = "t = " + ex.length() + ", " + Refrigerator.NAMES.get(r);
                assertTrue(s.test() != null && s.test().pValue() > 1e-3, where + ": " + s.test());
                for (int n = 0; n < 4; n++) {
                    Estimate e = s.cumulants()[n];
                    double exact = ex.cumulants().get(r)[n];
                    assertTrue(Math.abs(e.value() - exact) < 5 * e.stderr(),
                            where + " kappa" + (n + 1) + ": " + e + " vs " + exact);
                }
            }
        }
        // 640 replicas of length 40: 40 windows of length 1 each
        assertEquals(640 * 40, windows(result).get(0).get(0).windows());
        assertEquals(640 * 5, windows(result).get(1).get(0).windows());
    }

    @Test
    void sameSeedSameTalliesForAnyThreadCount() throws InterruptedException {
        SampleJob.Result three = job.run(
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(2026L), 3, null, null);
        for (int w = 0; w < waits(result).size(); w++) {
            assertTrue(java.util.Arrays.equals(waits(result).get(w).density(),
                    waits(three).get(w).density()));
        }
        for (int w = 0; w < 2; w++) {
            for (int r = 0; r < 3; r++) {
                assertTrue(java.util.Arrays.equals(windows(result).get(w).get(r).probability(),
                        windows(three).get(w).get(r).probability()));
                assertEquals(windows(result).get(w).get(r).cumulants()[3], windows(three).get(w).get(r).cumulants()[3]);
            }
        }
    }

    private static List<WaitingTimeEstimate> waits(SampleJob.Result r) {
        return r.analysis(WaitingTimeAnalysis.Result.class).estimates();
    }

    private static List<List<WindowEstimate>> windows(SampleJob.Result r) {
        return r.analysis(WindowAnalysis.Result.class).estimates();
    }
}
