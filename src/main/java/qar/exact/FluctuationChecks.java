package qar.exact;

import java.util.Arrays;
import java.util.List;
import qar.model.JumpProcess;

/**
 * The exact fluctuation checks of one process: the Gallavotti-Cohen symmetry of lambda(s) and the
 * finite-time TUR at each window length (from the stationary state, whatever start the windows'
 * distributions use).
 *
 * @param gallavottiCohen the symmetry check on its grid
 * @param finiteTimeTur   one entry per window length, in the order given
 * @param seconds         wall time of both checks
 */
public record FluctuationChecks(GallavottiCohen.Result gallavottiCohen, List<FiniteTimeTur.Window> finiteTimeTur,
                                double seconds) {
    public FluctuationChecks {
        finiteTimeTur = List.copyOf(finiteTimeTur);
    }

    /** @param windows window lengths t > 0 of the finite-time TUR (may be empty) */
    public static FluctuationChecks of(JumpProcess process, ExactSolution solution, double[] windows) {
        long t0 = System.nanoTime();
        GallavottiCohen.Result gc = GallavottiCohen.of(process).check();
        FiniteTimeTur tur = FiniteTimeTur.of(process, solution);
        List<FiniteTimeTur.Window> ws = Arrays.stream(windows).parallel().mapToObj(tur::at).toList();
        return new FluctuationChecks(gc, ws, (System.nanoTime() - t0) * 1e-9);
    }
}
