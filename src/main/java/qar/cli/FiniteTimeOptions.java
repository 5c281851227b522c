package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.converters.IParameterSplitter;
import java.util.ArrayList;
import java.util.List;
import qar.exact.WaitingTimes;
import qar.model.JumpProcess;
import qar.model.ModelSpec;
import qar.sample.Watch;

/** Options shared by {@code exact} and {@code sample} for waiting times and windows. */
final class FiniteTimeOptions {
    static final int MIN_POINTS = 10;
    static final int MAX_POINTS = 100_000;
    static final double MAX_WINDOWS = 1e6;
    /** Most jumps in one window from the stationary state: beyond, P(n, t) is out of the propagator's reach. */
    static final double MAX_JUMPS_PER_WINDOW = 1e9;

    @Parameter(names = "--wtd", description = "waiting times between watched jumps: all, a reservoir (c, h, w) or a"
            + " channel such as c:3/2-1/2; repeat for several", order = 40, splitter = Unsplit.class)
    List<String> wtd = new ArrayList<>();

    @Parameter(names = "--wtd-points", description = "grid points of each waiting-time distribution (sample: its"
            + " bins)", order = 41)
    IntegerArg wtdPoints = IntegerArg.of(200);

    @Parameter(names = "--window", description = "window length t for P(n, t) and finite-time cumulants of every"
            + " reservoir; repeat for several", order = 42, splitter = Unsplit.class)
    List<DecimalArg> windows = new ArrayList<>();

    /**
     * One value per flag: JCommander would split "1,2" at the comma and drop empty pieces, so that
     * {@code --window ""} meant no window at all and a message could not echo what was typed.
     */
    public static final class Unsplit implements IParameterSplitter {
        @Override
        public List<String> split(String value) {
            return List.of(value);
        }
    }

    List<Watch> watches(ModelSpec model, JumpProcess p) {
        if (!wtd.isEmpty() && (wtdPoints.value() < MIN_POINTS || wtdPoints.value() > MAX_POINTS)) {
            throw UsageException.of("--wtd-points", wtdPoints, "must be an integer from " + MIN_POINTS + " to "
                    + MAX_POINTS);
        }
        List<Watch> out = new ArrayList<>();
        for (String s : wtd) {
            Watch w = Levels.watch("--wtd", s, model, p);
            if (out.stream().anyMatch(o -> o.label().equals(w.label()))) {
                throw UsageException.of("--wtd", s, "is given twice");
            }
            try {
                WaitingTimes.of(p, w.channels());
            } catch (IllegalArgumentException e) {
                // watched jumps that never happen in the steady state have no waiting time
                throw UsageException.of("--wtd", s, e.getMessage());
            }
            out.add(w);
        }
        return out;
    }

    /** The grid points of each waiting-time distribution (checked by {@link #watches} where there are any). */
    int wtdPoints() {
        return wtdPoints.saturated();
    }

    /**
     * @param time    the replica length, the longest window allowed; null for no limit
     * @param process the process whose P(n, t) is wanted: t times its stationary jump rate is capped
     */
    double[] windows(DecimalArg time, JumpProcess process) {
        double rate = windows.isEmpty() ? 0 : process.jumpRate(qar.exact.ExactSolver.stationaryState(process));
        double longest = time == null ? Double.POSITIVE_INFINITY : time.value();
        double[] out = new double[windows.size()];
        for (int i = 0; i < out.length; i++) {
            DecimalArg typed = windows.get(i);
            double t = typed.value();
            if (!(t > 0) || Double.isInfinite(t)) {
                throw UsageException.of("--window", typed, "must be finite and > 0");
            }
            if (Double.isFinite(longest) && longest / t > MAX_WINDOWS) {
                throw UsageException.of("--window", typed, "must be at least --time / " + MAX_WINDOWS
                        + " (at most " + MAX_WINDOWS + " windows per replica)");
            }
            if (t > longest) {
                throw UsageException.of("--window", typed, "must not exceed --time (" + time + ")");
            }
            if (!(t * rate <= MAX_JUMPS_PER_WINDOW)) {
                // P(n, t) spans ~sqrt of that many lattice points and its propagator loses digits
                throw UsageException.of("--window", typed, String.format(java.util.Locale.ROOT,
                        "times the stationary jump rate %.3g is %.3g jumps per window; at most %.0e: choose a"
                                + " shorter window", rate, t * rate, MAX_JUMPS_PER_WINDOW));
            }
            out[i] = t;
        }
        return out;
    }
}
