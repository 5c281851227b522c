package qar.exact;

import java.util.ArrayList;
import java.util.List;
import qar.model.JumpProcess;

/**
 * The exact answers for one jump process. Factorises the generator once (GTH, double-double)
 * and answers from the stored factors: stationary state, currents, noise, cumulants and
 * thermodynamics, and the constant terms of the finite-time cumulants. Immutable, thread-safe.
 */
public final class ExactSolver {
    /** Highest cumulant order offered; the recursion works beyond, the CLI caps it here. */
    public static final int MAX_ORDER = 16;

    private final JumpProcess process;
    private final GthFactorization factorization;
    private final CumulantRecursion recursion;

    private ExactSolver(JumpProcess process, GthFactorization factorization) {
        this.process = process;
        this.factorization = factorization;
        this.recursion = CumulantRecursion.of(process, factorization);
    }

    /** @throws IllegalArgumentException if the stationary state is not unique */
    public static ExactSolver of(JumpProcess process) {
        return new ExactSolver(process, GthFactorization.of(process));
    }

    public JumpProcess process() {
        return process;
    }

    /** The normalised stationary state, lowest level first. */
    public double[] stationaryState() {
        return factorization.stationaryState();
    }

    /** @param order number of cumulants K per reservoir, 2 .. MAX_ORDER */
    public ExactSolution solution(int order) {
        if (order < 2 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be from 2 to " + MAX_ORDER + ", got " + order);
        }
        int k = process.reservoirs().size();
        List<ReservoirStatistics> stats = new ArrayList<>(k);
        double[] betas = new double[k];
        for (int r = 0; r < k; r++) {
            double[] kappa = recursion.cumulants(process.energyWeights(r), order);
            stats.add(new ReservoirStatistics(process.reservoirs().get(r).name(), kappa[0], kappa[1], kappa));
            betas[r] = process.reservoirs().get(r).beta();
        }
        List<ReservoirStatistics> frozen = List.copyOf(stats);
        return new ExactSolution(process, stationaryState(), frozen, Thermodynamics.of(frozen, betas));
    }

    /**
     * Per reservoir, the constants g_1 .. g_K of the finite-time cumulants of the energy from a
     * stationary start: {@code <<Q_T^n>> = kappa_n T + g_n} up to terms exponentially small in T.
     */
    public double[][] finiteTimeOffsets(int order) {
        int k = process.reservoirs().size();
        double[][] g = new double[k][];
        for (int r = 0; r < k; r++) {
            g[r] = recursion.finiteTimeOffsets(process.energyWeights(r), order);
        }
        return g;
    }

    /** Shorthand for {@code of(process).solution(order)}. */
    public static ExactSolution solve(JumpProcess process, int order) {
        return of(process).solution(order);
    }
}
