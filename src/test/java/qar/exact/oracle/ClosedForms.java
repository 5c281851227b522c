package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;

/** Closed-form results used as references next to the oracle. */
public final class ClosedForms {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

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
    public static BigDecimal reducedCurrentLimit(BigDecimal omega, BigDecimal gc, BigDecimal gh, BigDecimal nc,
            BigDecimal nh, MathContext mc) {
        BigDecimal num = TWO.multiply(omega).multiply(gc).multiply(gh).multiply(nc.subtract(nh));
        return num.divide(weight(gc, nc).add(weight(gh, nh)), mc);
    }

    /**
     * Noise of the cold current of the reduced model for n_w -> infinity, eq. (G5):
     * 4 Omega^2 Gc Gh [A + 2 Gc Gh B] / [Gc (1 + 3 nc) + Gh (1 + 3 nh)]^3 with
     * A = [(Gc (1 + 3 nc))^2 + (Gh (1 + 3 nh))^2] (nc + nh + 2 nc nh),
     * B = nc (1 + nc) + nh (1 + nh) + 12 nc nh + 15 nc nh (nc + nh) + 18 nc^2 nh^2.
     */
    public static BigDecimal reducedNoiseLimit(BigDecimal omega, BigDecimal gc, BigDecimal gh, BigDecimal nc,
            BigDecimal nh, MathContext mc) {
        BigDecimal xc = weight(gc, nc);
        BigDecimal xh = weight(gh, nh);
        BigDecimal ncnh = nc.multiply(nh);
        BigDecimal a = xc.pow(2).add(xh.pow(2)).multiply(nc.add(nh).add(TWO.multiply(ncnh)));
        BigDecimal b = nc.multiply(BigDecimal.ONE.add(nc)).add(nh.multiply(BigDecimal.ONE.add(nh)))
                .add(BigDecimal.valueOf(12).multiply(ncnh)).add(BigDecimal.valueOf(15).multiply(ncnh).multiply(nc.add(nh)))
                .add(BigDecimal.valueOf(18).multiply(ncnh.pow(2)));
        BigDecimal num = BigDecimal.valueOf(4).multiply(omega.pow(2)).multiply(gc).multiply(gh)
                .multiply(a.add(TWO.multiply(gc).multiply(gh).multiply(b)));
        return num.divide(xc.add(xh).pow(3), mc);
    }

    /**
     * First-order coefficient c1 of the reduced model's cold current in eps = 1/n_w,
     * I = (G4) + c1 eps + O(eps^2), from expanding the exact three-level kappa_1 (done with a
     * computer-algebra system): c1 = -2 Gc Gh (1 + 2 nc + 2 nh + 3 nc nh)
     * (Gc Gh (nc - nh) + Gw (Gc nc + Gh nh)) / (Gw [Gc (1 + 3 nc) + Gh (1 + 3 nh)]^2), times Omega.
     */
    public static BigDecimal reducedCurrentFirstOrder(BigDecimal omega, BigDecimal gc, BigDecimal gh, BigDecimal gw,
            BigDecimal nc, BigDecimal nh, MathContext mc) {
        BigDecimal f = BigDecimal.ONE.add(TWO.multiply(nc)).add(TWO.multiply(nh)).add(BigDecimal.valueOf(3).multiply(nc).multiply(nh));
        BigDecimal g = gc.multiply(gh).multiply(nc.subtract(nh)).add(gw.multiply(gc.multiply(nc).add(gh.multiply(nh))));
        BigDecimal num = TWO.negate().multiply(omega).multiply(gc).multiply(gh).multiply(f).multiply(g);
        return num.divide(gw.multiply(weight(gc, nc).add(weight(gh, nh)).pow(2)), mc);
    }

    private static BigDecimal weight(BigDecimal g, BigDecimal n) {
        return g.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(3).multiply(n)));
    }
}
