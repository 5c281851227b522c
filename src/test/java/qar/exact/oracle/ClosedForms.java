package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;

/** Closed-form results used as references next to the oracle. */
public final class ClosedForms {
    private ClosedForms() {
    }

    /**
     * Scaled cumulants kappa_1 .. kappa_order of the number of 0 -> 1 jumps of a two-level telegraph
     * process (0 -> 1 at rate a, 1 -> 0 at rate b), times unit^n. The tilted generator
     * [[-a, b], [a e^s, -b]] has lambda^2 + (a + b) lambda - a b (e^s - 1) = 0; differentiating n
     * times at s = 0, where lambda = 0, gives
     * lambda^(n) = (a b - sum_{k=1}^{n-1} C(n,k) lambda^(k) lambda^(n-k)) / (a + b).
     * So kappa_1 = ab/(a+b), kappa_2 = ab(a^2+b^2)/(a+b)^3.
     */
    public static BigDecimal[] telegraphCumulants(double a, double b, double unit, int order, MathContext mc) {
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal ab = ba.multiply(bb);
        BigDecimal sum = ba.add(bb);
        BigDecimal[] l = new BigDecimal[order + 1];
        BigDecimal[] out = new BigDecimal[order];
        BigDecimal u = new BigDecimal(unit);
        BigDecimal un = BigDecimal.ONE;
        for (int n = 1; n <= order; n++) {
            BigDecimal acc = ab;
            for (int k = 1; k < n; k++) {
                acc = acc.subtract(BigDecimal.valueOf(Oracle.binomial(n, k)).multiply(l[k]).multiply(l[n - k]), mc);
            }
            l[n] = acc.divide(sum, mc);
            un = un.multiply(u);
            out[n - 1] = l[n].multiply(un, mc);
        }
        return out;
    }

    /**
     * Current from the cold reservoir of the reduced model for n_w -> infinity, eq. (G4):
     * 2 Omega Gc Gh (nc - nh) / (Gc (1 + 3 nc) + Gh (1 + 3 nh)), Gc and Gh the effective rates of
     * eq. (G2) (with j(j+1)), nc and nh the Bose factors at 2 Omega and 6 Omega.
     */
    public static double reducedCurrentLimit(double omega, double gc, double gh, double nc, double nh) {
        return 2 * omega * gc * gh * (nc - nh) / (gc * (1 + 3 * nc) + gh * (1 + 3 * nh));
    }

    /** Noise of the cold current of the reduced model for n_w -> infinity, eq. (G5). */
    public static double reducedNoiseLimit(double omega, double gc, double gh, double nc, double nh) {
        double xc = gc * (1 + 3 * nc);
        double xh = gh * (1 + 3 * nh);
        double a = (xc * xc + xh * xh) * (nc + nh + 2 * nc * nh);
        double b = nc * (1 + nc) + nh * (1 + nh) + 12 * nc * nh + 15 * nc * nh * (nc + nh) + 18 * nc * nc * nh * nh;
        double den = xc + xh;
        return 4 * omega * omega * gc * gh * (a + 2 * gc * gh * b) / (den * den * den);
    }
}
