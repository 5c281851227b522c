package qar.exact.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import qar.model.Bath;
import qar.model.ModelKind;
import qar.model.ModelParameters;

/**
 * Refrigerator parameter sets for the accuracy tests: the paper's defaults and seeded random
 * combinations far from them. Omega is a power of two so that every gap q Omega is exact.
 */
public final class ParameterSets {
    private ParameterSets() {
    }

    /**
     * {@code count} random sets: beta log-uniform in [1e-3, 1e3] (temperatures 1e-3 .. 1e3), eps in
     * [0.5, 20], delta in [1e-6, 10], Gbar in [1e-3, 1e3] (six decades), all log-uniform and drawn
     * independently per reservoir; Omega one of 1/2, 1, 2.
     */
    public static List<ModelParameters> random(long seed, int count, ModelKind kind, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ModelParameters> out = new ArrayList<>(count);
        double[] omegas = {0.5, 1.0, 2.0};
        for (int k = 0; k < count; k++) {
            double omega = omegas[rng.nextInt(omegas.length)];
            out.add(new ModelParameters(kind, n, omega, bath(rng), bath(rng), bath(rng)));
        }
        return out;
    }

    private static Bath bath(SplittableRandom rng) {
        return new Bath(logUniform(rng, 1e-3, 1e3), logUniform(rng, 0.5, 20), logUniform(rng, 1e-6, 10),
                logUniform(rng, 1e-3, 1e3));
    }

    private static double logUniform(SplittableRandom rng, double lo, double hi) {
        return lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
    }

    /** A short label for test names. */
    public static String label(ModelParameters p) {
        return String.format(java.util.Locale.ROOT, "%s N=%d omega=%g beta=(%.3g, %.3g, %.3g) delta=(%.2g, %.2g, %.2g) "
                + "Gbar=(%.2g, %.2g, %.2g)", p.kind().label(), p.n(), p.omega(), p.cold().beta(), p.hot().beta(),
                p.work().beta(), p.cold().delta(), p.hot().delta(), p.work().delta(), p.cold().gamma(),
                p.hot().gamma(), p.work().gamma());
    }
}
