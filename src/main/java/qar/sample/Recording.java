package qar.sample;

import java.util.Arrays;
import java.util.List;
import qar.model.RecordValues;

/**
 * What every trajectory records besides its energies: waiting times between watched jumps, the
 * energies of consecutive windows, and what the further analyses' probes record.
 *
 * @param watches    the watched channel sets, each with its histogram range
 * @param windows    window lengths; each replica is cut into floor(T / t) consecutive windows
 * @param probes       the further analyses' recorders ({@link Probe}), in the order their tallies take
 */
public record Recording(List<WatchRange> watches, double[] windows, List<Probe> probes) {

    /** Waiting times and windows, no further analyses. */
    public Recording(List<WatchRange> watches, double[] windows) {
        this(watches, windows, List.of());
    }

    /** A watched set with the range of waiting times that its histogram resolves. */
    public record WatchRange(Watch watch, double lowest, double highest) {
        public WatchRange {
            if (!(lowest > 0) || !(highest > 2 * lowest) || Double.isInfinite(highest)) {
                throw new IllegalArgumentException("waiting-time range [" + lowest + ", " + highest + "] is empty");
            }
        }
    }

    public Recording {
        watches = List.copyOf(watches);
        probes = List.copyOf(probes);
        BuiltInParts.checkOrder(probes);
        windows = windows.clone();
        for (double t : windows) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("window length must be finite and > 0, got " + t);
            }
        }
    }

    public static Recording energiesOnly() {
        return new Recording(List.of(), new double[0]);
    }

    @Override
    public double[] windows() {
        return windows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recording r && r.watches.equals(watches) && Arrays.equals(r.windows, windows)
                && r.probes.equals(probes);
    }

    @Override
    public int hashCode() {
        return 31 * watches.hashCode() + Arrays.hashCode(windows) + probes.hashCode();
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
