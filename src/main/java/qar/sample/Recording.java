package qar.sample;

import java.util.Arrays;
import java.util.List;
import qar.model.RecordValues;

/**
 * What every trajectory records besides its energies: waiting times between watched jumps, the
 * energies of consecutive windows and, for the fluctuation checks, their entropy production.
 *
 * @param watches    the watched channel sets, each with its histogram range
 * @param windows    window lengths; each replica is cut into floor(T / t) consecutive windows
 * @param fluctuations what the windows record for the fluctuation checks, or null for none
 * @param probes       the further analyses' recorders ({@link Probe}), in the order their tallies take
 */
public record Recording(List<WatchRange> watches, double[] windows, Fluctuations fluctuations, List<Probe> probes) {

    /** Waiting times and windows, no fluctuation checks. */
    public Recording(List<WatchRange> watches, double[] windows) {
        this(watches, windows, null);
    }

    /** Waiting times, windows and fluctuation checks, no further analyses. */
    public Recording(List<WatchRange> watches, double[] windows, Fluctuations fluctuations) {
        this(watches, windows, fluctuations, List.of());
    }

    /**
     * The exact inputs of the entropy production of a window, s = sum_r perQuantum[r] n_r +
     * logPopulation[x_0] - logPopulation[x_t] (n_r the quanta that entered from r, perQuantum[r] =
     * -beta_r times the energy unit), and the bins of its tallies.
     *
     * @param logPopulation     ln of the stationary population of every level
     * @param entropyPerQuantum per reservoir, the entropy one quantum entering from it produces
     * @param binWidth          per window length, the width of the symmetric entropy bins
     * @param cold              the cold reservoir, or -1: with {@code work}, the efficiency n_c / n_w is tallied
     * @param work              the work reservoir, or -1
     * @param efficiencyScale   the scale of the efficiency bins
     * @param efficiencyBins    the number of efficiency bins, odd
     * @param carnot            efficiencies above it are counted apart; NaN for none
     */
    public record Fluctuations(double[] logPopulation, double[] entropyPerQuantum, double[] binWidth, int cold,
                               int work, double efficiencyScale, int efficiencyBins, double carnot) {
        public Fluctuations {
            logPopulation = logPopulation.clone();
            entropyPerQuantum = entropyPerQuantum.clone();
            binWidth = binWidth.clone();
            for (double v : logPopulation) {
                if (!(v <= 0)) {
                    throw new IllegalArgumentException("a log population must be <= 0, got " + v);
                }
            }
            for (double v : entropyPerQuantum) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("entropy per quantum must be finite (thermal reservoirs), got "
                            + v);
                }
            }
        }

        @Override
        public double[] logPopulation() {
            return logPopulation.clone();
        }

        @Override
        public double[] entropyPerQuantum() {
            return entropyPerQuantum.clone();
        }

        @Override
        public double[] binWidth() {
            return binWidth.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fluctuations f && Arrays.equals(f.logPopulation, logPopulation)
                    && Arrays.equals(f.entropyPerQuantum, entropyPerQuantum) && Arrays.equals(f.binWidth, binWidth)
                    && f.cold == cold && f.work == work && f.efficiencyScale == efficiencyScale
                    && f.efficiencyBins == efficiencyBins && Double.compare(f.carnot, carnot) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(binWidth) * 31 + Arrays.hashCode(logPopulation);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
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
        windows = windows.clone();
        for (double t : windows) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("window length must be finite and > 0, got " + t);
            }
        }
        if (fluctuations != null && fluctuations.binWidth.length != windows.length) {
            throw new IllegalArgumentException("need one entropy bin width per window length");
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
                && java.util.Objects.equals(r.fluctuations, fluctuations) && r.probes.equals(probes);
    }

    @Override
    public int hashCode() {
        return 31 * watches.hashCode() + Arrays.hashCode(windows) + java.util.Objects.hashCode(fluctuations);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
