package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import qar.estimate.ReplicaMoments;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.report.Json;
import qar.report.SampleOutputs;
import qar.report.SampleReport;

import qar.sample.Campaign;
import qar.sample.GroupRange;
import qar.sample.GroupTally;
import qar.sample.RunControl;
import qar.sample.Watch;

/**
 * Shards: the group tallies of shards 1..n, written to bytes, read back and concatenated, give exactly the results of the
 * one-process run (every output rendered and compared as text, so a single differing bit fails),
 * also when n does not divide the groups and when groups straddle the 64-replica blocks.
 */
class ShardTest {
    private static final long SEED = 77L;
    private static final JumpProcess P = Refrigerator.process(ModelParameters.defaults().withN(4));

    static LongJumpableUniformRandomProvider master() {
        return (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(SEED);
    }

    static SampleJob job(long replicas) {
        boolean[] all = new boolean[P.channels().size()];
        java.util.Arrays.fill(all, true);
        return SampleJob.of(P, 6, replicas, List.of(new Watch("all", all)), 20, new double[] {1, 3},
                FluctuationAnalysis.Mode.CHECKS_AND_EFFICIENCY_RATE);
    }

    /**
     * Every output of a result except timing, as text: summary JSON, table and every CSV, rendered by
     * the command's own {@link SampleOutputs}, so that a new output is compared here too.
     */
    static Map<String, String> render(SampleJob job, SampleJob.Result r) {
        List<String> names = P.reservoirs().stream().map(qar.model.Reservoir::name).toList();
        ReplicaMoments all = ReplicaMoments.create(names.size());
        r.campaign().moments().forEach(all::combine);
        SampleReport.Summary s = new SampleReport.Summary(ModelParameters.defaults().withN(4), SEED, 6, 0,
                job.groups(), 1, names, r.comparison().comparisons(), all.jumps(), r.campaign().jumps(), 0);
        SampleOutputs out = SampleOutputs.of(s, job, r, true);
        Map<String, String> text = new LinkedHashMap<>(out.files());
        text.put("json", Json.write(out.json()));
        text.put("table", out.table());
        return text;
    }

    /** Through bytes and back, as a shard file carries it. */
    private static GroupTally travel(GroupTally g) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            g.write(new java.io.DataOutputStream(bytes));
            return GroupTally.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void shardsEqualOneRun(long replicas, int shards, int threads) throws InterruptedException {
        SampleJob job = job(replicas);
        SampleJob.Result whole = job.run(master(), 2, null, null);
        List<GroupTally> groups = new ArrayList<>();
        long jumps = 0;
        for (int i = 1; i <= shards; i++) {
            Campaign.Result part = job.run(master(), threads, null, null, i, shards, RunControl.create());
            GroupRange range = Campaign.shardGroups(job.groups(), i, shards);
            assertEquals(range.end() - range.first(), part.groups().size());
            for (GroupTally g : part.groups()) {
                groups.add(travel(g));
            }
            jumps += part.jumps();
        }
        SampleJob.Result merged = job.result(new Campaign.Result(groups, jumps, 0, threads));
        Map<String, String> one = render(job, whole);
        // this job makes every output there is, so each is compared
        assertEquals(List.of(DistributionCsv.WAITING_TIMES, DistributionCsv.COUNTING, DistributionCsv.LARGE_DEVIATIONS,
                DistributionCsv.RATE_FUNCTION, FluctuationAnalysis.FLUCTUATION_THEOREM,
                FluctuationAnalysis.EFFICIENCY, "json", "table"), List.copyOf(one.keySet()));
        assertEquals(one, render(job, merged), replicas + " replicas in " + shards + " shards");
    }

    /** 64 groups of 5 replicas: 3 shards of 21, 21 and 22 groups, cutting blocks in the middle. */
    @Test
    void threeShardsOfUnevenGroupsEqualTheOneProcessRun() throws InterruptedException {
        shardsEqualOneRun(320, 3, 1);
    }

    /** 12 groups of 8 or 9 replicas (100 replicas, blocks of 64 and a partial one): 5 shards of 2 or 3 groups. */
    @Test
    void fiveShardsOfAnOddCampaignEqualTheOneProcessRun() throws InterruptedException {
        shardsEqualOneRun(100, 5, 2);
    }

    /** The check can fail: a shard with a different seed changes the outputs. */
    @Test
    void aShardOfAnotherSeedDiffers() throws InterruptedException {
        SampleJob job = job(160);
        SampleJob.Result whole = job.run(master(), 1, null, null);
        List<GroupTally> groups = new ArrayList<>(job.run(master(), 1, null, null, 1, 2, RunControl.create()).groups());
        groups.addAll(job.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(SEED + 1),
                1, null, null, 2, 2, RunControl.create()).groups());
        assertNotEquals(render(job, whole).get("json"),
                render(job, job.result(new Campaign.Result(groups, 0, 0, 1))).get("json"));
    }

    @Test
    void aTruncatedTallyIsRefused() throws Exception {
        GroupTally g = job(80).run(master(), 1, null, null, 1, 10, RunControl.create()).groups().get(0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        g.write(new java.io.DataOutputStream(bytes));
        byte[] all = bytes.toByteArray();
        for (int cut : new int[] {0, 7, all.length / 2, all.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(all, cut);
            assertThrows(java.io.IOException.class, () -> GroupTally.read(
                    new java.io.DataInputStream(new java.io.ByteArrayInputStream(part))), "cut at " + cut);
        }
    }

    @Test
    void badShardsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Campaign.shardGroups(64, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Campaign.shardGroups(64, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> Campaign.shardGroups(64, 1, 65));
        assertThrows(IllegalArgumentException.class, () -> Campaign.shardGroups(64, 1, 0));
        SampleJob job = job(160);
        assertThrows(IllegalArgumentException.class, () -> job.result(new Campaign.Result(List.of(), 0, 0, 1)));
    }
}
