package qar.exact;

/**
 * A GTH factorization of a generator as the cumulant recursion uses it: the stationary state and
 * the Drazin solves, on interleaved double-double vectors ({@link DoubleDouble}).
 */
interface Factorization {
    int dimension();

    /** The normalised stationary state as an interleaved vector; shared, callers must not write. */
    double[] stationaryVector();

    /** The normalised stationary state, lowest level first. */
    double[] stationaryState();

    /** Solves {@code L x = y}, {@code sum(x) = 0}, overwriting y with x (see {@link GthFactorization#solve}). */
    void solveInPlace(double[] y);

    /** Solves the adjoint equation, overwriting y with x (see {@link GthFactorization#solveAdjoint}). */
    void solveAdjointInPlace(double[] y);
}
