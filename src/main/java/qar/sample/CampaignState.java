package qar.sample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import qar.model.RecordValues;

/**
 * The finished part of a campaign run, exactly: every block before {@code nextBlock} is combined
 * into the group tallies, nothing after it. Continuing from it combines the remaining blocks in
 * the same order, so a resumed run ends bit for bit where an uninterrupted one does.
 *
 * @param firstGroup    the run's first group (a shard's; 0 for a whole campaign)
 * @param groupCount    the run's number of groups
 * @param nextBlock     the first block not yet combined
 * @param replicas      replicas finished (those of the blocks before nextBlock, within the run)
 * @param jumps         jumps of the finished replicas
 * @param steps         engine steps of the finished replicas
 * @param threadSeconds wall seconds times threads spent so far, for the throughput line only
 * @param rowsPosition  bytes of replica rows written so far, or -1 when rows are not kept
 * @param tallies       the group tallies, serialized ({@link #groups} reads them)
 */
public record CampaignState(int firstGroup, int groupCount, long nextBlock, long replicas, long jumps,
                            long steps, double threadSeconds, long rowsPosition, byte[] tallies) {
    public CampaignState {
        tallies = tallies.clone();
    }

    @Override
    public byte[] tallies() {
        return tallies.clone();
    }

    /** Serializes the groups of a run; a null entry is a group none of whose replicas has finished. */
    static byte[] encode(GroupTally[] groups) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(groups.length);
            for (GroupTally g : groups) {
                out.writeBoolean(g != null);
                if (g != null) {
                    g.write(out);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The group tallies, fresh copies, in group order; null for a group not started. */
    public GroupTally[] groups() throws IOException {
        return groups(java.util.List.of());
    }

    /** As {@link #groups()}, of a campaign with further analyses, whose parts {@code readers} read. */
    public GroupTally[] groups(java.util.List<GroupPart.Reader> readers) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(tallies));
        int n = in.readInt();
        if (n != groupCount) {
            throw new IOException("the state holds " + n + " groups, expected " + groupCount);
        }
        GroupTally[] out = new GroupTally[n];
        for (int g = 0; g < n; g++) {
            out[g] = in.readBoolean() ? GroupTally.read(in, readers) : null;
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes after the tallies");
        }
        return out;
    }

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
