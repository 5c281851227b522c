package qar.exact.oracle;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the oracle computed for one process, every number correct to far more digits than a double
 * holds.
 *
 * @param digits      the working precision of the final run (significant decimal digits)
 * @param populations the normalised stationary state
 * @param names       reservoir names
 * @param cumulants   {@code cumulants[r][n - 1]} = n-th scaled cumulant rate of reservoir r, in units
 *                    of energy^n (quanta times the energy unit); index 0 is the current, 1 the noise;
 *                    exactly 0 where zero to the working precision
 * @param scales      {@code scales[r][n - 1]} = sum over the channels of r of |energy|^n times the
 *                    stationary flow: the gross quantity kappa_n nets, a natural absolute scale for
 *                    kappa_n where that is 0 or tiny
 */
public record OracleSolution(int digits, BigDecimal[] populations, List<String> names, BigDecimal[][] cumulants,
        BigDecimal[][] scales) {

    public int reservoir(String name) {
        int r = names.indexOf(name);
        if (r < 0) {
            throw new IllegalArgumentException("no reservoir " + name + " in " + names);
        }
        return r;
    }

    /** n-th scaled cumulant rate, n from 1. */
    public BigDecimal cumulant(int r, int n) {
        return cumulants[r][n - 1];
    }

    /** Gross flow moment of order n (from 1) of reservoir r. */
    public BigDecimal scale(int r, int n) {
        return scales[r][n - 1];
    }

    public BigDecimal current(int r) {
        return cumulant(r, 1);
    }

    public BigDecimal noise(int r) {
        return cumulant(r, 2);
    }

    public BigDecimal current(String name) {
        return current(reservoir(name));
    }

    public BigDecimal noise(String name) {
        return noise(reservoir(name));
    }

    /** Largest population. */
    public BigDecimal maxPopulation() {
        BigDecimal m = BigDecimal.ZERO;
        for (BigDecimal p : populations) {
            m = m.max(p);
        }
        return m;
    }
}
