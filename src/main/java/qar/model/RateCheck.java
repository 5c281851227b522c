package qar.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Refuses a refrigerator whose rates the doubles cannot hold, naming the parameters responsible.
 *
 * <p>Where a bath is on (Gbar > 0), every jump down (the system giving the gap q Omega to the bath)
 * has a positive rate by eqs. (4)-(5): gamma(q Omega) |A|^2 = Gamma(q Omega) [1 + n(q Omega)] |A|^2.
 * A down-rate that comes out infinite, NaN or 0 therefore means the arithmetic overflowed or
 * underflowed, and every number built on it would be meaningless; so would every energy tally if
 * the gap q Omega itself overflowed (the reduced model's rates survive that: 1 + n(infinity) = 1).
 * (Up-rates, Gamma n |A|^2, may underflow to 0 at low temperature; that is the physics, and the
 * solver takes it.)
 *
 * <p>The refusal names the first factor that failed, in the order the rate is built: the gap
 * q Omega (only Omega can overflow it), the Bose factor 1 + n = 1 / (1 - exp(-beta q Omega)) (it
 * overflows when beta q Omega underflows: beta or Omega), the spectral density of eq. (5) (Gbar,
 * eps, delta or Omega), or the product itself (any of them). Of that factor's parameters it names
 * those that, put back alone to their default (the paper's Fig. 2), make the rate a positive double
 * again; where no single one does, those that differ from their default; where none differs, all.
 */
final class RateCheck {
    private static final ModelParameters DEFAULTS = ModelParameters.defaults();
    private static final String[] BATHS = {"cold", "hot", "work"};
    private static final String[] SUFFIX = {"C", "H", "W"};

    /**
     * Below this a level's escape rate is too small for a dropped rate (one that underflowed, so
     * below 2^-1074) to be lost in its rounding: 2^-1074 / 2^-1021 = 2^-53, the unit roundoff.
     */
    static final double NEGLIGIBLE_BELOW = 0x1p-1021;

    private RateCheck() {
    }

    /** True where a down-rate is a usable double: finite and positive. */
    static boolean representable(double rate) {
        return rate > 0 && rate < Double.POSITIVE_INFINITY;
    }

    /**
     * Refuses jumps down that underflowed to 0 where that loses something: where every jump down of
     * a bath that is on underflowed (the bath would be switched off without a word), or where the
     * level the jump leaves has an escape rate below {@link #NEGLIGIBLE_BELOW}. Elsewhere a rate
     * below 2^-1074 is lost in the rounding of its level's other rates, as it would be in any sum.
     *
     * @param channels every channel of the baths that are on (infinite and NaN rates already refused)
     */
    static void zeros(ModelParameters p, int dimension, List<Channel> channels) {
        boolean any = false;
        boolean[] positive = new boolean[3];
        for (Channel ch : channels) {
            if (ch.energy() < 0) {
                any |= ch.rate() == 0;
                positive[ch.reservoir()] |= ch.rate() > 0;
            }
        }
        if (!any) {
            return;
        }
        double[] escape = new double[dimension];
        for (Channel ch : channels) {
            escape[ch.from()] += ch.rate();
        }
        for (Channel ch : channels) {
            if (ch.energy() < 0 && ch.rate() == 0 && (!positive[ch.reservoir()] || escape[ch.from()] < NEGLIGIBLE_BELOW)) {
                throw refusal(p, ch.reservoir(), ch.to(), ch.from());
            }
        }
    }

    /**
     * The refusal for a jump down hi -> lo through reservoir r whose gap or rate is not representable.
     *
     * @param r the reservoir (Refrigerator.COLD, HOT, WORK)
     */
    static InvalidParameterException refusal(ModelParameters p, int r, int lo, int hi) {
        ToDoubleFunction<ModelParameters> rate = x -> Refrigerator.rate(x, r, lo, hi, true);
        long q = Refrigerator.gap(p.n(), hi, lo);
        Bath bath = bath(p, r);
        String s = SUFFIX[r].toLowerCase(java.util.Locale.ROOT);
        double w = q * p.omega();
        List<String> candidates;
        String detail;
        boolean overflow;
        if (!Double.isFinite(w)) {
            candidates = List.of("omega");
            overflow = true;
            detail = "the gap " + q + " Omega overflows the doubles";
        } else if (!Double.isFinite(bath.bose(w))) {
            candidates = List.of("beta" + SUFFIX[r], "omega");
            overflow = true;
            detail = "the Bose factor 1 / (1 - exp(-beta_" + s + " " + q + " Omega)) overflows the doubles";
        } else if (p.kind() == ModelKind.FULL && !representable(bath.spectralDensity(w))) {
            candidates = bath.spectral().shape() == Spectral.Shape.OHMIC
                    ? List.of("gamma" + SUFFIX[r], "cutoff", "omega")
                    : List.of("gamma" + SUFFIX[r], "eps" + SUFFIX[r], "delta" + SUFFIX[r], "omega");
            overflow = bath.spectralDensity(w) != 0;
            detail = "the spectral density Gamma_" + s + "(" + q + " Omega) "
                    + (bath.spectral().shape() == Spectral.Shape.OHMIC ? "(Ohmic) " : "of eq. (5) ")
                    + (overflow ? "overflows the doubles" : "underflows to 0 although Gbar_" + s + " > 0");
        } else {
            candidates = p.kind() == ModelKind.FULL && bath.spectral().shape() == Spectral.Shape.OHMIC
                    ? List.of("gamma" + SUFFIX[r], "beta" + SUFFIX[r], "cutoff", "omega")
                    : p.kind() == ModelKind.FULL
                    ? List.of("gamma" + SUFFIX[r], "beta" + SUFFIX[r], "eps" + SUFFIX[r], "delta" + SUFFIX[r], "omega")
                    : List.of("gamma" + SUFFIX[r], "beta" + SUFFIX[r], "omega");
            overflow = rate.applyAsDouble(p) != 0;
            detail = "the rate of the jump " + p.levelName(hi) + " -> " + p.levelName(lo) + " "
                    + (overflow ? "overflows the doubles" : "underflows to 0 although Gbar_" + s + " > 0");
        }
        List<String> named = new ArrayList<>();
        for (String c : candidates) {
            ModelParameters cured = withDefault(p, c);
            if (Double.isFinite(q * cured.omega()) && representable(rate.applyAsDouble(cured))) {
                named.add(c);
            }
        }
        if (named.isEmpty()) {
            candidates.stream().filter(c -> value(p, c) != value(DEFAULTS, c)).forEach(named::add);
        }
        if (named.isEmpty()) {
            named.addAll(candidates);
        }
        List<Double> values = named.stream().map(c -> value(p, c)).toList();
        return new InvalidParameterException(named, values, (overflow ? "overflow" : "underflow")
                + " of the rates of the " + BATHS[r] + " reservoir (" + detail + ")");
    }

    static Bath bath(ModelParameters p, int r) {
        return switch (r) {
            case Refrigerator.COLD -> p.cold();
            case Refrigerator.HOT -> p.hot();
            case Refrigerator.WORK -> p.work();
            default -> throw new IllegalArgumentException("no reservoir " + r);
        };
    }

    /** A parameter of Omega or of one bath, named as in the JSON schema. */
    private static double value(ModelParameters p, String name) {
        if (name.equals("omega")) {
            return p.omega();
        }
        if (name.equals("cutoff")) {
            return p.cold().spectral().cutoff(); // the command line gives every bath the same density
        }
        Bath b = bath(p, reservoir(name));
        return switch (name.substring(0, name.length() - 1)) {
            case "beta" -> b.beta();
            case "eps" -> b.eps();
            case "delta" -> b.delta();
            case "gamma" -> b.gamma();
            default -> throw new IllegalArgumentException("no parameter " + name);
        };
    }

    /** {@code p} with one parameter put back to its default. */
    private static ModelParameters withDefault(ModelParameters p, String name) {
        if (name.equals("omega")) {
            return new ModelParameters(p.kind(), p.n(), DEFAULTS.omega(), p.cold(), p.hot(), p.work());
        }
        if (name.equals("cutoff")) {
            Spectral fig7 = Spectral.ohmic(Spectral.FIG7_CUTOFF);
            return p.withBaths(p.cold().with(fig7), p.hot().with(fig7), p.work().with(fig7));
        }
        int r = reservoir(name);
        Bath b = bath(p, r);
        double d = value(DEFAULTS, name);
        Bath changed = switch (name.substring(0, name.length() - 1)) {
            case "beta" -> new Bath(d, b.eps(), b.delta(), b.gamma(), b.spectral());
            case "eps" -> new Bath(b.beta(), d, b.delta(), b.gamma(), b.spectral());
            case "delta" -> new Bath(b.beta(), b.eps(), d, b.gamma(), b.spectral());
            case "gamma" -> new Bath(b.beta(), b.eps(), b.delta(), d, b.spectral());
            default -> throw new IllegalArgumentException("no parameter " + name);
        };
        return p.withBaths(r == Refrigerator.COLD ? changed : p.cold(), r == Refrigerator.HOT ? changed : p.hot(),
                r == Refrigerator.WORK ? changed : p.work());
    }

    private static int reservoir(String name) {
        return "CHW".indexOf(name.charAt(name.length() - 1));
    }
}
