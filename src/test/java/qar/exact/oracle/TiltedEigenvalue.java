package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import ch.obermuhlner.math.big.BigDecimalMath;
import qar.exact.oracle.ExactProcess.ExactChannel;

/**
 * The Perron eigenvalue lambda(s) of the tilted generator, by bisection on an exact criterion:
 * for a Metzler matrix T, {@code mu I - T} is a nonsingular M-matrix, i.e. all pivots of Gaussian
 * elimination without pivoting are positive, exactly when mu exceeds the Perron root. The bracket
 * starts at the smallest and largest column sums of T. Decimal arithmetic throughout; the result is
 * recomputed with 30 more digits and must agree.
 */
final class TiltedEigenvalue {
    private final BigDecimal[][] t;
    private final MathContext mc;

    private TiltedEigenvalue(BigDecimal[][] t, MathContext mc) {
        this.t = t;
        this.mc = mc;
    }

    /**
     * @param s            counting fields, one per reservoir, conjugate to energy (quanta times unit)
     * @param targetDigits relative accuracy wanted; near lambda = 0 the accuracy is instead absolute,
     *                     10^-(2 targetDigits) times the spread of the column sums
     */
    static BigDecimal lambda(ExactProcess p, BigDecimal[] s, int targetDigits) {
        int digits = targetDigits + 40 + p.rateSpanDecades();
        for (int attempt = 0; attempt < 5; attempt++) {
            BigDecimal a = at(p, s, targetDigits, digits);
            BigDecimal b = at(p, s, targetDigits, digits + 30);
            BigDecimal diff = a.subtract(b).abs();
            BigDecimal scale = b.abs().max(spread(p, s, digits).movePointLeft(targetDigits));
            if (diff.compareTo(scale.movePointLeft(targetDigits - 2)) <= 0) {
                return b;
            }
            digits *= 2;
        }
        throw new ArithmeticException("tilted eigenvalue did not converge");
    }

    private static BigDecimal spread(ExactProcess p, BigDecimal[] s, int digits) {
        TiltedEigenvalue e = of(p, s, new MathContext(digits, RoundingMode.HALF_EVEN));
        BigDecimal[] c = e.columnSums();
        BigDecimal lo = c[0];
        BigDecimal hi = c[0];
        for (BigDecimal v : c) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        return hi.subtract(lo).max(hi.abs()).max(lo.abs());
    }

    private static BigDecimal at(ExactProcess p, BigDecimal[] s, int targetDigits, int digits) {
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        TiltedEigenvalue e = of(p, s, mc);
        BigDecimal[] c = e.columnSums();
        BigDecimal lo = c[0];
        BigDecimal hi = c[0];
        for (BigDecimal v : c) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if (lo.compareTo(hi) == 0) {
            return lo; // 1^T is a left eigenvector
        }
        BigDecimal relTol = BigDecimal.ONE.movePointLeft(targetDigits);
        BigDecimal absTol = hi.subtract(lo).movePointLeft(2 * targetDigits);
        BigDecimal half = new BigDecimal("0.5");
        while (true) {
            BigDecimal width = hi.subtract(lo);
            BigDecimal scale = lo.abs().max(hi.abs());
            if (width.compareTo(absTol) <= 0 || width.compareTo(scale.multiply(relTol)) <= 0) {
                return lo.add(hi).multiply(half, mc);
            }
            BigDecimal mid = lo.add(hi).multiply(half, mc);
            if (e.aboveRoot(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }

    private static TiltedEigenvalue of(ExactProcess p, BigDecimal[] s, MathContext mc) {
        int d = p.dimension();
        BigDecimal[][] t = new BigDecimal[d][];
        for (int i = 0; i < d; i++) {
            t[i] = Oracle.zeros(d);
        }
        for (ExactChannel ch : p.channels()) {
            BigDecimal x = s[ch.reservoir()].multiply(BigDecimal.valueOf(ch.energy())).multiply(p.energyUnit());
            BigDecimal tilted = ch.rate().multiply(BigDecimalMath.exp(x, mc), mc);
            t[ch.to()][ch.from()] = t[ch.to()][ch.from()].add(tilted, mc);
            t[ch.from()][ch.from()] = t[ch.from()][ch.from()].subtract(ch.rate(), mc);
        }
        return new TiltedEigenvalue(t, mc);
    }

    private BigDecimal[] columnSums() {
        int d = t.length;
        BigDecimal[] c = Oracle.zeros(d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[j] = c[j].add(t[i][j], mc);
            }
        }
        return c;
    }

    /** True iff every pivot of mu I - T, eliminated without pivoting, is positive. */
    private boolean aboveRoot(BigDecimal mu) {
        int d = t.length;
        BigDecimal[][] a = new BigDecimal[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = t[i][j].negate();
            }
            a[i][i] = a[i][i].add(mu, mc);
        }
        for (int k = 0; k < d; k++) {
            if (a[k][k].signum() <= 0) {
                return false;
            }
            for (int i = k + 1; i < d; i++) {
                if (a[i][k].signum() == 0) {
                    continue;
                }
                BigDecimal f = a[i][k].divide(a[k][k], mc);
                for (int j = k + 1; j < d; j++) {
                    if (a[k][j].signum() != 0) {
                        a[i][j] = a[i][j].subtract(f.multiply(a[k][j], mc), mc);
                    }
                }
            }
        }
        return true;
    }
}
