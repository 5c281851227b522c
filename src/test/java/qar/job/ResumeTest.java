package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import qar.sample.Campaign;
import qar.sample.CampaignState;
import qar.sample.RunControl;

/**
 * Checkpoints and interruption at the campaign level: a run stopped part-way saves its state, and
 * a run resumed from that state (a fresh master generator of the same seed, any thread count)
 * ends with every output equal, as text, to the uninterrupted run's, and with the same replica
 * rows in the same order. Stopping is driven by the saver itself, so the test is deterministic
 * about what it checks whatever the moment the stop lands.
 */
class ResumeTest {
    private static final qar.model.JumpProcess P7 = qar.model.Refrigerator.process(
            qar.model.ModelParameters.defaults().withN(7));

    /**
     * N = 7 at the defaults, T = 20, with waiting times of the cold jumps, two window lengths and
     * the fluctuation checks: every tally a checkpoint carries, on the aggregated engine (its fast
     * pair's sojourns straddle the windows' edges and the stop polls).
     */
    private static SampleJob job(long replicas) {
        boolean[] cold = new boolean[P7.channels().size()];
        for (int k = 0; k < cold.length; k++) {
            cold[k] = P7.channels().get(k).reservoir() == 0;
        }
        SampleJob job = SampleJob.of(P7, 20, replicas, List.of(new qar.sample.Watch("c", cold)), 20,
                new double[] {1, 5}, FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE);
        assertEquals("aggregated", job.engine().name());
        return job;
    }

    /** A sink that keeps each row as its CSV text, in order. */
    private static qar.sample.ReplicaSink into(List<String> rows) {
        return batch -> batch.forEach(r -> rows.add(qar.report.SampleReport.csvRow(r)));
    }

    /**
     * A control that saves every few milliseconds and is asked to stop by the rows sink once
     * {@code stopAfter} more rows have come in; the rows go to {@code rows} as text.
     */
    private record Leg(RunControl control, qar.sample.ReplicaSink sink) {
        static Leg of(CampaignState resume, AtomicReference<CampaignState> last, List<String> rows, long stopAfter) {
            RunControl control = RunControl.of(resume, 5e-3, last::set);
            long target = rows.size() + stopAfter;
            return new Leg(control, batch -> {
                into(rows).accept(batch);
                if (rows.size() >= target) {
                    control.requestStop();
                }
            });
        }
    }

    private static void resumedEqualsUninterrupted(long replicas, int shard, int shards, int threads, int legBlocks)
            throws Exception {
        SampleJob job = job(replicas);
        List<String> rows = new ArrayList<>();
        Campaign.Result whole = job.run(ShardTest.master(), 2, into(rows), null, shard, shards,
                RunControl.create());
        assertFalse(whole.partial());

        List<String> resumedRows = new ArrayList<>();
        AtomicReference<CampaignState> last = new AtomicReference<>();
        CampaignState state = null;
        Campaign.Result r;
        int stops = 0;
        // stop after about legBlocks blocks, resume, stop again ... until a leg completes; legs on 1 to 3 threads
        do {
            int legThreads = 1 + (stops + threads) % 3;
            Leg leg = Leg.of(state, last, resumedRows, legBlocks * Campaign.BLOCK);
            r = job.run(ShardTest.master(), legThreads, leg.sink(), null, shard, shards, leg.control());
            if (r.partial()) {
                stops++;
                state = last.get();
                // the rows handed on past the saved state are the stopped leg's: cut back to the state,
                // as resuming cuts FILE.rows back to the length its checkpoint counted
                assertTrue(state.replicas() <= resumedRows.size());
                resumedRows.subList((int) state.replicas(), resumedRows.size()).clear();
            }
        } while (r.partial() && stops < 100);
        assertFalse(r.partial(), "never completed");
        // at least one stop and resume; how many depends on how far the workers ran ahead of each stop
        assertTrue(stops >= 1, "stopped " + stops + " times");
        assertEquals(rows, resumedRows);
        if (shards == 1) {
            assertEquals(ShardTest.render(job, job.result(whole)), ShardTest.render(job, job.result(r)),
                    replicas + " replicas, " + stops + " interruptions");
        } else {
            assertEquals(whole.groups().size(), r.groups().size());
            for (int g = 0; g < r.groups().size(); g++) {
                assertEquals(bytes(whole.groups().get(g)), bytes(r.groups().get(g)));
            }
        }
        assertEquals(whole.jumps(), r.jumps());
    }

    private static String bytes(qar.sample.GroupTally g) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        g.write(new java.io.DataOutputStream(out));
        return java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void aCampaignStoppedAndResumedEqualsTheUninterruptedOne() throws Exception {
        resumedEqualsUninterrupted(1600, 1, 1, 2, 3);
    }

    @Test
    void aShardStoppedAndResumedEqualsTheUninterruptedShard() throws Exception {
        resumedEqualsUninterrupted(3000, 2, 3, 1, 1);
    }

    /**
     * A stopped run keeps only whole error groups, from the first: every kept group has all its
     * replicas, the saved state counts at least those, and the partial result estimates.
     */
    @Test
    void aStoppedRunReportsItsWholeGroups() throws Exception {
        SampleJob job = job(1600);
        AtomicReference<CampaignState> last = new AtomicReference<>();
        Leg leg = Leg.of(null, last, new ArrayList<>(), 10 * Campaign.BLOCK);
        Campaign.Result r = job.run(ShardTest.master(), 2, leg.sink(), null, 1, 1, leg.control());
        assertTrue(r.partial());
        long perGroup = 1600 / job.groups();
        assertTrue(r.groups().size() >= 10 * Campaign.BLOCK / perGroup - 1);
        for (qar.sample.GroupTally g : r.groups()) {
            assertEquals(perGroup, g.moments().replicas());
        }
        assertTrue(r.replicas() <= last.get().replicas());
        assertEquals(r.groups().size(), job.result(r).campaign().groups().size());
    }

    /** A state of another part of the campaign (here of shard 1 of 2, given to shard 2) is refused. */
    @Test
    void aStateOfAnotherRunIsRefused() {
        SampleJob job = job(1600);
        byte[] noneFinished = new byte[4 + 32];
        noneFinished[3] = 32;
        CampaignState firstHalf = new CampaignState(0, 32, 0, 0, 0, 0, 0, -1, noneFinished);
        assertEquals(64, job.groups());
        assertThrows(IllegalArgumentException.class, () -> job.run(ShardTest.master(), 1, null, null, 2, 2,
                RunControl.of(firstHalf, 1, null)));
        CampaignState beyond = new CampaignState(32, 32, 1000, 0, 0, 0, 0, -1, noneFinished);
        assertThrows(IllegalArgumentException.class, () -> job.run(ShardTest.master(), 1, null, null, 2, 2,
                RunControl.of(beyond, 1, null)));
    }
}
