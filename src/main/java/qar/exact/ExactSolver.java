package qar.exact;

import java.util.ArrayList;
import java.util.List;
import qar.model.JumpProcess;

/** Stationary state, currents, noise, cumulants and thermodynamics of a jump process. */
public final class ExactSolver {
    /** Highest cumulant order offered; the recursion works beyond, the CLI caps it here. */
    public static final int MAX_ORDER = 16;

    private ExactSolver() {
    }

    /** @param order number of cumulants K per reservoir, 2 .. MAX_ORDER */
    public static ExactSolution solve(JumpProcess process, int order) {
        if (order < 2 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order must be from 2 to " + MAX_ORDER + ", got " + order);
        }
        GthFactorization gth = GthFactorization.of(process);
        CumulantRecursion recursion = CumulantRecursion.of(process, gth);
        int k = process.reservoirs().size();
        List<ReservoirStatistics> stats = new ArrayList<>(k);
        double[] betas = new double[k];
        for (int r = 0; r < k; r++) {
            double[] kappa = recursion.cumulants(process.energyWeights(r), order);
            stats.add(new ReservoirStatistics(process.reservoirs().get(r).name(), kappa[0], kappa[1], kappa));
            betas[r] = process.reservoirs().get(r).beta();
        }
        List<ReservoirStatistics> frozen = List.copyOf(stats);
        return new ExactSolution(process, gth.stationaryState(), frozen, Thermodynamics.of(frozen, betas));
    }

    /**
     * Per reservoir, the constants g_1 .. g_K of the finite-time cumulants of the energy from a
     * stationary start: {@code <<Q_T^n>> = kappa_n T + g_n} up to terms exponentially small in T.
     */
    public static double[][] finiteTimeOffsets(JumpProcess process, int order) {
        CumulantRecursion recursion = CumulantRecursion.of(process, GthFactorization.of(process));
        int k = process.reservoirs().size();
        double[][] g = new double[k][];
        for (int r = 0; r < k; r++) {
            g[r] = recursion.finiteTimeOffsets(process.energyWeights(r), order);
        }
        return g;
    }
}
