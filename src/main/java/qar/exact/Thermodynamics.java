package qar.exact;

import java.util.List;

/**
 * Steady-state thermodynamics of a refrigerator with reservoirs c, h, w (eqs. 15, 18-20).
 *
 * @param firstLawResidual  sum of all currents (zero up to rounding)
 * @param entropyProduction sigma = - sum beta_nu I_nu (NaN if a reservoir is not thermal)
 * @param tur               S_nu sigma / I_nu^2 per reservoir, in process order
 * @param cop               I_c / I_w
 * @param copCarnot         beta_h / (beta_c - beta_h); NaN unless beta_c > beta_h
 * @param copTurBound       kappa_bar of eq. (20); null outside its regime (I_c > 0, I_w > 0,
 *                          beta_c > beta_h >= beta_w)
 */
public record Thermodynamics(double firstLawResidual, double entropyProduction, double[] tur,
                             double cop, double copCarnot, Double copTurBound) {

    /** @param stats per reservoir, with betas in the same order; names c, h, w locate the roles. */
    public static Thermodynamics of(List<ReservoirStatistics> stats, double[] betas) {
        int k = stats.size();
        double residual = 0;
        double sigma = 0;
        for (int r = 0; r < k; r++) {
            residual += stats.get(r).current();
            sigma -= betas[r] * stats.get(r).current();
        }
        double[] tur = new double[k];
        for (int r = 0; r < k; r++) {
            double i = stats.get(r).current();
            tur[r] = stats.get(r).noise() * sigma / (i * i);
        }
        int c = index(stats, "c");
        int h = index(stats, "h");
        int w = index(stats, "w");
        if (c < 0 || h < 0 || w < 0) {
            return new Thermodynamics(residual, sigma, tur, Double.NaN, Double.NaN, null);
        }
        double ic = stats.get(c).current();
        double iw = stats.get(w).current();
        double sc = stats.get(c).noise();
        double bc = betas[c];
        double bh = betas[h];
        double bw = betas[w];
        double carnot = bc > bh ? bh / (bc - bh) : Double.NaN;
        Double bound = null;
        if (ic > 0 && iw > 0 && bc > bh && bh >= bw) {
            bound = carnot / (1 + 2 * ic / (sc * (bc - bh)));
        }
        return new Thermodynamics(residual, sigma, tur, ic / iw, carnot, bound);
    }

    private static int index(List<ReservoirStatistics> stats, String name) {
        for (int r = 0; r < stats.size(); r++) {
            if (stats.get(r).name().equals(name)) {
                return r;
            }
        }
        return -1;
    }
}
