package qar.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import qar.model.JumpProcess;

/**
 * The finite-time thermodynamic uncertainty relation {@code Var(Delta E_nu)(t) <Sigma>(t) /
 * <Delta E_nu>(t)^2 >= 2} for every reservoir, from a stationary start, with the exact finite-time
 * variance of {@link FiniteTimeCumulants} (transients included).
 *
 * <p>From the stationary state the mean is exactly {@code I t} and the mean entropy production
 * exactly {@code sigma t} (the boundary term ln rho(x_0) - ln rho(x_t) has zero mean), so the ratio
 * is {@code (Var / I t)(sigma / I)}: each factor is independent of the rate scale, as for the
 * long-time ratio {@code S sigma / I^2} that it approaches like {@code g_2 sigma / (I^2 t)}, g_2 the
 * finite-time offset of the variance. The ratio is undefined (null, with the reason) where the
 * current, sigma or the variance is unresolved. Its relative uncertainty is the sum of the
 * relative resolutions of Var (FiniteTimeCumulants.resolution), of I (twice) and of sigma; the
 * check passes where {@code ratio (1 + uncertainty) >= 2}. Immutable.
 */
public final class FiniteTimeTur {
    /** The bound of the relation. */
    public static final double BOUND = 2;

    private final JumpProcess process;
    private final ExactSolution solution;

    /**
     * One reservoir at one window length.
     *
     * @param reservoir   its name
     * @param ratio       Var sigma t / (I t)^2, or null where undefined
     * @param uncertainty relative uncertainty of the ratio from the arithmetic, or null
     * @param longTime    the long-time ratio S sigma / I^2 (Thermodynamics.tur), or null
     * @param passed      ratio (1 + uncertainty) >= 2; null where undefined
     * @param undefined   why the ratio is undefined, or null
     */
    public record Ratio(String reservoir, Double ratio, Double uncertainty, Double longTime, Boolean passed,
                        String undefined) {
        /** "pass", "violated", or null where undefined. */
        public String verdict() {
            return passed == null ? null : passed ? "pass" : "violated";
        }
    }

    /** All reservoirs at one window length t, in process order. */
    public record Window(double t, List<Ratio> reservoirs) {
        public Window {
            reservoirs = List.copyOf(reservoirs);
        }
    }

    private FiniteTimeTur(JumpProcess process, ExactSolution solution) {
        this.process = process;
        this.solution = solution;
    }

    /** @param solution the exact solution of {@code process} (stationary state, currents, sigma) */
    public static FiniteTimeTur of(JumpProcess process, ExactSolution solution) {
        if (solution.process() != process) {
            throw new IllegalArgumentException("the solution is not of this process");
        }
        return new FiniteTimeTur(process, solution);
    }

    /** The ratio of every reservoir at window length t > 0. */
    public Window at(double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("window length must be finite and > 0, got " + t);
        }
        Thermodynamics th = solution.thermodynamics();
        Double sigma = th.entropyProduction();
        List<Ratio> out = new ArrayList<>();
        for (int r = 0; r < solution.reservoirs().size(); r++) {
            ReservoirStatistics st = solution.reservoirs().get(r);
            Double longTime = th.tur()[r];
            String name = st.name();
            if (!st.resolved(0)) {
                out.add(undefined(name, longTime, "undefined: the current of " + name + " is unresolved"));
                continue;
            }
            if (st.current() == 0) {
                out.add(undefined(name, longTime, "undefined: the current of " + name + " is exactly zero"));
                continue;
            }
            if (sigma == null) {
                String why = th.undefined().getOrDefault("entropyProduction", "unresolved");
                String reason = why.startsWith("unresolved") ? "unresolved"
                        : why.replace("undefined: ", "undefined (") + ")";
                out.add(undefined(name, longTime, "undefined: the entropy production is " + reason));
                continue;
            }
            double[] c = FiniteTimeCumulants.of(process, process.energyWeights(r), solution.populations(), 2).at(t);
            double var = c[1];
            double varResolution = FiniteTimeCumulants.resolution(c, st, t, 1);
            if (!(Math.abs(var) > varResolution)) {
                out.add(undefined(name, longTime, String.format(Locale.ROOT,
                        "undefined: the variance of the energy from %s in t = %s is unresolved", name, t)));
                continue;
            }
            double current = st.current();
            double ratio = var / (current * t) * (sigma / current);
            double uncertainty = varResolution / Math.abs(var) + 2 * st.resolution()[0] / Math.abs(current)
                    + th.entropyResolution() / Math.abs(sigma) + 0x1p-50;
            out.add(new Ratio(name, ratio, uncertainty, longTime, ratio * (1 + uncertainty) >= BOUND, null));
        }
        return new Window(t, out);
    }

    private static Ratio undefined(String name, Double longTime, String why) {
        return new Ratio(name, null, null, longTime, null, why);
    }
}
