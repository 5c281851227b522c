package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import qar.estimate.FluctuationTally;
import qar.estimate.WindowTally;
import qar.model.JumpProcess;

/**
 * Records, for the fluctuation checks, every complete window [k t, (k+1) t) of each length t: its
 * entropy production s = sum_r perQuantum_r n_r + ln rho(x_0) - ln rho(x_t) (n_r the quanta that
 * entered from reservoir r) into one {@link FluctuationTally} per length, and its quanta into a
 * {@link WindowTally} of its own (the ratios of the checks read both). Like the energy windows it
 * costs nothing per jump: at an edge the quanta are read from the trajectory's channel counts.
 * Immutable; its recorders are not thread-safe.
 */
public final class FluctuationProbe implements Probe {
    private final double[] lengths;
    private final long[][] centres;
    private final double[] logPopulation;
    private final double[] perQuantum;
    private final double[] binWidth;
    private final int cold;
    private final int work;
    private final double efficiencyScale;
    private final int efficiencyBins;
    private final double carnot;

    private FluctuationProbe(double[] lengths, long[][] centres, double[] logPopulation, double[] perQuantum,
            double[] binWidth, int cold, int work, double efficiencyScale, int efficiencyBins, double carnot) {
        this.lengths = lengths;
        this.centres = centres;
        this.logPopulation = logPopulation;
        this.perQuantum = perQuantum;
        this.binWidth = binWidth;
        this.cold = cold;
        this.work = work;
        this.efficiencyScale = efficiencyScale;
        this.efficiencyBins = efficiencyBins;
        this.carnot = carnot;
    }

