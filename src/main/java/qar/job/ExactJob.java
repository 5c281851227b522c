package qar.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.List;
import qar.exact.CountingDistribution;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.exact.FiniteTimeCumulants;
import qar.exact.FluctuationChecks;
import qar.exact.RateFunction;
import qar.exact.WaitingTimes;
import qar.model.JumpProcess;
import qar.model.RecordValues;
import qar.sample.Watch;

/**
 * The exact side of a run, from validated settings to result records: long-time statistics,
 * waiting-time distributions of watched jumps, finite-time distributions P(n, t) and cumulants
 * of every reservoir in windows of given lengths, and rate functions. Reads no options and
 * touches no files.
 */
public final class ExactJob {
    /** Cumulant orders of the finite-time statistics. */
    public static final int WINDOW_ORDER = 4;
    /** Rate-function grid: points, and half-width in units of max(|I|, sqrt(S)) around the current. */
    static final int RATE_POINTS = 201;
    static final double RATE_SPREAD = 8;

    private ExactJob() {
    }

    /**
     * What to compute besides the long-time statistics.
     *
     * @param order         long-time cumulant orders per reservoir
     * @param watches       watched sets for waiting times
     * @param wtdPoints     grid points per waiting-time distribution
     * @param windows       window lengths t for P(n, t) and the finite-time cumulants
     * @param start         the level windows start from, or -1 for the stationary state
     * @param rateFunctions reservoirs whose rate function is wanted
     */
    public record Request(int order, List<Watch> watches, int wtdPoints, double[] windows, int start,
                          int[] rateFunctions) {
        public Request {
            watches = List.copyOf(watches);
            windows = windows.clone();
            rateFunctions = rateFunctions.clone();
        }

        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    /** One watched set: the exact distribution and its grid. */
    public record WaitingTime(Watch watch, WaitingTimes distribution, WaitingTimes.Grid grid) {
    }

    /** One window length: per reservoir, P(n, t) and the cumulants kappa_1(t) .. kappa_4(t). */
    public record Window(double length, List<CountingDistribution.Result> distributions, List<double[]> cumulants) {
    }

    public record Result(ExactSolver solver, ExactSolution solution, double[] initial, List<WaitingTime> waitingTimes,
                         List<Window> windows, List<RateFunction.Curve> rateFunctions, double seconds) {
        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    /**
     * The exact fluctuation checks ({@code --ft}): Gallavotti-Cohen, and the finite-time TUR at the
     * request's window lengths from the stationary state.
     */
    public static FluctuationChecks fluctuations(JumpProcess process, Result result, Request request) {
        return FluctuationChecks.of(process, result.solution(), request.windows());
    }

    /** @throws IllegalArgumentException where a watched set never jumps in the steady state */
    public static Result run(JumpProcess process, Request request) {
        long t0 = System.nanoTime();
        ExactSolver solver = ExactSolver.of(process);
        ExactSolution solution = solver.solution(request.order());
        double[] initial = request.start() < 0 ? solution.populations()
                : FiniteTimeCumulants.level(process.dimension(), request.start());
        List<WaitingTime> waits = new ArrayList<>();
        for (Watch w : request.watches()) {
            WaitingTimes wt = WaitingTimes.of(process, w.channels());
            waits.add(new WaitingTime(w, wt, wt.grid(request.wtdPoints())));
        }
        int reservoirs = process.reservoirs().size();
        // independent pieces, on every core; results in request order
        List<Window> windows = Arrays.stream(request.windows()).mapToObj(t -> {
            List<Integer> rs = IntStream.range(0, reservoirs).boxed().toList();
            List<CountingDistribution.Result> dists = rs.parallelStream().map(r -> CountingDistribution.of(process, r)
                    .distribution(t, initial, CountingDistribution.DEFAULT_TAIL)).toList();
            List<double[]> cumulants = rs.parallelStream().map(r -> FiniteTimeCumulants.resolved(
                    FiniteTimeCumulants.of(process, process.energyWeights(r), initial, WINDOW_ORDER).at(t),
                    solution.reservoirs().get(r), t)).toList();
            return new Window(t, dists, cumulants);
        }).toList();
        List<RateFunction.Curve> rates = Arrays.stream(request.rateFunctions()).boxed().parallel()
                .map(r -> RateFunction.of(process, r).curve(RATE_POINTS, RATE_SPREAD)).toList();
        return new Result(solver, solution, initial, List.copyOf(waits), windows, rates,
                (System.nanoTime() - t0) * 1e-9);
    }
}
