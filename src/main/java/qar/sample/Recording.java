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

    /**
     * Every probe the trajectories drive, in the order of their parts of a group ({@link
     * GroupTally#part}): the waiting times' if any set is watched, the windows' if any length is
     * given, then {@link #probes}.
     *
     * @param stationary the state the replicas start from (the windows' power sums are centred on its mean energies)
     */
    public List<Probe> probes(qar.model.JumpProcess process, double[] stationary) {
        List<Probe> out = new java.util.ArrayList<>();
        if (!watches.isEmpty()) {
            out.add(WaitingTimeProbe.of(watches, process.channels().size()));
        }
        if (windows.length > 0) {
            out.add(WindowProbe.of(windows, BlockRunner.meanEnergyRate(process, stationary)));
        }
        out.addAll(probes);
        return out;
    }

    /** The index of the waiting times' part ({@link GroupTally#part}), or -1 without watched sets. */
    public int waitsPart() {
        return watches.isEmpty() ? -1 : 0;
    }

    /** The index of the windows' part ({@link GroupTally#part}), or -1 without windows. */
    public int windowsPart() {
        return windows.length == 0 ? -1 : waitsPart() + 1;
    }

    /** The index of the part of {@link #probes} k ({@link GroupTally#part}). */
    public int probePart(int k) {
        return (watches.isEmpty() ? 0 : 1) + (windows.length == 0 ? 0 : 1) + k;
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
