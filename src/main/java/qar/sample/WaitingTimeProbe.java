package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import qar.estimate.WaitingTimeTally;

/**
 * Records, per watched set, the time between consecutive watched jumps of each replica into one
 * {@link WaitingTimeTally} per set. The time from the replica's start to its first watched jump has
 * another law (it starts from the stationary state, not just after a watched jump) and is not
 * recorded. It asks for every jump; bulk flips never touch a watched channel (a campaign with such
 * a watch runs the direct engine). Immutable; its recorders are not thread-safe.
 */
public final class WaitingTimeProbe implements Probe {
    private final List<Recording.WatchRange> watches;
    /** watchedBy[channel]: bit w set when watch w contains the channel. */
    private final long[] watchedBy;

    private WaitingTimeProbe(List<Recording.WatchRange> watches, long[] watchedBy) {
        this.watches = watches;
        this.watchedBy = watchedBy;
    }

    /** @param channels the process's number of channels */
    static WaitingTimeProbe of(List<Recording.WatchRange> watches, int channels) {
        if (watches.size() > 64) {
            throw new IllegalArgumentException("at most 64 watched sets, got " + watches.size());
        }
        long[] watchedBy = new long[channels];
        for (int w = 0; w < watches.size(); w++) {
            for (int k = 0; k < channels; k++) {
                if (watches.get(w).watch().watches(k)) {
                    watchedBy[k] |= 1L << w;
                }
            }
        }
        return new WaitingTimeProbe(List.copyOf(watches), watchedBy);
    }

    /** One group's tallies: one per watched set. */
    public static final class Tally implements GroupPart {
        private final WaitingTimeTally[] waits;

        private Tally(WaitingTimeTally[] waits) {
            this.waits = waits;
        }

        /** Of watched set w, in the recording's order. */
        public WaitingTimeTally watch(int w) {
            return waits[w];
        }

        @Override
        public void combine(GroupPart other) {
            Tally o = (Tally) other;
            for (int w = 0; w < waits.length; w++) {
                waits[w].combine(o.waits[w]);
            }
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeInt(waits.length);
            for (WaitingTimeTally w : waits) {
                w.write(out);
            }
        }

        static Tally read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new IOException("bad number of waiting-time tallies " + n);
            }
            WaitingTimeTally[] w = new WaitingTimeTally[n];
            for (int k = 0; k < n; k++) {
                w[k] = WaitingTimeTally.read(in);
            }
            return new Tally(w);
        }
    }

    @Override
    public GroupPart tally() {
        WaitingTimeTally[] w = new WaitingTimeTally[watches.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = WaitingTimeTally.of(watches.get(k).lowest(), watches.get(k).highest());
        }
        return new Tally(w);
    }

    @Override
    public GroupPart.Reader reader() {
        return tallyReader();
    }

    /** Reads a {@link Tally} back. */
    static GroupPart.Reader tallyReader() {
        return Tally::read;
    }

    @Override
    public Recorder recorder(EnergyTally energy) {
        return new Waits();
    }

    private final class Waits implements Recorder {
        private final double[] last = new double[watches.size()];
        private WaitingTimeTally[] target;

        @Override
        public void bind(GroupPart tally) {
            target = ((Tally) tally).waits;
        }

        @Override
        public void start(int level) {
            Arrays.fill(last, Double.NaN);
        }

        @Override
        public void stop(double time, int level) {
        }

        @Override
        public boolean jumps() {
            return true;
        }

        @Override
        public void jump(double t, int from, int to, int channel) {
            long bits = watchedBy[channel];
            while (bits != 0) {
                int w = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                double prev = last[w];
                if (prev == prev) {
                    target[w].accept(t - prev);
                }
                last[w] = t;
            }
        }

        /** Never a watched channel ({@link Campaign} refuses an engine that would flip one). */
        @Override
        public void flips(double time, int forth, long forthCount, int back, long backCount) {
        }
    }
}
