package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters that each pass their own range check but drive a gap or a rate beyond the doubles are
 * refused when the rate equation is built, naming the parameters responsible and the cause; before
 * this check they reached the solver as NaN rates ("rate NaN of channel 1 -> 0") or as a process
 * with every rate 0 ("the stationary state is not unique").
 */
class RateCheckTest {
    private static final ModelParameters D = ModelParameters.defaults();

    private static ModelParameters omega(ModelKind kind, double omega) {
        return new ModelParameters(kind, D.n(), omega, D.cold(), D.hot(), D.work());
    }

    private static ModelParameters cold(ModelKind kind, double beta, double eps, double delta, double gamma) {
        return D.withKind(kind).withBaths(new Bath(beta, eps, delta, gamma), D.hot(), D.work());
    }

    static Stream<Arguments> refused() {
        Stream.Builder<Arguments> out = Stream.builder();
        for (ModelKind kind : ModelKind.values()) {
            // q Omega overflows (the reduced model's rates would survive it: 1 + n(infinity) = 1)
            out.add(Arguments.of(omega(kind, 1e308), List.of("omega"), "overflow of the rates of the cold reservoir",
                    "the gap 2 Omega overflows"));
            // beta q Omega underflows, 1 + n = 1 / (1 - exp(-beta q Omega)) overflows
            out.add(Arguments.of(omega(kind, 4.9e-324), List.of("omega"), "overflow of the rates of the cold reservoir",
                    "the Bose factor"));
            out.add(Arguments.of(cold(kind, 4.9e-324, 2, 0.1, 1), List.of("betaC"),
                    "overflow of the rates of the cold reservoir", "the Bose factor"));
            out.add(Arguments.of(omega(kind, 1e-200).withBaths(new Bath(1e-200, 2, 0.1, 1), D.hot(), D.work()),
                    List.of("betaC", "omega"), "overflow of the rates of the cold reservoir", "the Bose factor"));
            out.add(Arguments.of(D.withKind(kind).withBaths(D.cold(), new Bath(1, 6, 0.1, 1e308), D.work()),
                    List.of("gammaH"), "overflow of the rates of the hot reservoir", "overflows the doubles"));
        }
        out.add(Arguments.of(cold(ModelKind.FULL, 2, 1e308, 0.1, 1), List.of("epsC"),
                "overflow of the rates of the cold reservoir", "the spectral density Gamma_c(2 Omega) of eq. (5)"));
        out.add(Arguments.of(cold(ModelKind.FULL, 2, 2, 0.1, 1e308), List.of("gammaC"),
                "overflow of the rates of the cold reservoir", "the spectral density"));
        out.add(Arguments.of(cold(ModelKind.REDUCED, 2, 2, 0.1, 1e308), List.of("gammaC"),
                "overflow of the rates of the cold reservoir", "the rate of the jump 3/2 -> 1/2 overflows"));
        // every rate of every bath underflows: the process would have no jump at all
        out.add(Arguments.of(omega(ModelKind.FULL, 1e100), List.of("omega"),
                "underflow of the rates of the cold reservoir", "underflows to 0 although Gbar_c > 0"));
        // every rate of the cold bath underflows: it would be switched off without a word
        out.add(Arguments.of(cold(ModelKind.FULL, 2, 2, 1e200, 1), List.of("deltaC"),
                "underflow of the rates of the cold reservoir", "the spectral density"));
        out.add(Arguments.of(D.withKind(ModelKind.REDUCED).withN(5).withBaths(D.cold(), new Bath(1, 6, 0.1, 4.9e-324),
                D.work()), List.of("gammaH"),
                "underflow of the rates of the hot reservoir", "the rate of the jump 5/2 -> 1/2 underflows"));
        return out.build();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedNamingTheParametersAndTheCause(ModelParameters p, List<String> named, String cause, String detail) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Refrigerator.process(p));
        assertEquals(named, e.parameters());
        assertEquals(named.get(0), e.parameter());
        assertTrue(e.allowed().startsWith(cause), e.allowed());
        assertTrue(e.allowed().contains(detail), e.allowed());
        assertTrue(e.getMessage().startsWith(named.get(0) + " = "), e.getMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // a bath that is off has no jumps, whatever its Bose factor (no 0 * infinity)
                Arguments.of(cold(ModelKind.FULL, 4.9e-324, 2, 0.1, 0)),
                Arguments.of(cold(ModelKind.REDUCED, 4.9e-324, 2, 0.1, 0)),
                // on resonance the cold bath works; its other rates (delta^2 ~ 1e-400) are lost in the
                // rounding of their levels' escape rates, as in any sum
                Arguments.of(cold(ModelKind.FULL, 2, 2, 1e-200, 1)),
                Arguments.of(cold(ModelKind.FULL, 2, 2, 0.1, 1e-320)),
                // the legal extremes of issue 7
                Arguments.of(omega(ModelKind.FULL, 1e-300)),
                Arguments.of(cold(ModelKind.FULL, 2, 2, 0.1, 1e-300)),
                Arguments.of(cold(ModelKind.FULL, 300, 2, 0.1, 1)),
                Arguments.of(cold(ModelKind.FULL, 1e300, 2, 0.1, 1)),
                Arguments.of(cold(ModelKind.FULL, 1e-300, 2, 0.1, 1)),
                Arguments.of(cold(ModelKind.FULL, 2, 2, 10, 1e300)),
                Arguments.of(D.withBaths(D.cold(), D.hot(), new Bath(1e-3, 4, 1e-12, 1))),
                Arguments.of(D.withN(3)),
                Arguments.of(D.withKind(ModelKind.REDUCED).withN(5)));
    }

    /** Every jump down through a bath that is on has a finite rate, positive or lost in its level's rounding. */
    @ParameterizedTest
    @MethodSource("accepted")
    void extremeButRepresentableRatesAreBuilt(ModelParameters p) {
        JumpProcess process = Refrigerator.process(p);
        Bath[] baths = {p.cold(), p.hot(), p.work()};
        for (Channel ch : process.channels()) {
            assertTrue(Double.isFinite(ch.rate()) && ch.rate() > 0, ch::toString);
            assertTrue(baths[ch.reservoir()].gamma() > 0, ch::toString);
        }
        double[] escape = process.escapeRates();
        for (int level = 1; level < process.dimension(); level++) {
            assertTrue(escape[level] >= RateCheck.NEGLIGIBLE_BELOW, "level " + level + " escapes at " + escape[level]);
        }
    }
}
