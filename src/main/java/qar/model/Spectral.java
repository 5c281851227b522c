package qar.model;

import java.util.Locale;

/**
 * The shape of a reservoir's spectral density Gamma(w), w > 0: the Lorentzian pair of eq. (5)
 * (peak eps, width delta, height Gbar, all from the {@link Bath}) or the Ohmic density of App. C,
 * Gamma(w) = Gbar w exp(-w / w_c) with cutoff w_c (the paper's Fig. 7: Gbar = 1, w_c = 100 Omega).
 *
 * @param shape  which density
 * @param cutoff w_c of the Ohmic density (energy units, like the gaps q Omega); 0 for the Lorentzian
 */
public record Spectral(Shape shape, double cutoff) {

    /** The two densities, with the names the command line uses. */
    public enum Shape {
        LORENTZIAN, OHMIC;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The paper's Fig. 7 cutoff, in units of Omega. */
    public static final double FIG7_CUTOFF = 100;

    private static final Spectral LORENTZIAN = new Spectral(Shape.LORENTZIAN, 0);

    public Spectral {
        if (shape == null) {
            throw new InvalidParameterException("spectral", null, "must be lorentzian or ohmic");
        }
        if (shape == Shape.LORENTZIAN && cutoff != 0) {
            throw new IllegalArgumentException("the Lorentzian density has no cutoff");
        }
        if (shape == Shape.OHMIC && (!Double.isFinite(cutoff) || cutoff <= 0)) {
            throw new InvalidParameterException("cutoff", cutoff, "must be finite and > 0");
        }
    }

    /** Eq. (5). */
    public static Spectral lorentzian() {
        return LORENTZIAN;
    }

    /** App. C: Gamma(w) = Gbar w exp(-w / w_c). */
    public static Spectral ohmic(double cutoff) {
        return new Spectral(Shape.OHMIC, cutoff);
    }

    /** Gamma(w) for w > 0 of a bath with peak eps, width delta and height gamma (Gbar). */
    double at(double w, double eps, double delta, double gamma) {
        if (shape == Shape.OHMIC) {
            return gamma * w * Math.exp(-w / cutoff);
        }
        // delta^2 / ((w - eps)^2 + delta^2) written as 1 / (1 + r^2): exact 1 on resonance even
        // where delta^2 underflows
        double r = (w - eps) / delta;
        double dp = w + eps;
        return 4 * gamma * eps * w / ((dp * dp + delta * delta) * (1 + r * r));
    }
}
