package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import qar.estimate.WindowTally;

/**
 * Records the number of jumps k through each reservoir (both directions, every jump counts 1) in
 * consecutive windows [i t, (i+1) t) of each length t, into one {@link WindowTally} per length
 * (histogram and power sums of k). Like the energy windows it costs nothing per jump: at an edge
 * the counts are read from the trajectory's channel counts, which bulk flips keep too, so both
 * engines run it. Immutable; its recorders are not thread-safe.
 */
public final class JumpCountProbe implements Probe {
    private final double[] lengths;
    /** Per length, per reservoir, the power sums' centre (the exact mean count, rounded). */
    private final long[][] centres;

    private JumpCountProbe(double[] lengths, long[][] centres) {
        this.lengths = lengths;
        this.centres = centres;
    }

    /**
     * @param lengths  window lengths, each finite and > 0
     * @param jumpRate per reservoir, the stationary rate of its jumps (the centre is its product with t)
     */
    public static JumpCountProbe of(double[] lengths, double[] jumpRate) {
        long[][] c = new long[lengths.length][jumpRate.length];
        for (int w = 0; w < lengths.length; w++) {
            if (!(lengths[w] > 0) || Double.isInfinite(lengths[w])) {
                throw new IllegalArgumentException("window length must be finite and > 0, got " + lengths[w]);
            }
            for (int r = 0; r < jumpRate.length; r++) {
                c[w][r] = Math.round(jumpRate[r] * lengths[w]);
            }
        }
        return new JumpCountProbe(lengths.clone(), c);
    }

    /** One group's tallies: one per window length. */
    public static final class Tally implements GroupPart {
        private final WindowTally[] windows;

        private Tally(WindowTally[] windows) {
            this.windows = windows;
        }

        /** Per window length, in the probe's order. */
        public WindowTally window(int w) {
            return windows[w];
        }

        @Override
        public void combine(GroupPart other) {
            Tally o = (Tally) other;
            for (int w = 0; w < windows.length; w++) {
                windows[w].combine(o.windows[w]);
            }
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeInt(windows.length);
            for (WindowTally t : windows) {
                t.write(out);
            }
        }

        static Tally read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new IOException("bad number of jump-count tallies " + n);
            }
            WindowTally[] w = new WindowTally[n];
            for (int k = 0; k < n; k++) {
                w[k] = WindowTally.read(in);
            }
            return new Tally(w);
        }
    }

    @Override
    public GroupPart tally() {
        WindowTally[] w = new WindowTally[lengths.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = WindowTally.of(lengths[k], centres[k]);
        }
        return new Tally(w);
    }

    @Override
    public GroupPart.Reader reader() {
        return Tally::read;
    }

    /** Reads a {@link Tally} back, for a campaign rebuilt from a file. */
    public static GroupPart.Reader tallyReader() {
        return Tally::read;
    }

    @Override
    public Recorder recorder(EnergyTally energy) {
        return new WindowCounter(energy);
    }

    private final class WindowCounter implements Recorder {
        private final EnergyTally energy;
        private final long[] now;
        private final long[][] atStart;
        private final long[] index = new long[lengths.length];
        private final long[] inWindow;
        private double nextEdge;
        private Tally target;

        WindowCounter(EnergyTally energy) {
            this.energy = energy;
            int r = centres.length == 0 ? 0 : centres[0].length;
            now = new long[r];
            inWindow = new long[r];
            atStart = new long[lengths.length][r];
        }

        @Override
        public void bind(GroupPart tally) {
            target = (Tally) tally;
        }

        @Override
        public void start(int level) {
            Arrays.fill(index, 0L);
            for (long[] a : atStart) {
                Arrays.fill(a, 0L);
            }
            nextEdge = edge();
        }

        @Override
        public double nextStop() {
            return nextEdge;
        }

        @Override
        public void mark(double time, int level) {
            closeUpTo(time);
        }

        @Override
        public void stop(double time, int level) {
            closeUpTo(time);
        }

        /** Closes every window that ends at or before t (no jump since the last stop). */
        private void closeUpTo(double t) {
            energy.jumpsInto(now);
            for (int w = 0; w < lengths.length; w++) {
                while ((index[w] + 1) * lengths[w] <= t) {
                    long[] s = atStart[w];
                    for (int r = 0; r < now.length; r++) {
                        inWindow[r] = now[r] - s[r];
                        s[r] = now[r];
                    }
                    target.windows[w].accept(inWindow);
                    index[w]++;
                }
            }
            nextEdge = edge();
        }

        private double edge() {
            double e = Double.POSITIVE_INFINITY;
            for (int w = 0; w < lengths.length; w++) {
                e = Math.min(e, (index[w] + 1) * lengths[w]);
            }
            return e;
        }
    }
}
