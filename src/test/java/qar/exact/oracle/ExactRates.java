package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import ch.obermuhlner.math.big.BigDecimalMath;
import qar.exact.oracle.ExactProcess.ExactChannel;
import qar.model.Bath;
import qar.model.ModelKind;
import qar.model.ModelParameters;

/**
 * The refrigerator's rates computed in decimal arithmetic straight from the formulas of
 * {@code shared/model.md} (eqs. 4, 5, 7-9 of the paper and App. G with j(j+1)), sharing no code with
 * {@link qar.model.Refrigerator}: the "true model" the double-precision rates approximate.
 * Levels are indexed i = a - 1/2, reservoirs ordered c, h, w, energies in quanta of Omega.
 */
public final class ExactRates {
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal SIXTEEN = BigDecimal.valueOf(16);
    private static final List<String> NAMES = List.of("c", "h", "w");

    private final MathContext mc;
    private final ModelParameters p;
    private final BigDecimal jj1;
    private final BigDecimal omega;

    private ExactRates(ModelParameters p, int digits) {
        this.mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        this.p = p;
        BigDecimal j = BigDecimal.valueOf(p.n()).multiply(HALF);
        this.jj1 = j.multiply(j.add(BigDecimal.ONE));
        this.omega = new BigDecimal(p.omega());
    }

    /** The process of {@code p} with every rate correct to {@code digits} significant digits. */
    public static ExactProcess process(ModelParameters p, int digits) {
        ExactRates x = new ExactRates(p, digits);
        return p.kind() == ModelKind.FULL ? x.full() : x.reduced();
    }

    private static BigDecimal level(int i) {
        return BigDecimal.valueOf(i).add(HALF);
    }

    /** E_a - E_b in quanta: a^2 - b^2, an integer. */
    private static long quanta(int ia, int ib) {
        BigDecimal a = level(ia);
        BigDecimal b = level(ib);
        return a.multiply(a).subtract(b.multiply(b)).longValueExact();
    }

    /** alpha_+(a)^2 = j(j+1) - a(a+1). */
    private BigDecimal alphaPlusSq(BigDecimal a) {
        return jj1.subtract(a.multiply(a.add(BigDecimal.ONE)));
    }

    /** alpha_-(a)^2 = j(j+1) - a(a-1). */
    private BigDecimal alphaMinusSq(BigDecimal a) {
        return jj1.subtract(a.multiply(a.subtract(BigDecimal.ONE)));
    }

    private ExactProcess full() {
        int d = p.levels();
        BigDecimal nSq = BigDecimal.valueOf(p.n()).pow(2);
        List<ExactChannel> out = new ArrayList<>();
        for (int b = 0; b + 1 < d; b++) {
            // |<v_{b+1}|Jx|v_b>|^2 = alpha_+(b)^2 / 4
            BigDecimal jx = alphaPlusSq(level(b)).divide(FOUR);
            pair(out, b, b + 1, 0, p.cold(), jx);
            pair(out, b, b + 1, 2, p.work(), jx);
        }
        if (d >= 2) {
            // fold: <v_{1/2}|Jx^2|v_{3/2}> = alpha_-(1/2) alpha_-(3/2) / 4, then A_h = Jx^2 / N
            BigDecimal fold = alphaMinusSq(level(0)).multiply(alphaMinusSq(level(1))).divide(SIXTEEN);
            pair(out, 0, 1, 1, p.hot(), fold.divide(nSq, mc));
        }
        for (int b = 0; b + 2 < d; b++) {
            // <v_{b+2}|Jx^2|v_b> = alpha_+(b+1) alpha_+(b) / 4
            BigDecimal jx2 = alphaPlusSq(level(b + 1)).multiply(alphaPlusSq(level(b))).divide(SIXTEEN);
            pair(out, b, b + 2, 1, p.hot(), jx2.divide(nSq, mc));
        }
        return new ExactProcess(d, omega, NAMES, out);
    }

    /** Both directions lo <-> hi through one bath, rate = gamma(E_from - E_to) |A|^2. */
    private void pair(List<ExactChannel> out, int lo, int hi, int r, Bath bath, BigDecimal elementSq) {
        long q = quanta(hi, lo);
        BigDecimal w = BigDecimal.valueOf(q).multiply(omega);
        BigDecimal g = spectralDensity(bath, w);
        BigDecimal[] bose = bose(bath, w);
        out.add(new ExactChannel(hi, lo, r, g.multiply(bose[1], mc).multiply(elementSq, mc), -q));
        out.add(new ExactChannel(lo, hi, r, g.multiply(bose[0], mc).multiply(elementSq, mc), q));
    }

    /** Gamma(w) = 4 Gbar eps delta^2 w / ([(w - eps)^2 + delta^2] [(w + eps)^2 + delta^2]), eq. (5). */
    private BigDecimal spectralDensity(Bath bath, BigDecimal w) {
        BigDecimal eps = new BigDecimal(bath.eps());
        BigDecimal d2 = new BigDecimal(bath.delta()).pow(2);
        BigDecimal num = FOUR.multiply(new BigDecimal(bath.gamma())).multiply(eps).multiply(d2).multiply(w);
        BigDecimal den = w.subtract(eps).pow(2).add(d2).multiply(w.add(eps).pow(2).add(d2));
        return num.divide(den, mc);
    }

    /** {n(w), 1 + n(w)} with n(w) = 1 / (exp(beta w) - 1), w > 0. */
    private BigDecimal[] bose(Bath bath, BigDecimal w) {
        BigDecimal x = new BigDecimal(bath.beta()).multiply(w);
        // exp(x) - 1 loses about -log10(x) digits for small x: carry them.
        int extra = Math.max(0, -BigDecimalMath.exponent(x)) + 10;
        MathContext wide = new MathContext(mc.getPrecision() + extra, RoundingMode.HALF_EVEN);
        BigDecimal ex = BigDecimalMath.exp(x, wide);
        BigDecimal em1 = ex.subtract(BigDecimal.ONE, wide);
        return new BigDecimal[] {BigDecimal.ONE.divide(em1, mc), ex.divide(em1, mc)};
    }

    private ExactProcess reduced() {
        BigDecimal nSq = BigDecimal.valueOf(p.n()).pow(2);
        BigDecimal c34 = jj1.subtract(new BigDecimal("0.75"));
        BigDecimal c154 = jj1.subtract(new BigDecimal("3.75"));
        // App. G, with j(j+1) in place of the misprinted N/2 (N/2 - 1) of eq. (G2)
        BigDecimal gc = new BigDecimal(p.cold().gamma()).multiply(c34).divide(FOUR);
        BigDecimal gw = new BigDecimal(p.work().gamma()).multiply(c154).divide(FOUR);
        BigDecimal gh = new BigDecimal(p.hot().gamma()).multiply(c34).multiply(c154).divide(SIXTEEN.multiply(nSq), mc);
        List<ExactChannel> out = new ArrayList<>();
        ideal(out, 0, 1, 0, p.cold(), gc, 2);
        ideal(out, 1, 2, 2, p.work(), gw, 4);
        ideal(out, 0, 2, 1, p.hot(), gh, 6);
        return new ExactProcess(3, omega, NAMES, out);
    }

    private void ideal(List<ExactChannel> out, int lo, int hi, int r, Bath bath, BigDecimal geff, long q) {
        BigDecimal[] bose = bose(bath, BigDecimal.valueOf(q).multiply(omega));
        out.add(new ExactChannel(hi, lo, r, geff.multiply(bose[1], mc), -q));
        out.add(new ExactChannel(lo, hi, r, geff.multiply(bose[0], mc), q));
    }
}
