package qar.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/** Rows stream to a sink while the campaign runs: in replica order, one call at a time, for any threads. */
class CampaignRowsTest {
    private static final JumpProcess P = Refrigerator.process(ModelParameters.defaults().withN(5));
    private static final double[] PI = ExactSolver.solve(P, 2).populations();

    private static LongJumpableUniformRandomProvider master() {
        return (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(31L);
    }

    /** 40 blocks and a partial one: far more than the reorder buffer of 1 or 2 threads holds. */
    @Test
    void rowsArriveInReplicaOrderOneCallAtATimeWhateverTheThreads() throws InterruptedException {
        long replicas = 40L * Campaign.BLOCK + 17;
        Campaign c = Campaign.of(P, PI, 2, replicas);
        List<ReplicaResult> reference = null;
        for (int threads : new int[] {1, 2, 5}) {
            List<ReplicaResult> rows = new ArrayList<>();
            AtomicBoolean inside = new AtomicBoolean();
            AtomicBoolean overlapped = new AtomicBoolean();
            c.run(master(), threads, block -> {
                overlapped.compareAndSet(false, !inside.compareAndSet(false, true));
                rows.addAll(block);
                inside.set(false);
            }, null);
            assertFalse(overlapped.get(), "two sink calls at once with " + threads + " threads");
            assertEquals(replicas, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i, rows.get(i).index(), threads + " threads");
            }
            if (reference == null) {
                reference = rows;
            } else {
                for (int i = 0; i < rows.size(); i++) {
                    ReplicaResult a = reference.get(i);
                    ReplicaResult b = rows.get(i);
                    assertTrue(a.startLevel() == b.startLevel() && a.endLevel() == b.endLevel()
                            && Arrays.equals(a.energy(), b.energy()) && Arrays.equals(a.jumps(), b.jumps()),
                            "replica " + i + " differs with " + threads + " threads");
                }
            }
        }
    }

    /** A sink that fails stops the campaign with its exception instead of leaving the workers waiting. */
    @Test
    void aFailingSinkEndsTheCampaign() {
        Campaign c = Campaign.of(P, PI, 2, 200L * Campaign.BLOCK);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.run(master(), 2, block -> {
            if (block.get(0).index() == 3L * Campaign.BLOCK) {
                throw new IllegalStateException("sink failed");
            }
        }, null));
        assertEquals("sink failed", e.getMessage());
    }
}
