package qar.sample;

import java.util.List;
import java.util.TreeMap;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import qar.model.RecordValues;

/**
 * Hands out blocks with their streams in index order, at most {@code ahead} blocks past the
 * oldest unfinished one, and combines partials (and passes rows on) in index order.
 */
final class BlockOrder {
    record Claim(long block, JumpableUniformRandomProvider stream) {
    }

    /** A block's output: one partial tally per group it touches, and its rows. */
    record Partial(int[] group, GroupTally[] tally, List<ReplicaResult> rows, long jumps, long steps) {
        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    private final LongJumpableUniformRandomProvider master;
    private final RunControl control;
    private final long lo;
    private final long hi;
    private final long blocks;
    private final long ahead;
    private final TreeMap<Long, Partial> pending = new TreeMap<>();
    private final int firstGroup;
    private final GroupTally[] groups;
    private final ReplicaSink rows;
    private long nextClaim;
    private long nextCombine;
    private long jumps;
    private long steps;
    private boolean failed;

    BlockOrder(LongJumpableUniformRandomProvider master, long startBlock, long endBlock, int firstGroup,
            GroupTally[] groups, long lo, long hi, ReplicaSink rows, long ahead, long jumps, long steps,
            RunControl control) {
        this.master = master;
        this.control = control;
        this.lo = lo;
        this.hi = hi;
        this.blocks = endBlock;
        this.nextClaim = startBlock;
        this.nextCombine = startBlock;
        this.firstGroup = firstGroup;
        this.groups = groups;
        this.rows = rows;
        this.ahead = ahead;
        this.jumps = jumps;
        this.steps = steps;
    }

    /** The next block, or null when all are claimed, a worker failed or a stop was asked for. */
    synchronized Claim claim() throws InterruptedException {
        // the oldest unfinished block is claimed and running, so its finish() wakes us
        while (!failed && !control.stopRequested() && nextClaim < blocks && nextClaim - nextCombine >= ahead) {
            wait();
        }
        if (failed || control.stopRequested() || nextClaim >= blocks) {
            return null;
        }
        return new Claim(nextClaim++, master.longJump());
    }

    /** Wakes workers waiting for a claim, after a stop request. */
    synchronized void wake() {
        notifyAll();
    }

    /** The combined blocks, exactly, with the rows written for them made durable. */
    synchronized CampaignState state(double threadSeconds) {
        long rowsPosition = rows == null ? -1 : rows.flush();
        long finished = Math.max(0, Math.min(hi, nextCombine * Campaign.BLOCK) - lo);
        return new CampaignState(firstGroup, groups.length, nextCombine, finished, jumps, steps, threadSeconds,
                rowsPosition, CampaignState.encode(groups));
    }

    /** A worker failed: its block will never finish, so the others stop claiming. */
    synchronized void fail() {
        failed = true;
        notifyAll();
    }

    long nextCombine() {
        return nextCombine;
    }

    GroupTally[] groups() {
        return groups;
    }

    long jumps() {
        return jumps;
    }

    long steps() {
        return steps;
    }

    synchronized void finish(long block, Partial p) {
        pending.put(block, p);
        while (!pending.isEmpty() && pending.firstKey() == nextCombine) {
            Partial q = pending.pollFirstEntry().getValue();
            for (int k = 0; k < q.group.length; k++) {
                int g = q.group[k] - firstGroup;
                groups[g] = groups[g] == null ? q.tally[k] : groups[g].combine(q.tally[k]);
            }
            if (rows != null) {
                rows.accept(q.rows);
            }
            jumps += q.jumps;
            steps += q.steps;
            nextCombine++;
            notifyAll();
        }
    }
}
