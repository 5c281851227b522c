package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import qar.estimate.WindowTally;

/**
 * Cuts each replica into consecutive windows [k t, (k+1) t) of each length t and hands the quanta
 * exchanged with every reservoir in each complete window to one {@link WindowTally} per length. It
 * costs nothing per jump: the engine stops at the next edge ({@link JumpObserver#nextStop}) in the
 * comparison it makes anyway, and at an edge the energies are read from the trajectory's channel
 * counts (one pass over the channels), which bulk flips keep too. Immutable; its recorders are
 * not thread-safe.
 */
public final class WindowProbe implements Probe {
    private final double[] lengths;
    /** Per length, per reservoir, the power sums' centre (the mean energy, rounded). */
    private final long[][] centres;

    private WindowProbe(double[] lengths, long[][] centres) {
        this.lengths = lengths;
        this.centres = centres;
    }

    /** @param meanRate per reservoir, the mean energy exchanged per unit time (quanta) */
    static WindowProbe of(double[] lengths, double[] meanRate) {
        long[][] c = new long[lengths.length][meanRate.length];
        for (int w = 0; w < lengths.length; w++) {
            for (int r = 0; r < meanRate.length; r++) {
                c[w][r] = Math.round(meanRate[r] * lengths[w]);
            }
        }
        return new WindowProbe(lengths.clone(), c);
    }

    /** One group's tallies: one per window length. */
    public static final class Tally implements GroupPart {
        private final WindowTally[] windows;

        private Tally(WindowTally[] windows) {
            this.windows = windows;
        }

        /** Of window length w, in the recording's order. */
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
                throw new IOException("bad number of window tallies " + n);
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
        return tallyReader();
    }

    /** Reads a {@link Tally} back. */
    static GroupPart.Reader tallyReader() {
        return Tally::read;
    }

    @Override
    public Recorder recorder(EnergyTally energy) {
        return new Windows(energy);
    }

    private final class Windows implements Recorder {
        private final EnergyTally energy;
        private final long[] now;
        /** Per window length: energy at its current window's start, index of that window. */
        private final long[][] atStart;
        private final long[] index = new long[lengths.length];
        private final long[] quanta;
        private double nextEdge;
        private WindowTally[] target;

        Windows(EnergyTally energy) {
            this.energy = energy;
            int r = centres.length == 0 ? 0 : centres[0].length;
            now = new long[r];
            quanta = new long[r];
            atStart = new long[lengths.length][r];
        }

        @Override
        public void bind(GroupPart tally) {
            target = ((Tally) tally).windows;
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

        /** Closes every window whose end lies at or before t (no jump since the last stop). */
        private void closeUpTo(double t) {
            energy.energyInto(now);
            for (int w = 0; w < lengths.length; w++) {
                while ((index[w] + 1) * lengths[w] <= t) {
                    long[] s = atStart[w];
                    for (int r = 0; r < now.length; r++) {
                        quanta[r] = now[r] - s[r];
                        s[r] = now[r];
                    }
                    target[w].accept(quanta);
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
