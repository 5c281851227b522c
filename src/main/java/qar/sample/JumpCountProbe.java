package qar.sample;

import java.io.DataInput;
import java.io.IOException;
import qar.estimate.WindowTally;

/**
 * Records the number of jumps k through each reservoir (both directions, every jump counts 1) in
 * consecutive windows [i t, (i+1) t) of each length t, into one {@link WindowTally} per length
 * (histogram and power sums of k). Like the energy windows it costs nothing per jump: at an edge
 * the counts are read from the trajectory's channel counts, which bulk flips keep too, so both
 * engines run it. Immutable; its recorders are not thread-safe.
 */
public final class JumpCountProbe extends WindowCounts {
    private JumpCountProbe(double[] lengths, double[] jumpRate) {
        super(lengths, jumpRate);
    }

    /**
     * @param lengths  window lengths, each finite and > 0
     * @param jumpRate per reservoir, the stationary rate of its jumps (the centre is its product with t)
     */
    public static JumpCountProbe of(double[] lengths, double[] jumpRate) {
        for (double t : lengths) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("window length must be finite and > 0, got " + t);
            }
        }
        return new JumpCountProbe(lengths, jumpRate);
    }

    @Override
    void countsInto(EnergyTally energy, long[] into) {
        energy.jumpsInto(into);
    }

    /** One group's tallies: one per window length. */
    public static final class Tally extends WindowCounts.Tallies {
        private Tally(WindowTally[] windows) {
            super(windows);
        }

        static Tally read(DataInput in) throws IOException {
            return new Tally(readWindows(in, "jump-count"));
        }
    }

    @Override
    Tallies tallies(WindowTally[] windows) {
        return new Tally(windows);
    }

    @Override
    public GroupPart.Reader reader() {
        return Tally::read;
    }

    /** Reads a {@link Tally} back, for a campaign rebuilt from a file. */
    public static GroupPart.Reader tallyReader() {
        return Tally::read;
    }
}
