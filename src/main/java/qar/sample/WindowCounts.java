package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import qar.estimate.WindowTally;

/**
 * What the energy windows ({@link WindowProbe}) and the jump-count windows ({@link JumpCountProbe})
 * share: per window length, one {@link WindowTally} of a per-reservoir count in each complete
 * window [i t, (i+1) t), read at the edges from the trajectory's channel counts (which bulk flips
 * keep too), so nothing is done per jump. The subclasses say only what is counted; their tally
 * classes stay distinct because {@link BuiltInParts} tags parts by class.
 */
abstract class WindowCounts implements Probe {
    private final double[] lengths;
    /** Per length, per reservoir, the power sums' centre (the mean count, rounded). */
    private final long[][] centres;

    /** @param rate per reservoir, the mean count per unit time; the centre is its product with t */
    WindowCounts(double[] lengths, double[] rate) {
        this.lengths = lengths.clone();
        centres = new long[lengths.length][rate.length];
        for (int w = 0; w < lengths.length; w++) {
            for (int r = 0; r < rate.length; r++) {
                centres[w][r] = Math.round(rate[r] * lengths[w]);
            }
        }
    }

    /** The counts so far of this trajectory, per reservoir, into {@code into}. */
    abstract void countsInto(EnergyTally energy, long[] into);

    /** A group's tallies from their windows (the subclass's own {@link Tallies} class). */
    abstract Tallies tallies(WindowTally[] windows);

    /** One group's tallies: one per window length. */
    abstract static class Tallies implements GroupPart {
        private final WindowTally[] windows;

        Tallies(WindowTally[] windows) {
            this.windows = windows;
        }

        /** Of window length w, in the probe's order. */
        public WindowTally window(int w) {
            return windows[w];
        }

        @Override
        public void combine(GroupPart other) {
            Tallies o = (Tallies) other;
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

        /** The windows {@link #write} wrote; {@code what} names them in the error. */
        static WindowTally[] readWindows(DataInput in, String what) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new IOException("bad number of " + what + " tallies " + n);
            }
            WindowTally[] w = new WindowTally[n];
            for (int k = 0; k < n; k++) {
                w[k] = WindowTally.read(in);
            }
            return w;
        }
    }

    @Override
    public final GroupPart tally() {
        WindowTally[] w = new WindowTally[lengths.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = WindowTally.of(lengths[k], centres[k]);
        }
        return tallies(w);
    }

    @Override
    public final Recorder recorder(EnergyTally energy) {
        return new Windows(energy);
    }

    private final class Windows implements Recorder {
        private final EnergyTally energy;
        private final long[] now;
        /** Per window length: the count at its current window's start, and that window's index. */
        private final long[][] atStart;
        private final long[] index = new long[lengths.length];
        private final long[] inWindow;
        private double nextEdge;
        private WindowTally[] target;

        Windows(EnergyTally energy) {
            this.energy = energy;
            int r = centres.length == 0 ? 0 : centres[0].length;
            now = new long[r];
            inWindow = new long[r];
            atStart = new long[lengths.length][r];
        }

        @Override
        public void bind(GroupPart tally) {
            target = ((Tallies) tally).windows;
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
            countsInto(energy, now);
            for (int w = 0; w < lengths.length; w++) {
                while ((index[w] + 1) * lengths[w] <= t) {
                    long[] s = atStart[w];
                    for (int r = 0; r < now.length; r++) {
                        inWindow[r] = now[r] - s[r];
                        s[r] = now[r];
                    }
                    target[w].accept(inWindow);
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
