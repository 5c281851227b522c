package qar.model;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The refrigerator's numeric parameters as given, unchecked: a point of a sweep's grid, which may
 * be no valid model ({@link #parameters} says why). Each field is named as in the JSON model object;
 * {@link #NAMES} lists them in that order, the order of a sweep's CSV columns.
 */
public record ParameterValues(double n, double omega,
                              double betaC, double epsC, double deltaC, double gammaC,
                              double betaH, double epsH, double deltaH, double gammaH,
                              double betaW, double epsW, double deltaW, double gammaW) {

    /** The JSON names of the fields, in the order of the model object. */
    public static final List<String> NAMES = List.of("N", "omega", "betaC", "epsC", "deltaC", "gammaC",
            "betaH", "epsH", "deltaH", "gammaH", "betaW", "epsW", "deltaW", "gammaW");

    /** The values of a valid model. */
    public static ParameterValues of(ModelParameters p) {
        Bath c = p.cold();
        Bath h = p.hot();
        Bath w = p.work();
        return new ParameterValues(p.n(), p.omega(), c.beta(), c.eps(), c.delta(), c.gamma(),
                h.beta(), h.eps(), h.delta(), h.gamma(), w.beta(), w.eps(), w.delta(), w.gamma());
    }

    /** The values {@code byName} gives for each name of {@link #NAMES}. */
    public static ParameterValues of(ToDoubleFunction<String> byName) {
        double[] v = new double[NAMES.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = byName.applyAsDouble(NAMES.get(k));
        }
        return new ParameterValues(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                v[12], v[13]);
    }

    /** A field's value by its JSON name. */
    public double get(String name) {
        return switch (name) {
            case "N" -> n;
            case "omega" -> omega;
            case "betaC" -> betaC;
            case "epsC" -> epsC;
            case "deltaC" -> deltaC;
            case "gammaC" -> gammaC;
            case "betaH" -> betaH;
            case "epsH" -> epsH;
            case "deltaH" -> deltaH;
            case "gammaH" -> gammaH;
            case "betaW" -> betaW;
            case "epsW" -> epsW;
            case "deltaW" -> deltaW;
            case "gammaW" -> gammaW;
            default -> throw new IllegalArgumentException("no parameter " + name);
        };
    }

    /** These values with the field {@code name} set to {@code value}. */
    public ParameterValues with(String name, double value) {
        get(name);
        return of(k -> k.equals(name) ? value : get(k));
    }

    /**
     * The model of these values, with the Lorentzian densities of eq. (5).
     *
     * @throws InvalidParameterException where they are no valid model (N not an integer, a value out of range)
     */
    public ModelParameters parameters(ModelKind kind) {
        if (n != Math.rint(n) || Math.abs(n) > Integer.MAX_VALUE) {
            throw new InvalidParameterException("N", n, "must be an integer");
        }
        return new ModelParameters(kind, (int) n, omega, new Bath(betaC, epsC, deltaC, gammaC),
                new Bath(betaH, epsH, deltaH, gammaH), new Bath(betaW, epsW, deltaW, gammaW));
    }
}
