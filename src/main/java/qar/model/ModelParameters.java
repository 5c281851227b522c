package qar.model;

/**
 * Every parameter of the refrigerator. Immutable; the canonical constructor validates, so an
 * instance is always a valid model.
 *
 * @param kind  full model or reduced three-level model
 * @param n     number of spins, at least 2 (reduced model: odd, at least 5). Odd N: the levels
 *              a = 1/2 ... N/2; even N: the sector m = 0 ... N/2 of App. A.2 (see {@link Refrigerator})
 * @param omega energy scale Omega of H = Omega Jz^2
 */
public record ModelParameters(ModelKind kind, int n, double omega, Bath cold, Bath hot, Bath work)
        implements ModelSpec {

    /**
     * Largest N accepted. The exact solve is linear in N: at N = 9,999,999 (5 million levels)
     * {@code qar exact} takes about a minute on 2 cores (the solve and two resolution probes) and
     * at most 5.3 GB of heap (3 GB at the defaults), which the default heap (a quarter of the
     * memory) gives on a 24 GB machine; larger N would take minutes. Every energy gap (at most about N^2 / 2 Omega) is exact in a long and in
     * a double.
     */
    public static final int MAX_N = 9_999_999;

    public ModelParameters {
        if (kind == null) {
            throw new InvalidParameterException("model", null, "must be full or reduced");
        }
        if (kind == ModelKind.REDUCED && (n < 5 || n % 2 == 0 || n > MAX_N)) {
            // App. G's three levels 1/2, 3/2, 5/2 exist for odd N only
            throw new InvalidParameterException("N", n,
                    "must be an odd integer from 5 to " + MAX_N + " for the reduced model (App. G needs odd N)");
        }
        if (n < 2 || n > MAX_N) {
            throw new InvalidParameterException("N", n, "must be an integer from 2 to " + MAX_N);
        }
        if (!Double.isFinite(omega) || omega <= 0) {
            throw new InvalidParameterException("omega", omega, "must be finite and > 0");
        }
        if (kind == ModelKind.REDUCED && (cold.spectral().shape() != Spectral.Shape.LORENTZIAN
                || hot.spectral().shape() != Spectral.Shape.LORENTZIAN || work.spectral().shape() != Spectral.Shape.LORENTZIAN)) {
            // App. G takes each bath at the peak height Gbar of a sharply peaked density
            throw new InvalidParameterException("spectral", "ohmic",
                    "must be lorentzian for the reduced model (App. G assumes sharply peaked densities)");
        }
        cold.validate("C");
        hot.validate("H");
        work.validate("W");
        if (cold.gamma() == 0 && hot.gamma() == 0 && work.gamma() == 0) {
            throw new InvalidParameterException("gammaC", 0.0,
                    "at least one of gammaC, gammaH, gammaW must be > 0 (no reservoir, no dynamics)");
        }
    }

    /** The paper's Fig. 2 parameters with N = 31. */
    public static ModelParameters defaults() {
        return new ModelParameters(ModelKind.FULL, 31, 1.0,
                new Bath(2.0, 2.0, 0.1, 1.0),
                new Bath(1.0, 6.0, 0.1, 1.0),
                new Bath(1e-3, 4.0, 1e-3, 1.0));
    }

    public ModelParameters withN(int newN) {
        return new ModelParameters(kind, newN, omega, cold, hot, work);
    }

    public ModelParameters withKind(ModelKind newKind) {
        return new ModelParameters(newKind, n, omega, cold, hot, work);
    }

    public ModelParameters withBaths(Bath newCold, Bath newHot, Bath newWork) {
        return new ModelParameters(kind, n, omega, newCold, newHot, newWork);
    }

    /** Number of collective levels: a = 1/2 ... N/2 for odd N, m = 0 ... N/2 for even N. */
    public int levels() {
        return Refrigerator.levels(n);
    }

    /** Level i is a = (2i + 1)/2 (1/2, 3/2, ...) for odd N, m = i (0, 1, ...) for even N. */
    @Override
    public String levelName(int level) {
        return n % 2 != 0 ? (2L * level + 1) + "/2" : Integer.toString(level);
    }
}
