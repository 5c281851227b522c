package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import qar.estimate.ReplicaMoments;

/**
 * Everything one group of replicas accumulates: an ordered list of {@link GroupPart}s, the energy
 * moments first (always on), then one per probe of the recording ({@link Recording#probes(
 * qar.model.JumpProcess, double[])}), which it knows by position only. Combined in group order, so
 * results do not depend on the thread count. Not thread-safe.
 */
public final class GroupTally {
    /** The energy moments, then the probes' parts. */
    private final GroupPart[] parts;

    private GroupTally(GroupPart[] parts) {
        this.parts = parts;
    }

    static GroupTally create(int reservoirs, List<Probe> probes) {
        GroupPart[] parts = new GroupPart[probes.size() + 1];
        parts[0] = new MomentsPart(ReplicaMoments.create(reservoirs));
        for (int k = 0; k < probes.size(); k++) {
            parts[k + 1] = probes.get(k).tally();
        }
        return new GroupTally(parts);
    }

    public GroupTally combine(GroupTally other) {
        for (int k = 0; k < parts.length; k++) {
            parts[k].combine(other.parts[k]);
        }
        return this;
    }

    /**
     * Writes every part exactly (integers as they are, doubles as their bit patterns, waiting times
     * as HdrHistogram's encoding), so that {@link #read} gives back a group that combines and
     * estimates bit for bit as this one: shards travel losslessly. The energy moments first, then
     * the number of built-in parts ({@link BuiltInParts}: waiting times, windows, fluctuation
     * checks), each with its tag, then the further analyses' parts, each as it writes itself.
     */
    public void write(DataOutput out) throws IOException {
        parts[0].write(out);
        int builtIn = BuiltInParts.count(parts, 1);
        out.writeInt(builtIn);
        for (int k = 1; k < parts.length; k++) {
            if (k <= builtIn) {
                out.writeInt(BuiltInParts.tag(parts[k]));
            }
            parts[k].write(out);
        }
    }

    /** The group {@link #write} wrote, of a campaign without further analyses (built-in parts are read). */
    public static GroupTally read(DataInput in) throws IOException {
        return read(in, List.of());
    }

    /**
     * The group {@link #write} wrote; {@code readers}: one per further analysis, in the recording's
     * order (the built-in parts ahead of them read themselves).
     */
    public static GroupTally read(DataInput in, List<GroupPart.Reader> readers) throws IOException {
        MomentsPart moments = MomentsPart.read(in);
        int builtIn = in.readInt();
        if (builtIn < 0 || builtIn > 1 << 16) {
            throw new IOException("bad number of built-in parts " + builtIn);
        }
        GroupPart[] parts = new GroupPart[1 + builtIn + readers.size()];
        parts[0] = moments;
        for (int k = 1; k <= builtIn; k++) {
            parts[k] = BuiltInParts.reader(in.readInt()).read(in);
        }
        for (int k = 0; k < readers.size(); k++) {
            parts[1 + builtIn + k] = readers.get(k).read(in);
        }
        return new GroupTally(parts);
    }

    /** The energy and jump-count moments of the group's replicas. */
    public ReplicaMoments moments() {
        return ((MomentsPart) parts[0]).moments();
    }

    /** The part of probe k, in the order of the recording's probes. */
    public GroupPart part(int k) {
        return parts[k + 1];
    }
}
