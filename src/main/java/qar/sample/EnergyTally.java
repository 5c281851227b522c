package qar.sample;

import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Counts the jumps of every channel of one trajectory; from the counts, the exact integer energy
 * (in quanta) and the number of jumps exchanged with each reservoir. Reusable: {@link #start}
 * clears it. Not thread-safe.
 */
public final class EnergyTally implements JumpObserver {
    private final long[] counts;
    private final int[] reservoirOf;
    private final long[] energyOf;
    private final int reservoirs;
    private int endLevel = -1;

    private EnergyTally(JumpProcess process) {
        int c = process.channels().size();
        counts = new long[c];
        reservoirOf = new int[c];
        energyOf = new long[c];
        for (int k = 0; k < c; k++) {
            Channel ch = process.channels().get(k);
            reservoirOf[k] = ch.reservoir();
            energyOf[k] = ch.energy();
        }
        reservoirs = process.reservoirs().size();
    }

    public static EnergyTally of(JumpProcess process) {
        return new EnergyTally(process);
    }

    @Override
    public void start(int level) {
        java.util.Arrays.fill(counts, 0L);
    }

    @Override
    public void jump(double time, int from, int to, int channel) {
        counts[channel]++;
    }

    @Override
    public void flips(double time, int forth, long forthCount, int back, long backCount) {
        counts[forth] += forthCount;
        counts[back] += backCount;
    }

    @Override
    public void stop(double time, int level) {
        endLevel = level;
    }

    /** The level the last trajectory ended in. */
    public int endLevel() {
        return endLevel;
    }

    /** Energy quanta that entered the system from each reservoir (exact). */
    public long[] energy() {
        long[] e = new long[reservoirs];
        energyInto(e);
        return e;
    }

    /** {@link #energy()} so far, into {@code e} (one entry per reservoir), without allocating. */
    void energyInto(long[] e) {
        java.util.Arrays.fill(e, 0L);
        for (int k = 0; k < counts.length; k++) {
            e[reservoirOf[k]] = Math.addExact(e[reservoirOf[k]], Math.multiplyExact(counts[k], energyOf[k]));
        }
    }

    /** {@link #jumps()} so far, into {@code n} (one entry per reservoir), without allocating. */
    void jumpsInto(long[] n) {
        java.util.Arrays.fill(n, 0L);
        for (int k = 0; k < counts.length; k++) {
            n[reservoirOf[k]] += counts[k];
        }
    }

    /** Number of jumps through each reservoir. */
    public long[] jumps() {
        long[] n = new long[reservoirs];
        for (int k = 0; k < counts.length; k++) {
            n[reservoirOf[k]] += counts[k];
        }
        return n;
    }
}
