package qar.sample;

import java.io.DataInput;
import java.io.IOException;
import qar.estimate.WindowTally;

/**
 * Cuts each replica into consecutive windows [k t, (k+1) t) of each length t and hands the quanta
 * exchanged with every reservoir in each complete window to one {@link WindowTally} per length. It
 * costs nothing per jump: the engine stops at the next edge ({@link JumpObserver#nextStop}) in the
 * comparison it makes anyway, and at an edge the energies are read from the trajectory's channel
 * counts (one pass over the channels), which bulk flips keep too. Immutable; its recorders are
 * not thread-safe.
 */
public final class WindowProbe extends WindowCounts {
    private WindowProbe(double[] lengths, double[] meanRate) {
        super(lengths, meanRate);
    }

    /** @param meanRate per reservoir, the mean energy exchanged per unit time (quanta) */
    static WindowProbe of(double[] lengths, double[] meanRate) {
        return new WindowProbe(lengths, meanRate);
    }

    @Override
    void countsInto(EnergyTally energy, long[] into) {
        energy.energyInto(into);
    }

    /** One group's tallies: one per window length, in the recording's order. */
    public static final class Tally extends WindowCounts.Tallies {
        private Tally(WindowTally[] windows) {
            super(windows);
        }

        static Tally read(DataInput in) throws IOException {
            return new Tally(readWindows(in, "window"));
        }
    }

    @Override
    Tallies tallies(WindowTally[] windows) {
        return new Tally(windows);
    }

    @Override
    public GroupPart.Reader reader() {
        return tallyReader();
    }

    /** Reads a {@link Tally} back. */
    static GroupPart.Reader tallyReader() {
        return Tally::read;
    }
}
