package qar.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.numbers.core.DD;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qar.estimate.ReplicaMoments;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.exact.GthFactorization;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The sampler against the exact solver on the full model at small N. Every band is 5 standard
 * deviations of the estimator, the standard deviation computed from exact quantities:
 * for R replicas of length T from the stationary state, with the exact finite-time cumulants
 * c_n = kappa_n T + g_n of the energy Q_T,
 * - mean(Q)/T has mean c_1/T = kappa_1 and variance c_2 / (R T^2);
 * - the sample variance k_2 has mean c_2 and variance mu_4/R - c_2^2 (R-3)/(R(R-1)),
 *   mu_4 = c_4 + 3 c_2^2 (Cramer).
 * A correct sampler leaves a 5-sigma band with probability below 1e-6 per check (Chebyshev-free:
 * the estimators are averages of 400+ independent replicas, close to normal); seeds are fixed.
 */
class SamplerAgreementTest {
    private static final double SIGMAS = 5;

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7})
    void currentsAndNoiseAgreeWithTheExactSolver(int n) throws InterruptedException {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
        ExactSolution exact = ExactSolver.solve(p, 4);
        double[][] g = ExactSolver.of(p).finiteTimeOffsets(4);
        double t = 400;
        int replicas = 600;
        Campaign c = Campaign.of(p, exact.populations(), t, replicas);
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(4242L + n);
        Campaign.Result r = c.run(master, 2, null, null);
        ReplicaMoments all = ReplicaMoments.create(3);
        for (ReplicaMoments m : r.moments()) {
            all.combine(m);
        }
        assertEquals(replicas, all.replicas());
        for (int res = 0; res < 3; res++) {
            double[] kappa = exact.reservoirs().get(res).cumulants();
            double c2 = kappa[1] * t + g[res][1];
            double c4 = kappa[3] * t + g[res][3];
            double[] k = all.kStatistics(res);
            double sdMean = Math.sqrt(c2 / replicas) / t;
            assertEquals(kappa[0], k[0] / t, SIGMAS * sdMean, "current of reservoir " + res + " at N = " + n);
            double mu4 = c4 + 3 * c2 * c2;
            double varK2 = mu4 / replicas - c2 * c2 * (replicas - 3.0) / (replicas * (replicas - 1.0));
            assertEquals(c2, k[1], SIGMAS * Math.sqrt(varK2), "noise of reservoir " + res + " at N = " + n);
        }
    }

    /**
     * Occupation of every level, averaged over R replicas of length T, against the stationary state.
     * From a stationary start the mean occupation time is exactly pi_b T; its variance is v_b T
     * plus an O(1) term (relative size correlation time / T, below 6 % here), with
     * v_b = 2 pi_b (-L^D e_b)_b, the Drazin inverse applied by the exact solver's GTH factors.
     */
    @Test
    void levelOccupationsAgreeWithTheStationaryState() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(7));
        GthFactorization gth = GthFactorization.of(p);
        double[] pi = gth.stationaryState();
        int d = p.dimension();
        double t = 500;
        int replicas = 400;
        GillespieEngine engine = GillespieEngine.of(p);
        OccupationTime occ = OccupationTime.of(p);
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(777L);
        DiscreteSampler initial = AliasMethodDiscreteSampler.of(rng, pi);
        for (int i = 0; i < replicas; i++) {
            engine.run(rng, initial.sample(), t, occ);
        }
        double[] time = occ.time();
        DD[] piDD = gth.stationaryDD();
        for (int b = 0; b < d; b++) {
            DD[] y = new DD[d];
            for (int a = 0; a < d; a++) {
                y[a] = (a == b ? DD.ONE : DD.ZERO).subtract(piDD[a]);
            }
            double minusDrazin = -gth.solve(y)[b].doubleValue();
            double v = 2 * pi[b] * minusDrazin;
            double sd = Math.sqrt(v * t * replicas) / (t * replicas);
            assertEquals(pi[b], time[b] / (t * replicas), SIGMAS * sd, "level " + b);
        }
    }

    @Test
    void sameSeedSameResultsForAnyThreadCount() throws InterruptedException {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        double[] pi = ExactSolver.solve(p, 2).populations();
        Campaign c = Campaign.of(p, pi, 30, 100);
        List<ReplicaResult> reference = null;
        double[] referenceK = null;
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<ReplicaResult> rows = new java.util.ArrayList<>();
            Campaign.Result r = c.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(99L),
                    threads, rows::addAll, null);
            ReplicaMoments all = ReplicaMoments.create(3);
            r.moments().forEach(all::combine);
            double[] k = all.kStatistics(0);
            if (reference == null) {
                reference = rows;
                referenceK = k;
                assertEquals(100, rows.size());
            } else {
                assertEquals(reference.size(), rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals(reference.get(i).index(), rows.get(i).index());
                    assertTrue(java.util.Arrays.equals(reference.get(i).energy(), rows.get(i).energy()));
                    assertTrue(java.util.Arrays.equals(reference.get(i).jumps(), rows.get(i).jumps()));
                    assertEquals(reference.get(i).startLevel(), rows.get(i).startLevel());
                }
                assertTrue(java.util.Arrays.equals(referenceK, k), "k-statistics differ with " + threads + " threads");
            }
        }
    }

    @Test
    void differentReplicasGetDifferentStreams() throws InterruptedException {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        double[] pi = ExactSolver.solve(p, 2).populations();
        List<ReplicaResult> rows = new java.util.ArrayList<>();
        Campaign.of(p, pi, 50, 64)
                .run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(5L), 2, rows::addAll, null);
        long distinct = rows.stream()
                .map(row -> java.util.Arrays.toString(row.jumps())).distinct().count();
        // 64 replicas of ~1000 jumps each: identical jump counts in all three reservoirs for two
        // independent replicas is possible but rare; identical streams would make all 64 equal.
        assertTrue(distinct > 50, "only " + distinct + " distinct replicas");
    }

    /** Replica i's stream depends on the seed and i alone: a larger campaign extends a smaller one. */
    @Test
    void largerCampaignRepeatsTheSmallerOnesReplicas() throws InterruptedException {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(5));
        double[] pi = ExactSolver.solve(p, 2).populations();
        List<ReplicaResult> small = new java.util.ArrayList<>();
        Campaign.of(p, pi, 20, 100)
                .run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(8L), 2, small::addAll, null);
        List<ReplicaResult> large = new java.util.ArrayList<>();
        Campaign.of(p, pi, 20, 333)
                .run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(8L), 3, large::addAll, null);
        assertEquals(333, large.size());
        for (int i = 0; i < small.size(); i++) {
            assertEquals(i, large.get(i).index());
            assertEquals(small.get(i).startLevel(), large.get(i).startLevel());
            assertEquals(small.get(i).endLevel(), large.get(i).endLevel());
            assertTrue(java.util.Arrays.equals(small.get(i).energy(), large.get(i).energy()), "replica " + i);
        }
    }
}
