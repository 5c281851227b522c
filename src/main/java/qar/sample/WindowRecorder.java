package qar.sample;

import java.util.Arrays;
import qar.estimate.WindowTally;
import qar.model.JumpProcess;

/**
 * Cuts one replica into consecutive windows [k t, (k+1) t) of each requested length t and hands
 * the quanta exchanged with every reservoir in each complete window to the group's tallies. It
 * costs nothing per jump: the engine stops at the next edge ({@link JumpObserver#nextStop}) in the
 * comparison it makes anyway, and at an edge the energies are read from the trajectory's channel
 * counts (one pass over the channels). Not thread-safe.
 */
final class WindowRecorder {
    private final EnergyTally tally;
    private final double[] lengths;
    private final long[] energy;
    /** Per window length: energy at its current window's start, index of that window. */
    private final long[][] atStart;
    private final long[] index;
    private final long[] windowQuanta;
    private double nextEdge;
    private WindowTally[] target;

    WindowRecorder(JumpProcess process, EnergyTally tally, double[] lengths) {
        this.tally = tally;
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

    void start(int level) {
        Arrays.fill(energy, 0L);
        Arrays.fill(index, 0L);
        for (long[] a : atStart) {
            Arrays.fill(a, 0L);
        }
        nextEdge = edgeAfterIndices();
    }

    /** The next window edge. */
    double nextEdge() {
        return nextEdge;
    }

    /** The trajectory reached a window edge in {@code level}: close every window ending there. */
    void mark(double t, int level) {
        closeUpTo(t, level);
    }

    /** The replica ends at {@code duration} in {@code level}: windows that end by then are complete. */
    void stop(double duration, int level) {
        closeUpTo(duration, level);
    }

    /**
     * Closes every window whose end lies at or before {@code t}; no jump happened in between, so
     * each of them ends in {@code level}.
     */
    private void closeUpTo(double t, int level) {
        tally.energyInto(energy);
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
        nextEdge = edgeAfterIndices();
    }

    private double edgeAfterIndices() {
        double e = Double.POSITIVE_INFINITY;
        for (int w = 0; w < lengths.length; w++) {
            e = Math.min(e, (index[w] + 1) * lengths[w]);
        }
        return e;
    }
}