    /**
     * @param stationary        the exact stationary state the replicas start from (the window
     *                          tallies' centres are its mean energy rates times t, as the energy windows')
     * @param lengths           window lengths, each finite and > 0
     * @param logPopulation     ln of the stationary population of every level, each <= 0
     * @param entropyPerQuantum per reservoir, the entropy one quantum entering from it produces, finite
     * @param binWidth          per window length, the width of the symmetric entropy bins
     * @param cold              the cold reservoir, or -1: with {@code work}, the efficiency n_c / n_w is tallied
     * @param work              the work reservoir, or -1
     * @param efficiencyScale   the scale of the efficiency bins
     * @param efficiencyBins    the number of efficiency bins, odd
     * @param carnot            efficiencies above it are counted apart; NaN for none
     */
    public static FluctuationProbe of(JumpProcess process, double[] stationary, double[] lengths,
            double[] logPopulation, double[] entropyPerQuantum, double[] binWidth, int cold, int work,
            double efficiencyScale, int efficiencyBins, double carnot) {
        if (logPopulation.length != process.dimension()
                || entropyPerQuantum.length != process.reservoirs().size() || binWidth.length != lengths.length) {
            throw new IllegalArgumentException("the fluctuation recording does not fit the process");
        }
        for (double v : logPopulation) {
            if (!(v <= 0)) {
                throw new IllegalArgumentException("a log population must be <= 0, got " + v);
            }
        }
        for (double v : entropyPerQuantum) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("entropy per quantum must be finite (thermal reservoirs), got " + v);
            }
        }
        double[] rate = BlockRunner.meanEnergyRate(process, stationary);
        long[][] c = new long[lengths.length][rate.length];
        for (int w = 0; w < lengths.length; w++) {
            if (!(lengths[w] > 0) || Double.isInfinite(lengths[w])) {
                throw new IllegalArgumentException("window length must be finite and > 0, got " + lengths[w]);
            }
            for (int r = 0; r < rate.length; r++) {
                c[w][r] = Math.round(rate[r] * lengths[w]);
            }
        }
        return new FluctuationProbe(lengths.clone(), c, logPopulation.clone(), entropyPerQuantum.clone(),
                binWidth.clone(), cold, work, efficiencyScale, efficiencyBins, carnot);
    }

    /** One group's tallies: per window length, the fluctuation tally and the window tally. */
    public static final class Tally implements GroupPart {
        private final FluctuationTally[] fluctuations;
        private final WindowTally[] windows;

        private Tally(FluctuationTally[] fluctuations, WindowTally[] windows) {
            this.fluctuations = fluctuations;
            this.windows = windows;
        }

        /** Of window length w, in the probe's order. */
        public FluctuationTally fluctuation(int w) {
            return fluctuations[w];
        }

        /** Of window length w, in the probe's order. */
        public WindowTally window(int w) {
            return windows[w];
        }

        @Override
        public void combine(GroupPart other) {
            Tally o = (Tally) other;
            for (int w = 0; w < windows.length; w++) {
                fluctuations[w].combine(o.fluctuations[w]);
                windows[w].combine(o.windows[w]);
            }
        }

        @Override
        public void write(DataOutput out) throws IOException {
            out.writeInt(windows.length);
            for (int w = 0; w < windows.length; w++) {
                fluctuations[w].write(out);
                windows[w].write(out);
            }
        }

        static Tally read(DataInput in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new IOException("bad number of fluctuation tallies " + n);
            }
            FluctuationTally[] f = new FluctuationTally[n];
            WindowTally[] w = new WindowTally[n];
            for (int k = 0; k < n; k++) {
                f[k] = FluctuationTally.read(in);
                w[k] = WindowTally.read(in);
            }
            return new Tally(f, w);
        }
    }

    @Override
    public GroupPart tally() {
        FluctuationTally[] f = new FluctuationTally[lengths.length];
        WindowTally[] w = new WindowTally[lengths.length];
        for (int k = 0; k < lengths.length; k++) {
            f[k] = FluctuationTally.of(perQuantum.length, binWidth[k], cold, work, efficiencyScale, efficiencyBins,
                    carnot);
            w[k] = WindowTally.of(lengths[k], centres[k]);
        }
        return new Tally(f, w);
    }

    @Override
    public GroupPart.Reader reader() {
        return tallyReader();
    }

    /** Reads a {@link Tally} back, for a campaign rebuilt from a file. */
    public static GroupPart.Reader tallyReader() {
        return Tally::read;
    }

    @Override
    public Recorder recorder(EnergyTally energy) {
        return new Windows(energy);
    }

    private final class Windows implements Recorder {
        private final EnergyTally energy;
        private final long[] now;
        private final long[][] atStart;
        private final long[] index = new long[lengths.length];
        private final long[] quanta;
        /** Per window length, the level its current window started in. */
        private final int[] startLevel = new int[lengths.length];
        private double nextEdge;
        private Tally target;

        Windows(EnergyTally energy) {
            this.energy = energy;
            now = new long[perQuantum.length];
            quanta = new long[perQuantum.length];
            atStart = new long[lengths.length][perQuantum.length];
        }

        @Override
        public void bind(GroupPart tally) {
            target = (Tally) tally;
        }

        @Override
        public void start(int level) {
            Arrays.fill(startLevel, level);
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
            closeUpTo(time, level);
        }

        @Override
        public void stop(double time, int level) {
            closeUpTo(time, level);
        }

        /** Closes every window that ends at or before t; no jump since the last stop, so each ends in level. */
        private void closeUpTo(double t, int level) {
            energy.energyInto(now);
            for (int w = 0; w < lengths.length; w++) {
                while ((index[w] + 1) * lengths[w] <= t) {
                    long[] s = atStart[w];
                    for (int r = 0; r < now.length; r++) {
                        quanta[r] = now[r] - s[r];
                        s[r] = now[r];
                    }
                    target.windows[w].accept(quanta);
                    double e = logPopulation[startLevel[w]] - logPopulation[level];
                    for (int r = 0; r < quanta.length; r++) {
                        e += perQuantum[r] * quanta[r];
                    }
                    target.fluctuations[w].accept(quanta, e, startLevel[w] == level);
                    startLevel[w] = level;
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
