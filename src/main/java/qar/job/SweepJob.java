package qar.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.InvalidParameterException;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.ParameterValues;
import qar.model.RecordValues;
import qar.model.Refrigerator;

/**
 * The exact long-time statistics of the refrigerator on a grid of parameters: one or two swept
 * parameters, the others fixed. Points are numbered in grid order (the first axis varies slowest)
 * and solved in parallel in blocks; each block reaches the caller in that order, so the output does
 * not depend on the number of threads (every point's solve, its resolution probes included, is
 * deterministic). A point whose parameters are not a valid model, or which the arithmetic cannot
 * resolve, is an {@link Outcome} with an error instead of a solution: it does not stop the sweep.
 * Reads no options and touches no files.
 */
public final class SweepJob {
    /** The refrigerator's numeric parameters by their JSON names, in the order of the model object. */
    public static final List<String> PARAMETERS = ParameterValues.NAMES;
    /** Points solved between two hand-overs to the caller: bounds the memory of a large sweep. */
    static final int BLOCK = 4096;

    private final ModelKind kind;
    private final ParameterValues base;
    private final List<Axis> axes;
    private final int order;
    private final long size;

    /** One swept parameter (by its JSON name) and its values, in order. */
    public record Axis(String parameter, double[] values) {
        public Axis {
            if (!PARAMETERS.contains(parameter)) {
                throw new IllegalArgumentException("no parameter " + parameter);
            }
            if (values.length == 0) {
                throw new IllegalArgumentException("an axis needs at least one value");
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Axis a && a.parameter.equals(parameter) && Arrays.equals(a.values, values);
        }

        @Override
        public int hashCode() {
            return parameter.hashCode() * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return parameter + "=" + Arrays.toString(values);
        }
    }

    /** One point: its parameter values and either the solution or why there is none. */
    public record Outcome(long index, ModelKind kind, ParameterValues values, ExactSolution solution, String error) {

        /** A parameter's value, by its JSON name. */
        public double value(String parameter) {
            return values.get(parameter);
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

    private SweepJob(ModelKind kind, ParameterValues base, List<Axis> axes, int order, long size) {
        this.kind = kind;
        this.base = base;
        this.axes = axes;
        this.order = order;
        this.size = size;
    }

    /**
     * @param kind  the model, full or reduced
     * @param base  every parameter's fixed value
     * @param axes  one or two swept parameters, each at most once
     * @param order cumulant orders per reservoir, 2 .. {@link ExactSolver#MAX_ORDER}
     */
    public static SweepJob of(ModelKind kind, ParameterValues base, List<Axis> axes, int order) {
        if (base == null) {
            throw new IllegalArgumentException("need the parameter values");
        }
        if (axes.isEmpty() || axes.size() > 2) {
            throw new IllegalArgumentException("one or two axes, got " + axes.size());
        }
        if (axes.stream().map(Axis::parameter).distinct().count() != axes.size()) {
            throw new IllegalArgumentException("a parameter is swept twice");
        }
        if (order < 2 || order > ExactSolver.MAX_ORDER) {
            throw new IllegalArgumentException("order must be from 2 to " + ExactSolver.MAX_ORDER);
        }
        long size = 1;
        for (Axis a : axes) {
            size = Math.multiplyExact(size, a.values.length);
        }
        return new SweepJob(kind, base, List.copyOf(axes), order, size);
    }

    /** The number of points. */
    public long size() {
        return size;
    }

    /** The parameter values of point {@code index}. */
    public ParameterValues values(long index) {
        ParameterValues v = base;
        long rest = index;
        for (int a = axes.size() - 1; a >= 0; a--) {
            Axis axis = axes.get(a);
            int n = axis.values.length;
            v = v.with(axis.parameter, axis.values[(int) (rest % n)]);
            rest /= n;
        }
        return v;
    }

    /** The model at point {@code index}. */
    public ModelParameters parameters(long index) {
        return values(index).parameters(kind);
    }

    /** Solves one point; never throws for a model the arithmetic refuses. */
    public Outcome solve(long index) {
        ParameterValues v = values(index);
        try {
            ModelParameters p = v.parameters(kind);
            ExactSolution s = ExactSolver.of(Refrigerator.process(p)).solution(order);
            return new Outcome(index, kind, v, s, null);
        } catch (IllegalArgumentException e) {
            // an InvalidParameterException (a parameter out of range, a rate beyond the doubles), an
            // UnresolvableModelException, or no unique stationary state (every rate zero)
            return new Outcome(index, kind, v, null, e.getMessage());
        }
    }

    /**
     * Solves every point on {@code threads} workers and hands {@code keep}'s image of each to
     * {@code sink}, in grid order, from the calling thread.
     *
     * @param done counts the points solved, for a progress bar
     */
    public <T> void run(int threads, AtomicLong done, Function<Outcome, T> keep, Consumer<T> sink)
            throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            for (long lo = 0; lo < size; lo += BLOCK) {
                long from = lo;
                int count = (int) Math.min(BLOCK, size - lo);
                List<T> block = pool.submit(() -> IntStream.range(0, count).parallel()
                        .mapToObj(i -> {
                            T t = keep.apply(solve(from + i));
                            done.incrementAndGet();
                            return t;
                        }).toList()).get();
                block.forEach(sink);
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sampled estimates of the current and the noise of every reservoir at one point: a campaign of
     * {@code replicas} replicas of length {@code time} ({@link SampleJob}), on {@code threads} workers.
     * The caller gives each sampled point its own generator (e.g. successive long jumps of one master),
     * so the estimates do not depend on the threads or on which other points are sampled.
     *
     * @param maxJumps refuses a campaign expected to simulate more jumps
     * @return [reservoir][0: current, 1: noise], in process order
     * @throws IllegalArgumentException where the point has no model or cannot be sampled
     */
    public qar.estimate.Estimate[][] sample(long index, double time, long replicas, double maxJumps,
            org.apache.commons.rng.LongJumpableUniformRandomProvider generator, int threads) throws InterruptedException {
        SampleJob job = SampleJob.of(Refrigerator.process(parameters(index)), time, replicas, List.of(), 2,
                new double[0]);
        if (!(job.expectedJumps() <= maxJumps)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the campaign would simulate %.2g jumps, more than %.0e", job.expectedJumps(), maxJumps));
        }
        qar.estimate.Comparison[][] c = job.run(generator, threads, null, null).comparison().comparisons();
        qar.estimate.Estimate[][] out = new qar.estimate.Estimate[c.length][2];
        for (int r = 0; r < c.length; r++) {
            out[r][0] = c[r][0].estimate();
            out[r][1] = c[r][1].estimate();
        }
        return out;
    }

    /** Every point's outcome, in grid order (for small sweeps and tests). */
    public List<Outcome> run(int threads) throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        run(threads, new AtomicLong(), o -> o, out::add);
        return out;
    }
}
