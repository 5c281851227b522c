package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two spectral densities and the rates built from them. */
class SpectralTest {

    /** App. C: Gamma(w) = Gbar w exp(-w / w_c); reference values by hand (exp from the JDK, 1 ulp). */
    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 1, 7, 100, 750})
    void ohmicIsTheClosedForm(double w) {
        Bath b = new Bath(4, 2, 0.1, 0.5, Spectral.ohmic(100));
        assertEquals(0.5 * w * Math.exp(-w / 100), b.spectralDensity(w), 4e-16 * b.spectralDensity(w));
    }

    @Test
    void ohmicAtTheCutoffIsGbarTimesCutoffOverE() {
        // Gamma(w_c) = Gbar w_c / e, its maximum
        Bath b = new Bath(1, 1, 1, 2, Spectral.ohmic(100));
        assertEquals(200 / Math.E, b.spectralDensity(100), 1e-13);
        assertEquals(true, b.spectralDensity(99) < b.spectralDensity(100));
        assertEquals(true, b.spectralDensity(101) < b.spectralDensity(100));
    }

    @Test
    void lorentzianIsEquationFive() {
        Bath b = new Bath(2, 2, 0.1, 1);
        for (double w : new double[] {0.5, 2, 3, 6}) {
            double want = 4 * 1 * 2 * 0.01 * w / (((w - 2) * (w - 2) + 0.01) * ((w + 2) * (w + 2) + 0.01));
            assertEquals(want, b.spectralDensity(w), 1e-14 * want);
        }
        assertEquals(Spectral.lorentzian(), b.spectral());
    }

    /** Rates of the full model with the Ohmic density: Gamma(w) (1 + n) |<Jx>|^2 down, Gamma(w) n |<Jx>|^2 up. */
    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void ohmicRatesAndLocalDetailedBalance(int n) {
        Spectral o = Spectral.ohmic(10);
        ModelParameters d = ModelParameters.defaults();
        ModelParameters p = new ModelParameters(ModelKind.FULL, n, 1.0, d.cold().with(o), d.hot().with(o), d.work().with(o));
        Bath[] baths = {p.cold(), p.hot(), p.work()};
        for (Channel ch : Refrigerator.process(p).channels()) {
            Bath b = baths[ch.reservoir()];
            double w = Math.abs(ch.energy());
            int lo = Math.min(ch.from(), ch.to());
            double coupling = ch.reservoir() == Refrigerator.HOT
                    ? (Math.max(ch.from(), ch.to()) - lo == 1 ? Refrigerator.foldSquared(n) : Refrigerator.jx2Squared(n, lo)) / (n * n)
                    : Refrigerator.jxSquared(n, lo);
            double bose = 1 / Math.expm1(b.beta() * w);
            double want = w * Math.exp(-w / 10) * (ch.energy() < 0 ? 1 + bose : bose) * coupling;
            assertEquals(want, ch.rate(), 1e-12 * want, ch.toString());
        }
    }

    @Test
    void invalidDensitiesAreRefused() {
        assertThrows(InvalidParameterException.class, () -> Spectral.ohmic(0));
        assertThrows(InvalidParameterException.class, () -> Spectral.ohmic(Double.NaN));
        assertThrows(InvalidParameterException.class, () -> Spectral.ohmic(Double.POSITIVE_INFINITY));
        assertThrows(InvalidParameterException.class, () -> new Spectral(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new Spectral(Spectral.Shape.LORENTZIAN, 5));
        ModelParameters d = ModelParameters.defaults();
        Spectral o = Spectral.ohmic(100);
        assertThrows(InvalidParameterException.class, () -> new ModelParameters(ModelKind.REDUCED, 5, 1,
                d.cold().with(o), d.hot().with(o), d.work().with(o)));
    }
}
