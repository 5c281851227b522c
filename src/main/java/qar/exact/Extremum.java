package qar.exact;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * The one optimiser of a function of one variable in qar: Brent's method (commons-math3's
 * {@link BrentOptimizer}) inside a bracket the caller found, stopped once the bracket is within
 * {@code relative} |x| + {@code absolute} of x. Infinite values are fine (a step off a parabola
 * through them falls back to golden section); NaN is not. Past {@code maxEvaluations} the best point
 * seen is returned. A value: the argument x and f(x).
 */
record Extremum(double x, double value) {

    /** The minimum of f on [lo, hi], searched from start, which must lie in [lo, hi]. */
    static Extremum minimum(DoubleUnaryOperator f, double lo, double hi, double start, double relative,
            double absolute, int maxEvaluations) {
        return search(f, GoalType.MINIMIZE, lo, hi, start, relative, absolute, maxEvaluations);
    }

    /** The maximum of f on [lo, hi], searched from start, which must lie in [lo, hi]. */
    static Extremum maximum(DoubleUnaryOperator f, double lo, double hi, double start, double relative,
            double absolute, int maxEvaluations) {
        return search(f, GoalType.MAXIMIZE, lo, hi, start, relative, absolute, maxEvaluations);
    }

    private static Extremum search(DoubleUnaryOperator f, GoalType goal, double lo, double hi, double start,
            double relative, double absolute, int maxEvaluations) {
        int sign = goal == GoalType.MINIMIZE ? 1 : -1;
        double[] best = {Double.NaN, Double.NaN};
        DoubleUnaryOperator tracked = x -> {
            double y = f.applyAsDouble(x);
            if (Double.isNaN(best[1]) || sign * y < sign * best[1]) {
                best[0] = x;
                best[1] = y;
            }
            return y;
        };
        try {
            UnivariatePointValuePair p = new BrentOptimizer(relative, absolute).optimize(new MaxEval(maxEvaluations),
                    new UnivariateObjectiveFunction(tracked::applyAsDouble), goal, new SearchInterval(lo, hi, start));
            return new Extremum(p.getPoint(), p.getValue());
        } catch (TooManyEvaluationsException e) {
            return new Extremum(best[0], best[1]);
        }
    }
}
