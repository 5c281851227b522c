package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import qar.exact.oracle.ExactProcess.ExactChannel;
import qar.model.JumpProcess;

/**
 * Independent high-precision reference for the exact solver: stationary state, currents, noise and
 * higher scaled cumulants of a jump process, in decimal arithmetic.
 *
 * <p>Deliberately a different algorithm from the production code: the stationary state solves the
 * generator with its last row replaced by the normalisation row, by Gaussian elimination with
 * partial pivoting (which cancels, unlike Grassmann-Taksar-Heyman), so the working precision is
 * chosen large enough to absorb the cancellation: 60 digits plus the decades spanned by the rates
 * and by the populations. Every result is then recomputed with 40 more digits and must agree to 35
 * digits, else the precision is doubled. A cumulant that does not agree but stays below the
 * rounding noise of the gross flows it nets (about 1e-60 of them at the first precision) is zero
 * (e.g. a reservoir whose channels are never used) and is returned as exactly 0. Cumulants follow
 * the recursion of Flindt et al., PRB 82, 155407 (2010) (eqs. (13)-(14) of the paper at second
 * order), with the Drazin inverse applied by the same factorisation.
 */
public final class Oracle {
    /** Populations below this fraction of the largest are outside every accuracy claim. */
    public static final BigDecimal POPULATION_FLOOR = new BigDecimal("1e-250");
    private static final int BASE_DIGITS = 60;
    private static final int CHECK_EXTRA_DIGITS = 40;
    private static final BigDecimal AGREEMENT = new BigDecimal("1e-35");

    private Oracle() {
    }

    public static OracleSolution solve(JumpProcess p, int order) {
        return solve(ExactProcess.of(p), order);
    }

    /** Cumulants up to {@code order} (at least 1), at a precision verified by a second run. */
    public static OracleSolution solve(ExactProcess p, int order) {
        int allowance = p.rateSpanDecades() + 2 * order;
        int digits = BASE_DIGITS + allowance;
        for (int attempt = 0; attempt < 6; attempt++) {
            OracleSolution a = solveAt(p, order, digits);
            int span = Math.min(populationSpanDecades(a), 300);
            if (BASE_DIGITS + allowance + span > digits) {
                digits = BASE_DIGITS + allowance + span;
                a = solveAt(p, order, digits);
            }
            OracleSolution b = solveAt(p, order, digits + CHECK_EXTRA_DIGITS);
            // Rounding noise of run a is about 10^-(digits - allowance - span) of the gross flows.
            BigDecimal zeroFloor = BigDecimal.ONE.movePointLeft(digits - allowance - span);
            OracleSolution checked = agree(a, b, zeroFloor);
            if (checked != null) {
                return checked;
            }
            digits *= 2;
        }
        throw new ArithmeticException("oracle did not converge for " + p.names() + ", d = " + p.dimension());
    }

    /** One run at a fixed number of significant digits, without the stability check. */
    public static OracleSolution solveAt(ExactProcess p, int order, int digits) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        int d = p.dimension();
        // Levels are eliminated in reverse order, so that the replaced equation is that of level 0,
        // the ground state of the refrigerator and usually the most populated level: the
        // normalisation row then grows only mildly during elimination and seldom wins a pivot.
        ExactProcess q = p.reversed();
        BigDecimal[][] a = generator(q, mc);
        // The last balance equation is implied by the others (columns sum to zero): replace it by
        // the normalisation sigma sum_i x_i = sigma (stationary state) or = 0 (Drazin-inverse
        // solves). Any sigma != 0 gives the same solution; one below every diagonal entry keeps
        // partial pivoting from choosing this dense row, which would fill in the band.
        BigDecimal sigma = normalisationScale(a);
        for (int j = 0; j < d; j++) {
            a[d - 1][j] = sigma;
        }
        DenseLu lu = DenseLu.of(a, mc);
        BigDecimal[] e = zeros(d);
        e[d - 1] = sigma;
        BigDecimal[] pi = lu.solve(e);

