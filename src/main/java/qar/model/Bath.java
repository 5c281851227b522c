package qar.model;

/**
 * One thermal reservoir: inverse temperature, and its spectral density: the Lorentzian pair of
 * eq. (5) with peak position {@code eps}, width {@code delta} and height {@code gamma} (the paper's
 * Gbar), or the Ohmic one of App. C, Gbar w exp(-w / w_c) (eps and delta then unused).
 */
public record Bath(double beta, double eps, double delta, double gamma, Spectral spectral) {

    /** A bath with the Lorentzian pair of eq. (5). */
    public Bath(double beta, double eps, double delta, double gamma) {
        this(beta, eps, delta, gamma, Spectral.lorentzian());
    }

    public Bath {
        if (spectral == null) {
            throw new InvalidParameterException("spectral", null, "must be lorentzian or ohmic");
        }
    }

    /** This bath with another spectral density. */
    public Bath with(Spectral newSpectral) {
        return new Bath(beta, eps, delta, gamma, newSpectral);
    }

    /** Checks every field; {@code suffix} is the reservoir letter used in parameter names (C, H, W). */
    void validate(String suffix) {
        positive("beta" + suffix, beta);
        positive("eps" + suffix, eps);
        positive("delta" + suffix, delta);
        if (!Double.isFinite(gamma) || gamma < 0) {
            throw new InvalidParameterException("gamma" + suffix, gamma, "must be finite and >= 0");
        }
    }

    private static void positive(String name, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            throw new InvalidParameterException(name, v, "must be finite and > 0");
        }
    }

    /**
     * Gamma(w) for w > 0: eq. (5) (maximal near w = eps with height close to gamma) or the Ohmic
     * gamma w exp(-w / w_c), as {@link #spectral()} says.
     */
    public double spectralDensity(double w) {
        return spectral.at(w, eps, delta, gamma);
    }

    /** gamma(w) of eq. (4): rate factor for a jump in which the system gives energy w to the bath. */
    public double rateFactor(double w) {
        return bose(w) * spectralDensity(Math.abs(w));
    }

    /** 1 + n(|w|) for w > 0 (emission into the bath), n(|w|) for w < 0 (absorption from it). */
    public double bose(double w) {
        if (w == 0) {
            throw new IllegalArgumentException("no transition at zero energy");
        }
        double x = beta * Math.abs(w);
        // 1 + n = 1 / (1 - e^-x) and n = e^-x / (1 - e^-x), both without cancellation; the latter
        // stays nonzero down to the smallest subnormal (x < 745), where 1 / (e^x - 1) stops at 710
        double denominator = -Math.expm1(-x);
        return w > 0 ? 1 / denominator : Math.exp(-x) / denominator;
    }
}
