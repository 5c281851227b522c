package qar.exact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qar.model.RecordValues;
import qar.model.Reservoir;

/**
 * Steady-state thermodynamics of a process (eqs. 15, 18-20): the first law, the entropy production
 * and the TUR of every reservoir; the COP and its bounds where reservoirs with the cold, hot and work
 * {@link Reservoir.Role roles} are present (null otherwise, with the reason). A
 * quantity the arithmetic cannot resolve, or one built from such a quantity, is null, and
 * {@code undefined} says why, keyed by its name in the JSON output ("entropyProduction",
 * "tur.c", "cop", ...).
 *
 * @param firstLawResidual   sum of all currents (zero up to rounding)
 * @param firstLawResolution the largest residual the arithmetic explains
 * @param entropyProduction  sigma = - sum beta_nu I_nu
 * @param entropyResolution  the largest |sigma| the arithmetic cannot tell from zero
 * @param tur                S_nu sigma / I_nu^2 per reservoir, in process order
 * @param cop                I_c / I_w
 * @param copCarnot          beta_h / (beta_c - beta_h), defined where beta_c > beta_h
 * @param copTurBound        kappa_bar of eq. (20), defined where I_c > 0, I_w > 0, beta_c > beta_h >= beta_w
 */
public record Thermodynamics(double firstLawResidual, double firstLawResolution, Double entropyProduction,
                             double entropyResolution, Double[] tur, Double cop, Double copCarnot,
                             Double copTurBound, Map<String, String> undefined) {

    /**
     * @param stats      per reservoir, with betas and reservoirs in the same order. Their values may be
     *                   in scaled units (rates times a power of two), where none is subnormal
     * @param reservoirs the process's reservoirs, whose roles locate the cold, hot and work reservoirs
     * @param unit       the absolute quantities (residual, sigma, resolutions) are multiplied by this
     */
    static Thermodynamics of(List<ReservoirStatistics> stats, List<Reservoir> reservoirs, double[] betas,
                             double sigmaResolution, double residualResolution, double unit) {
        Map<String, String> why = new LinkedHashMap<>();
        int k = stats.size();
        double residual = 0;
        double sigma = 0;
        for (int r = 0; r < k; r++) {
            residual += stats.get(r).current();
            sigma -= betas[r] * stats.get(r).current();
        }
        Double entropy = sigma;
        if (Double.isNaN(sigma)) {
            entropy = null;
            why.put("entropyProduction", "undefined: a reservoir is not thermal");
        } else if (stats.stream().allMatch(s -> s.exactlyZero(0))) {
            entropy = 0.0; // every current exactly 0 (a single reservoir's count is bounded)
        } else if (!(Math.abs(sigma) > sigmaResolution)) {
            entropy = null;
            why.put("entropyProduction", unresolved(sigma * unit, sigmaResolution * unit));
        }
        Double[] tur = new Double[k];
        for (int r = 0; r < k; r++) {
            ReservoirStatistics s = stats.get(r);
            String key = "tur." + s.name();
            if (!s.resolved(0)) {
                why.put(key, "undefined: the current of " + s.name() + " is unresolved");
            } else if (s.current() == 0) {
                why.put(key, "undefined: the current of " + s.name() + " is exactly zero");
            } else if (!s.resolved(1)) {
                why.put(key, "undefined: the noise of " + s.name() + " is unresolved");
            } else if (entropy == null) {
                why.put(key, "undefined: the entropy production is unresolved");
            } else {
                // (S / I) (sigma / I): each factor is independent of the rate scale, the product
                // S sigma / I^2 of three scaled numbers is not (it leaves the double range)
                tur[r] = s.noise() / s.current() * (sigma / s.current());
                if (!Double.isFinite(tur[r])) {
                    tur[r] = null;
                    why.put(key, OVERFLOW);
                }
            }
        }
        int c = Reservoir.indexOf(reservoirs, Reservoir.Role.COLD);
        int h = Reservoir.indexOf(reservoirs, Reservoir.Role.HOT);
        int w = Reservoir.indexOf(reservoirs, Reservoir.Role.WORK);
        if (c < 0 || h < 0 || w < 0) {
            StringBuilder names = new StringBuilder();
            stats.forEach(s -> names.append(names.length() == 0 ? "" : ", ").append(s.name()));
            String roles = "undefined: needs reservoirs named c, h and w (cold, hot, work); this process has "
                    + names;
            why.put("cop", roles);
            why.put("copCarnot", roles);
            why.put("copTurBound", roles);
            return new Thermodynamics(residual * unit, residualResolution * unit, times(entropy, unit),
                    sigmaResolution * unit, tur, null, null, null, Collections.unmodifiableMap(why));
        }
        ReservoirStatistics sc = stats.get(c);
        ReservoirStatistics sw = stats.get(w);
        double bc = betas[c];
        double bh = betas[h];
        double bw = betas[w];
        Double cop = null;
        if (sc.resolved(0) && sw.resolved(0) && sw.current() == 0) {
            why.put("cop", "undefined: I_w is exactly zero");
        } else if (sc.resolved(0) && sw.resolved(0)) {
            cop = sc.current() / sw.current();
        } else {
            why.put("cop", "undefined: " + (sc.resolved(0) ? "I_w" : "I_c") + " is unresolved");
        }
        Double carnot = null;
        if (bc > bh) {
            carnot = bh / (bc - bh);
        } else {
            why.put("copCarnot", "undefined: needs beta_c > beta_h");
        }
        Double bound = null;
        if (!(bc > bh && bh >= bw)) {
            why.put("copTurBound", "undefined: needs beta_c > beta_h >= beta_w");
        } else if (!(sc.resolved(0) && sw.resolved(0) && sc.resolved(1))) {
            why.put("copTurBound", "undefined: needs resolved I_c, I_w and S_c");
        } else if (!(sc.current() > 0 && sw.current() > 0)) {
            why.put("copTurBound", "undefined: the machine does not refrigerate (needs I_c > 0, I_w > 0)");
        } else {
            bound = carnot / (1 + 2 * (sc.current() / sc.noise()) / (bc - bh));
        }
        return new Thermodynamics(residual * unit, residualResolution * unit, times(entropy, unit),
                sigmaResolution * unit, tur, cop, carnot, bound, Collections.unmodifiableMap(why));
    }

    /** Why a TUR ratio is not given where it exceeds the doubles (a current of a few subnormals). */
    public static final String OVERFLOW = "undefined: S sigma / I^2 is above the double range (1.8e308)";

    private static Double times(Double x, double unit) {
        return x == null ? null : x * unit;
    }

    static String unresolved(double value, double resolution) {
        return String.format(java.util.Locale.ROOT,
                "unresolved: |%.3g| is below the resolution %.3g of the arithmetic", value, resolution);
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
