package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import qar.estimate.ReplicaMoments;
import qar.estimate.WaitingTimeTally;
import qar.estimate.WindowTally;

/**
 * Everything one group of replicas accumulates: energy moments, and, when recorded, waiting-time
 * histograms (one per watched set) and window tallies (one per window length), then the parts of
 * the probes ({@link Probe}), a list of {@link GroupPart} it knows by position only. Combined in
 * group order, so results do not depend on the thread count. Not thread-safe.
 */
public final class GroupTally {
    private final ReplicaMoments moments;
    private final WaitingTimeTally[] waits;
    private final WindowTally[] windows;
    /** The further analyses' parts, in the order of the recording's probes. */
    private final GroupPart[] parts;

    private GroupTally(ReplicaMoments moments, WaitingTimeTally[] waits, WindowTally[] windows,
            GroupPart[] parts) {
        this.moments = moments;
        this.waits = waits;
        this.windows = windows;
        this.parts = parts;
    }

    /** @param centres per reservoir, the window power sums' centre per unit time (quanta) */
    static GroupTally create(int reservoirs, Recording recording, double[] centres) {
        List<Recording.WatchRange> ws = recording.watches();
        WaitingTimeTally[] waits = new WaitingTimeTally[ws.size()];
        for (int w = 0; w < waits.length; w++) {
            waits[w] = WaitingTimeTally.of(ws.get(w).lowest(), ws.get(w).highest());
        }
        double[] lengths = recording.windows();
        WindowTally[] windows = new WindowTally[lengths.length];
        for (int w = 0; w < lengths.length; w++) {
            long[] c = new long[reservoirs];
            for (int r = 0; r < reservoirs; r++) {
                c[r] = Math.round(centres[r] * lengths[w]);
            }
            windows[w] = WindowTally.of(lengths[w], c);
        }
        List<Probe> probes = recording.probes();
        GroupPart[] parts = new GroupPart[probes.size()];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = probes.get(k).tally();
        }
        return new GroupTally(ReplicaMoments.create(reservoirs), waits, windows, parts);
    }

    public GroupTally combine(GroupTally other) {
        moments.combine(other.moments);
        for (int w = 0; w < waits.length; w++) {
            waits[w].combine(other.waits[w]);
        }
        for (int w = 0; w < windows.length; w++) {
            windows[w].combine(other.windows[w]);
        }
        for (int k = 0; k < parts.length; k++) {
            parts[k].combine(other.parts[k]);
        }
        return this;
    }

    /**
     * Writes every tally exactly (integers as they are, doubles as their bit patterns, waiting
     * times as HdrHistogram's encoding), so that {@link #read} gives back a group that combines and
     * estimates bit for bit as this one: shards travel losslessly. The parts follow: the number of
     * built-in ones ({@link BuiltInParts}), each with its tag, then the further analyses', each as
     * it writes itself.
     */
    public void write(DataOutput out) throws IOException {
        moments.write(out);
        out.writeInt(waits.length);
        for (WaitingTimeTally w : waits) {
            w.write(out);
        }
        out.writeInt(windows.length);
        for (WindowTally w : windows) {
            w.write(out);
        }
        int builtIn = BuiltInParts.count(parts);
        out.writeInt(builtIn);
        for (int k = 0; k < parts.length; k++) {
            if (k < builtIn) {
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
        ReplicaMoments moments = ReplicaMoments.read(in);
        WaitingTimeTally[] waits = new WaitingTimeTally[count(in, 0)];
        for (int w = 0; w < waits.length; w++) {
            waits[w] = WaitingTimeTally.read(in);
        }
        WindowTally[] windows = new WindowTally[count(in, 0)];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = WindowTally.read(in);
        }
        int builtIn = count(in, 0);
        GroupPart[] parts = new GroupPart[builtIn + readers.size()];
        for (int k = 0; k < builtIn; k++) {
            parts[k] = BuiltInParts.reader(in.readInt()).read(in);
        }
        for (int k = 0; k < readers.size(); k++) {
            parts[builtIn + k] = readers.get(k).read(in);
        }
        return new GroupTally(moments, waits, windows, parts);
    }

    private static int count(DataInput in, int least) throws IOException {
        int n = in.readInt();
        if (n < least || n > 1 << 16) {
            throw new IOException("bad number of tallies " + n);
        }
        return n;
    }

    public ReplicaMoments moments() {
        return moments;
    }

    /** Per watched set, in the order of the recording. */
    public WaitingTimeTally[] waits() {
        return waits;
    }

    /** Per window length, in the order of the recording. */
    public WindowTally[] windows() {
        return windows;
    }

    /** The part of probe k, in the order of the recording's probes. */
    public GroupPart part(int k) {
        return parts[k];
    }
}
