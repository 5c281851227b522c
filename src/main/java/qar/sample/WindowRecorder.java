package qar.sample;

import java.util.Arrays;
import qar.estimate.WindowTally;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Cuts one replica into consecutive windows [k t, (k+1) t) of each requested length t and hands
 * the quanta exchanged with every reservoir in each complete window to the group's tallies. Keeps
 * a running energy per reservoir; per jump it only compares the time with the next window edge.
 * Not thread-safe.
 */
final class WindowRecorder {
    private final int[] reservoirOf;
    private final long[] quantaOf;
    private final double[] lengths;
    private final long[] energy;
    /** Per window length: energy at its current window's start, index of that window. */
    private final long[][] atStart;
    private final long[] index;
    private final long[] windowQuanta;
    private double nextEdge;
    private WindowTally[] target;

    WindowRecorder(JumpProcess process, double[] lengths) {
        int c = process.channels().size();
        reservoirOf = new int[c];
        quantaOf = new long[c];
        for (int k = 0; k < c; k++) {
            Channel ch = process.channels().get(k);
            reservoirOf[k] = ch.reservoir();
            quantaOf[k] = ch.energy();
        }
        this.lengths = lengths.clone();
        int r = process.reservoirs().size();
        energy = new long[r];
        atStart = new long[lengths.length][r];
        index = new long[lengths.length];
        windowQuanta = new long[r];
    }

    void bind(WindowTally[] tallies) {
        target = tallies;
    }

    void start() {
        Arrays.fill(energy, 0L);
        Arrays.fill(index, 0L);
        for (long[] a : atStart) {
            Arrays.fill(a, 0L);
        }
        nextEdge = nextEdge();
    }

    void jump(double t, int channel) {
        if (t >= nextEdge) {
            closeUpTo(t);
        }
        energy[reservoirOf[channel]] += quantaOf[channel];
    }

    /** The replica ends at {@code duration}: windows that end by then are complete. */
    void stop(double duration) {
        closeUpTo(duration);
    }

    /** Closes every window whose end lies at or before {@code t}; no jump happened in between. */
    private void closeUpTo(double t) {
        for (int w = 0; w < lengths.length; w++) {
            while ((index[w] + 1) * lengths[w] <= t) {
                long[] s = atStart[w];
                for (int r = 0; r < energy.length; r++) {
                    windowQuanta[r] = energy[r] - s[r];
                    s[r] = energy[r];
                }
                target[w].accept(windowQuanta);
                index[w]++;
            }
        }
        nextEdge = nextEdge();
    }

    private double nextEdge() {
        double e = Double.POSITIVE_INFINITY;
        for (int w = 0; w < lengths.length; w++) {
            e = Math.min(e, (index[w] + 1) * lengths[w]);
        }
        return e;
    }
}
