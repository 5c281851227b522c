package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * exp(A t) of a small dense matrix in decimal arithmetic: scaling so that ||A t|| / 2^k <= 1/2,
 * a Taylor series summed until a term drops below 10^-(precision+5) of the norm, then k squarings.
 * At 60+ digits the rounding left after k squarings is about 2^k 10^-precision, far below double
 * precision for every k used in the tests (k < 60).
 */
public final class MatrixExponential {
    private MatrixExponential() {
    }

    public static BigDecimal[][] exp(BigDecimal[][] a, BigDecimal t, MathContext mc) {
        int n = a.length;
        BigDecimal norm = BigDecimal.ZERO;
        for (int j = 0; j < n; j++) {
            BigDecimal col = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                col = col.add(a[i][j].abs());
            }
            norm = norm.max(col);
        }
        norm = norm.multiply(t.abs());
        int k = 0;
        BigDecimal half = new BigDecimal("0.5");
        while (norm.compareTo(half) > 0) {
            norm = norm.divide(BigDecimal.valueOf(2), mc);
            k++;
        }
        BigDecimal h = t.divide(BigDecimal.valueOf(2).pow(k), mc);
        BigDecimal[][] ah = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ah[i][j] = a[i][j].multiply(h, mc);
            }
        }
        BigDecimal[][] sum = identity(n);
        BigDecimal[][] term = identity(n);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int m = 1; m < 10_000; m++) {
            term = multiply(term, ah, mc);
            BigDecimal div = BigDecimal.valueOf(m);
            BigDecimal big = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] = term[i][j].divide(div, mc);
                    sum[i][j] = sum[i][j].add(term[i][j], mc);
                    big = big.max(term[i][j].abs());
                }
            }
            if (big.compareTo(eps) < 0) {
                break;
            }
        }
        for (int s = 0; s < k; s++) {
            sum = multiply(sum, sum, mc);
        }
        return sum;
    }

    public static BigDecimal[][] multiply(BigDecimal[][] a, BigDecimal[][] b, MathContext mc) {
        int n = a.length;
        BigDecimal[][] c = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                BigDecimal acc = BigDecimal.ZERO;
                for (int q = 0; q < n; q++) {
                    if (a[i][q].signum() != 0 && b[q][j].signum() != 0) {
                        acc = acc.add(a[i][q].multiply(b[q][j], mc), mc);
                    }
                }
                c[i][j] = acc;
            }
        }
        return c;
    }

    private static BigDecimal[][] identity(int n) {
        BigDecimal[][] m = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? BigDecimal.ONE : BigDecimal.ZERO;
            }
        }
        return m;
    }
}
