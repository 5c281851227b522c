package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every invalid parameter is refused with an {@link InvalidParameterException} that names it. */
class ParameterValidationTest {
    private static final ModelParameters D = ModelParameters.defaults();

    static Stream<Arguments> invalid() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (int n : new int[] {-3, 0, 1, ModelParameters.MAX_N + 1, Integer.MAX_VALUE - 1, Integer.MIN_VALUE}) { // even N >= 2 is valid (App. A.2)
            out.add(Arguments.of("N", (Supplier<ModelParameters>) () -> D.withN(n), "N = " + n));
        }
        for (int n : new int[] {1, 3, 4, 6}) {
            out.add(Arguments.of("N", (Supplier<ModelParameters>) () -> D.withKind(ModelKind.REDUCED).withN(n),
                    "reduced N = " + n));
        }
        out.add(Arguments.of("model", (Supplier<ModelParameters>) () -> new ModelParameters(null, 31, 1.0, D.cold(), D.hot(),
                D.work()), "no model kind"));
        for (double omega : new double[] {0.0, -1.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            out.add(Arguments.of("omega", (Supplier<ModelParameters>) () -> new ModelParameters(ModelKind.FULL, 31, omega,
                    D.cold(), D.hot(), D.work()), "omega = " + omega));
        }
        double[] nonPositive = {0.0, -0.0, -1e-300, -2.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] negative = {-1e-300, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        String[] suffix = {"C", "H", "W"};
        for (int r = 0; r < 3; r++) {
            int res = r;
            for (double v : nonPositive) {
                out.add(bath("beta" + suffix[r], res, b -> new Bath(v, b.eps(), b.delta(), b.gamma()), v));
                out.add(bath("eps" + suffix[r], res, b -> new Bath(b.beta(), v, b.delta(), b.gamma()), v));
                out.add(bath("delta" + suffix[r], res, b -> new Bath(b.beta(), b.eps(), v, b.gamma()), v));
            }
            for (double v : negative) {
                out.add(bath("gamma" + suffix[r], res, b -> new Bath(b.beta(), b.eps(), b.delta(), v), v));
            }
        }
        return out.build();
    }

    private static Arguments bath(String name, int r, java.util.function.UnaryOperator<Bath> change, double v) {
        Supplier<ModelParameters> s = () -> D.withBaths(r == 0 ? change.apply(D.cold()) : D.cold(),
                r == 1 ? change.apply(D.hot()) : D.hot(), r == 2 ? change.apply(D.work()) : D.work());
        return Arguments.of(name, s, name + " = " + v);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void refusedWithTheParameterNamed(String parameter, Supplier<ModelParameters> build, String label) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build::get);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().startsWith(parameter + " = "), e::getMessage);
    }

    /** The edges of the valid ranges are accepted. */
    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7, 201, ModelParameters.MAX_N})
    void oddNFromThreeIsValid(int n) {
        assertEquals(n, D.withN(n).n());
        if (n >= 5) {
            assertEquals(n, D.withKind(ModelKind.REDUCED).withN(n).n());
        }
        // gamma = 0 switches a reservoir off and is allowed
        Bath off = new Bath(1.0, 1.0, 1.0, 0.0);
        assertEquals(0.0, D.withN(n).withBaths(off, D.hot(), D.work()).cold().gamma());
    }
}
