package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import qar.exact.oracle.ExactProcess;
import qar.exact.oracle.ExactProcess.ExactChannel;
import qar.exact.oracle.ExactRates;
import qar.exact.oracle.ParameterSets;

/** The double-precision rates of {@link Refrigerator} against the model's formulas in 40 digits. */
class RefrigeratorRatesTest {
    private static final double UNIT_ROUNDOFF = 0x1p-53;
    /** Rates below this (about 1e-301) may legitimately underflow or lose digits in double. */
    private static final BigDecimal TINY = new BigDecimal(0x1p-1000);

    static Stream<Arguments> models() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (int n : new int[] {3, 5, 31, 201}) {
            out.add(Arguments.of(ModelParameters.defaults().withN(n)));
            for (ModelParameters p : ParameterSets.random(1000L + n, 6, ModelKind.FULL, n)) {
                out.add(Arguments.of(p));
            }
            if (n >= 5) {
                out.add(Arguments.of(ModelParameters.defaults().withN(n).withKind(ModelKind.REDUCED)));
                for (ModelParameters p : ParameterSets.random(2000L + n, 4, ModelKind.REDUCED, n)) {
                    out.add(Arguments.of(p));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest
    @MethodSource("models")
    void ratesMatchTheModelFormulas(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        ExactProcess exact = ExactRates.process(p, 40);
        assertEquals(p.kind() == ModelKind.FULL ? p.levels() : 3, process.dimension());
        assertEquals(p.omega(), process.energyUnit());
        assertEquals(java.util.List.of("c", "h", "w"), exact.names());
        Map<String, Channel> byKey = new HashMap<>();
        for (Channel ch : process.channels()) {
            Channel old = byKey.put(ch.from() + ">" + ch.to() + "@" + ch.reservoir(), ch);
            assertEquals(null, old, () -> "duplicate channel " + ch);
        }
        Bath[] baths = {p.cold(), p.hot(), p.work()};
        for (ExactChannel e : exact.channels()) {
            Channel ch = byKey.remove(e.from() + ">" + e.to() + "@" + e.reservoir());
            double rate = ch == null ? 0.0 : ch.rate();
            if (ch != null) {
                assertEquals(e.energy(), ch.energy(), () -> "energy of " + ch);
            }
            if (e.rate().compareTo(TINY) < 0) {
                // underflow region: the double rate must be negligible as well
                assertTrue(rate < 0x1p-990, () -> "tiny rate " + e + " came out as " + rate);
                continue;
            }
            double x = baths[e.reservoir()].beta() * Math.abs(e.energy()) * p.omega();
            // about 16 roundings in eq. (5) and the matrix elements (32 u), plus the conditioning
            // of exp(-beta w) to the two roundings in beta q Omega (relative error 2 x u)
            double tol = (32 + 2 * x) * UNIT_ROUNDOFF;
            BigDecimal err = new BigDecimal(rate).subtract(e.rate()).abs().divide(e.rate(), MathContext.DECIMAL64);
            assertTrue(err.doubleValue() <= tol, () -> "channel " + e.from() + " -> " + e.to() + " via " + e.reservoir()
                    + ": relative error " + err + " > " + tol + " in " + ParameterSets.label(p));
        }
        assertTrue(byKey.isEmpty(), () -> "channels not in the model: " + byKey.values());
    }

    /**
     * On resonance (eps equal to a gap) Gamma(w) tends to Gbar as delta -> 0: delta^2 cancels
     * between numerator and denominator. Every delta > 0 is a valid parameter, so the process
     * must be built with the finite, exact-model rate even where delta^2 underflows.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e-100, 1e-170, 1e-200})
    void tinyDeltaOnResonanceGivesFiniteRates(double delta) {
        ModelParameters d = ModelParameters.defaults().withN(5);
        ModelParameters p = d.withBaths(new Bath(2.0, 2.0, delta, 1.0), d.hot(), d.work());
        JumpProcess process = Refrigerator.process(p);
        ExactProcess exact = ExactRates.process(p, 40);
        ExactChannel down = exact.channels().stream()
                .filter(e -> e.reservoir() == Refrigerator.COLD && e.from() == 1 && e.to() == 0).findFirst().orElseThrow();
        Channel ch = process.channels().stream()
                .filter(c -> c.reservoir() == Refrigerator.COLD && c.from() == 1 && c.to() == 0).findFirst().orElseThrow();
        // same budget as above: a few tens of roundings
        assertEquals(down.rate().doubleValue(), ch.rate(), 64 * UNIT_ROUNDOFF * ch.rate());
    }
}
