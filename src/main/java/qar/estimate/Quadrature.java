package qar.estimate;

import java.util.function.DoubleUnaryOperator;

/**
 * Gauss-Legendre quadrature (16 nodes) on pieces at most a factor 2 long in tau, so smooth
 * functions that vary on a logarithmic scale (survival functions over decades) integrate to near
 * machine precision.
 */
final class Quadrature {
    private static final double[] X = {0.0950125098376374, 0.2816035507792589, 0.4580167776572274,
        0.6178762444026438, 0.7554044083550030, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499};
    private static final double[] W = {0.1894506104550685, 0.1826034150449236, 0.1691565193950025,
        0.1495959888165767, 0.1246289712555339, 0.0951585116824928, 0.0622535239386479, 0.0271524594117541};

    private Quadrature() {
    }

    static double integrate(DoubleUnaryOperator f, double a, double b) {
        double sum = 0;
        double lo = a;
        while (lo < b) {
            double hi = lo <= 0 ? Math.min(b, b / 1024) : Math.min(b, 2 * lo);
            if (lo <= 0 && hi <= 0) {
                hi = b;
            }
            sum += piece(f, lo, hi);
            lo = hi;
        }
        return sum;
    }

    private static double piece(DoubleUnaryOperator f, double a, double b) {
        double m = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double s = 0;
        for (int i = 0; i < X.length; i++) {
            s += W[i] * (f.applyAsDouble(m - h * X[i]) + f.applyAsDouble(m + h * X[i]));
        }
        return s * h;
    }
}
