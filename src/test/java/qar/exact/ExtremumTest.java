package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Brent's method against closed forms, to the tolerance asked for. */
class ExtremumTest {

    @Test
    void maximumOfXLogXAtOneOverE() {
        // -x ln x is largest at 1/e, where it is 1/e; the value is quadratic in the error of x
        Extremum m = Extremum.maximum(x -> -x * Math.log(x), 1e-3, 2, 1, 1e-9, Double.MIN_NORMAL, 200);
        assertEquals(1 / Math.E, m.x(), 1e-8 / Math.E);
        assertEquals(1 / Math.E, m.value(), 1e-15);
    }

    @Test
    void minimumOfCoshFromAnEdge() {
        // cosh(x - 3) - 1: smallest 0 at 3, searched from near the bracket's left end
        Extremum m = Extremum.minimum(x -> Math.cosh(x - 3) - 1, 0, 10, 0.1, 1e-3, Double.MIN_NORMAL, 200);
        assertEquals(3, m.x(), 4e-3 * 3);
        assertTrue(m.value() <= 0.5 * 1.2e-2 * 1.2e-2, "value " + m.value());
    }

    @Test
    void infiniteValuesBeyondAPointAreAvoided() {
        // an overflow (+infinity) right of 2, the minimum of (x - 1.5)^2 left of it
        Extremum m = Extremum.minimum(x -> x > 2 ? Double.POSITIVE_INFINITY : (x - 1.5) * (x - 1.5), 0, 8, 1,
                1e-9, Double.MIN_NORMAL, 200);
        assertEquals(1.5, m.x(), 1e-8);
    }

    @Test
    void pastTheEvaluationLimitTheBestPointSeenComesBack() {
        Extremum m = Extremum.minimum(x -> (x - 0.3) * (x - 0.3), 0, 1, 0.9, 1e-12, Double.MIN_NORMAL, 3);
        assertTrue(Double.isFinite(m.x()) && m.value() < 0.36, m.toString());
        assertEquals((m.x() - 0.3) * (m.x() - 0.3), m.value(), 0.0);
    }
}