        BigDecimal[][] cumulants = new BigDecimal[p.reservoirCount()][];
        BigDecimal[][] scales = new BigDecimal[p.reservoirCount()][];
        for (int r = 0; r < p.reservoirCount(); r++) {
            cumulants[r] = cumulants(q, r, order, pi, lu, mc);
            scales[r] = grossMoments(q, r, order, pi, mc);
        }
        BigDecimal[] populations = new BigDecimal[d];
        for (int i = 0; i < d; i++) {
            populations[i] = pi[d - 1 - i];
        }
        return new OracleSolution(digits, populations, p.names(), cumulants, scales);
    }

    /** R_ab = rate of b -> a off the diagonal, R_bb = - escape rate of b. */
    static BigDecimal[][] generator(ExactProcess p, MathContext mc) {
        int d = p.dimension();
        BigDecimal[][] a = new BigDecimal[d][];
        for (int i = 0; i < d; i++) {
            a[i] = zeros(d);
        }
        for (ExactChannel ch : p.channels()) {
            a[ch.to()][ch.from()] = a[ch.to()][ch.from()].add(ch.rate(), mc);
            a[ch.from()][ch.from()] = a[ch.from()][ch.from()].subtract(ch.rate(), mc);
        }
        return a;
    }

    /** A power of ten a thousand times below the smallest nonzero diagonal entry. */
    private static BigDecimal normalisationScale(BigDecimal[][] a) {
        int e = Integer.MAX_VALUE;
        for (int i = 0; i < a.length; i++) {
            if (a[i][i].signum() != 0) {
                e = Math.min(e, a[i][i].precision() - a[i][i].scale());
            }
        }
        return e == Integer.MAX_VALUE ? BigDecimal.ONE : BigDecimal.ONE.scaleByPowerOfTen(e - 4);
    }

    /**
     * Flindt recursion for the derivatives of the Perron eigenvalue lambda(s) of the tilted
     * generator L(s) (off-diagonal rates times exp(s q), q the quanta entering the system).
     * With L^(m) = d^m L / ds^m at 0 and rho^(n) the derivatives of the right eigenvector
     * normalised by 1^T rho(s) = 1:
     * lambda^(n) = sum_{m=1}^n C(n,m) 1^T L^(m) rho^(n-m),
     * rho^(n) = D sum_{m=1}^n C(n,m) (lambda^(m) - L^(m)) rho^(n-m), D the Drazin inverse of L(0).
     */
    private static BigDecimal[] cumulants(ExactProcess p, int r, int order, BigDecimal[] pi, DenseLu lu,
            MathContext mc) {
        int d = p.dimension();
        List<ExactChannel> mine = new ArrayList<>();
        for (ExactChannel ch : p.channels()) {
            if (ch.reservoir() == r) {
                mine.add(ch);
            }
        }
        BigDecimal[][] rho = new BigDecimal[order][];
        rho[0] = pi;
        BigDecimal[] lambda = new BigDecimal[order + 1];
        BigDecimal[] out = new BigDecimal[order];
        BigDecimal unitPower = BigDecimal.ONE;
        for (int n = 1; n <= order; n++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int m = 1; m <= n; m++) {
                BigDecimal t = BigDecimal.ZERO;
                for (ExactChannel ch : mine) {
                    t = t.add(derivativeWeight(ch, m).multiply(rho[n - m][ch.from()], mc), mc);
                }
                sum = sum.add(t.multiply(BigDecimal.valueOf(binomial(n, m)), mc), mc);
            }
            lambda[n] = sum;
            unitPower = unitPower.multiply(p.energyUnit(), mc);
            out[n - 1] = sum.multiply(unitPower, mc);
            if (n == order) {
                break;
            }
            BigDecimal[] y = zeros(d);
            for (int m = 1; m <= n; m++) {
                BigDecimal c = BigDecimal.valueOf(binomial(n, m));
                BigDecimal[] v = rho[n - m];
                for (int i = 0; i < d; i++) {
                    y[i] = y[i].add(c.multiply(lambda[m], mc).multiply(v[i], mc), mc);
                }
                for (ExactChannel ch : mine) {
                    BigDecimal flow = derivativeWeight(ch, m).multiply(v[ch.from()], mc).multiply(c, mc);
                    y[ch.to()] = y[ch.to()].subtract(flow, mc);
                    // the diagonal of L(s) does not depend on s: no term at ch.from()
                }
            }
            rho[n] = drazin(y, pi, lu, mc);
        }
        return out;
    }

    /** sum over the reservoir's channels of |q unit|^n rate rho_from: the flows a cumulant nets. */
    private static BigDecimal[] grossMoments(ExactProcess p, int r, int order, BigDecimal[] pi, MathContext mc) {
        BigDecimal[] out = zeros(order);
        for (ExactChannel ch : p.channels()) {
            if (ch.reservoir() != r) {
                continue;
            }
            BigDecimal flow = ch.rate().multiply(pi[ch.from()], mc);
            BigDecimal e = BigDecimal.valueOf(Math.abs(ch.energy())).multiply(p.energyUnit());
            BigDecimal en = BigDecimal.ONE;
            for (int n = 0; n < order; n++) {
                en = en.multiply(e, mc);
                out[n] = out[n].add(flow.multiply(en, mc), mc);
            }
        }
        return out;
    }

    /** rate * q^m: the channel's entry in L^(m). */
    private static BigDecimal derivativeWeight(ExactChannel ch, int m) {
        return ch.rate().multiply(BigDecimal.valueOf(ch.energy()).pow(m));
    }

    /** x with L(0) x = Q y and 1^T x = 0, Q = 1 - pi 1^T. */
    private static BigDecimal[] drazin(BigDecimal[] y, BigDecimal[] pi, DenseLu lu, MathContext mc) {
        int d = y.length;
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal v : y) {
            total = total.add(v, mc);
        }
        BigDecimal[] z = new BigDecimal[d];
        for (int i = 0; i < d; i++) {
            z[i] = y[i].subtract(pi[i].multiply(total, mc), mc);
        }
        z[d - 1] = BigDecimal.ZERO;
        return lu.solve(z);
    }

    static long binomial(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    static BigDecimal[] zeros(int n) {
        BigDecimal[] z = new BigDecimal[n];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    /** Decades between the largest and the smallest positive population. */
    static int populationSpanDecades(OracleSolution s) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (BigDecimal x : s.populations()) {
            if (x.signum() > 0) {
                int e = x.precision() - x.scale();
                lo = Math.min(lo, e);
                hi = Math.max(hi, e);
            }
        }
        return lo > hi ? 0 : hi - lo + 1;
    }

    /**
     * b if it agrees with a to 35 digits, with the cumulants that are zero to within the rounding
     * noise of a (both below zeroFloor times their gross flows) set to exactly 0; else null.
     */
    private static OracleSolution agree(OracleSolution a, OracleSolution b, BigDecimal zeroFloor) {
        BigDecimal floor = b.maxPopulation().multiply(POPULATION_FLOOR);
        for (int i = 0; i < a.populations().length; i++) {
            BigDecimal x = b.populations()[i];
            if (x.abs().compareTo(floor) >= 0 && !close(a.populations()[i], x)) {
                return null;
            }
        }
        BigDecimal[][] cumulants = new BigDecimal[b.cumulants().length][];
        for (int r = 0; r < cumulants.length; r++) {
            cumulants[r] = b.cumulants()[r].clone();
            for (int n = 0; n < cumulants[r].length; n++) {
                BigDecimal x = a.cumulants()[r][n];
                BigDecimal y = b.cumulants()[r][n];
                if (close(x, y)) {
                    continue;
                }
                BigDecimal noise = b.scales()[r][n].multiply(zeroFloor);
                if (x.abs().compareTo(noise) <= 0 && y.abs().compareTo(noise) <= 0) {
                    cumulants[r][n] = BigDecimal.ZERO;
                } else {
                    return null;
                }
            }
        }
        return new OracleSolution(b.digits(), b.populations(), b.names(), cumulants, b.scales());
    }

    private static boolean close(BigDecimal a, BigDecimal b) {
        BigDecimal diff = a.subtract(b).abs();
        return diff.signum() == 0 || diff.compareTo(b.abs().multiply(AGREEMENT)) <= 0;
    }

    /**
     * lambda(s), the Perron eigenvalue of the tilted generator, to about 40 significant digits
     * (absolute 1e-80 of the rate scale where lambda is 0).
     *
     * @param s one counting field per reservoir, taken at its exact binary value
     */
    public static BigDecimal lambda(ExactProcess p, double... s) {
        return lambda(p, 40, s);
    }

    /** As {@link #lambda(ExactProcess, double...)} with a chosen number of correct digits. */
    public static BigDecimal lambda(ExactProcess p, int targetDigits, double... s) {
        return lambda(p, targetDigits, exact(p, s));
    }

    /** As {@link #lambda(ExactProcess, double...)} with decimal counting fields. */
    public static BigDecimal lambda(ExactProcess p, int targetDigits, BigDecimal... s) {
        if (s.length != p.reservoirCount()) {
            throw new IllegalArgumentException("need " + p.reservoirCount() + " counting fields");
        }
        return TiltedEigenvalue.lambda(p, s, targetDigits);
    }

    private static BigDecimal[] exact(ExactProcess p, double[] s) {
        if (s.length != p.reservoirCount()) {
            throw new IllegalArgumentException("need " + p.reservoirCount() + " counting fields");
        }
        BigDecimal[] x = new BigDecimal[s.length];
        for (int r = 0; r < s.length; r++) {
            x[r] = new BigDecimal(s[r]);
        }
        return x;
    }

    /** |approx - exact| / |exact|, as a double; 0 when both are 0, infinite when only exact is 0. */
    public static double relativeError(BigDecimal exact, double approx) {
        if (!Double.isFinite(approx)) {
            return Double.NaN;
        }
        BigDecimal diff = new BigDecimal(approx).subtract(exact).abs();
        if (diff.signum() == 0) {
            return 0;
        }
        if (exact.signum() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return diff.divide(exact.abs(), MathContext.DECIMAL64).doubleValue();
    }
}
