package qar.exact.oracle;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Gaussian elimination with partial pivoting in decimal arithmetic: P A = L U, computed once and
 * reused for many right-hand sides. Zero entries are skipped, so a banded matrix costs about
 * {@code n * bandwidth^2} operations unless pivoting fills it in. Not thread-safe.
 */
final class DenseLu {
    private final int n;
    private final BigDecimal[][] lu;
    private final int[] perm;
    private final MathContext mc;

    private DenseLu(BigDecimal[][] lu, int[] perm, MathContext mc) {
        this.n = lu.length;
        this.lu = lu;
        this.perm = perm;
        this.mc = mc;
    }

    /** Factorises a copy of {@code a}; throws {@link ArithmeticException} if it is singular. */
    static DenseLu of(BigDecimal[][] a, MathContext mc) {
        int n = a.length;
        BigDecimal[][] m = new BigDecimal[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] cols = new int[n];
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (m[i][k].signum() != 0 && m[i][k].abs().compareTo(m[p][k].abs()) > 0) {
                    p = i;
                }
            }
            if (m[p][k].signum() == 0) {
                throw new ArithmeticException("singular matrix at column " + k);
            }
            if (p != k) {
                BigDecimal[] row = m[p];
                m[p] = m[k];
                m[k] = row;
                int t = perm[p];
                perm[p] = perm[k];
                perm[k] = t;
            }
            BigDecimal[] pivotRow = m[k];
            int nc = 0;
            for (int j = k + 1; j < n; j++) {
                if (pivotRow[j].signum() != 0) {
                    cols[nc++] = j;
                }
            }
            for (int i = k + 1; i < n; i++) {
                BigDecimal[] row = m[i];
                if (row[k].signum() == 0) {
                    continue;
                }
                BigDecimal f = row[k].divide(pivotRow[k], mc);
                row[k] = f;
                for (int c = 0; c < nc; c++) {
                    int j = cols[c];
                    row[j] = row[j].subtract(f.multiply(pivotRow[j], mc), mc);
                }
            }
        }
        return new DenseLu(m, perm, mc);
    }

    /** Solves A x = b. */
    BigDecimal[] solve(BigDecimal[] b) {
        BigDecimal[] x = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            x[i] = b[perm[i]];
        }
        for (int i = 0; i < n; i++) {
            BigDecimal s = x[i];
            for (int j = 0; j < i; j++) {
                if (lu[i][j].signum() != 0 && x[j].signum() != 0) {
                    s = s.subtract(lu[i][j].multiply(x[j], mc), mc);
                }
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            BigDecimal s = x[i];
            for (int j = i + 1; j < n; j++) {
                if (lu[i][j].signum() != 0 && x[j].signum() != 0) {
                    s = s.subtract(lu[i][j].multiply(x[j], mc), mc);
                }
            }
            x[i] = s.divide(lu[i][i], mc);
        }
        return x;
    }
}
