package qar.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import qar.exact.oracle.MatrixExponential;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The exact finite-time cumulant rates <<Q_T^n>> / T (n = 1..4) of the energy Q_T from each
 * reservoir, for a stationary start: the yardstick of the coverage campaign. (Not kappa_n + g_n / T:
 * at T of a few correlation times that formula is far off, e.g. kappa_4 of h at N = 7, T = 200.)
 *
 * <p>Method: with the tilted generator L(s) (off-diagonal rates times e^(s E)), centred by the mean
 * rate mu (L(s) - s mu), the Taylor coefficients F_n(t) = (1/n!) d^n/ds^n exp(L(s) t) pi at s = 0
 * obey F_n' = sum_m L^(m)/m! F_(n-m), F_0(0) = pi, F_n(0) = 0: a block lower-triangular Toeplitz
 * system whose exponential (Taylor series with scaling and squaring, in 60-digit BigDecimal, since
 * the state spaces here are a few levels) gives the central moments n! 1^T F_n(T), and from them the
 * cumulants. Slow (dense, (5d)^3 per squaring) but free of any cancellation worry; test/bench scope.
 */
public final class FiniteTimeTruth {
    private static final MathContext MC = new MathContext(60);
    private static final int ORDER = 4;

    private FiniteTimeTruth() {
    }

    /**
     * @param stationary the stationary state of the process
     * @return [reservoir][n-1] the cumulant rates of Q_T / T in energy units (energyUnit^n)
     */
    public static double[][] cumulantRates(JumpProcess process, double[] stationary, double duration) {
        int r = process.reservoirs().size();
        double[][] out = new double[r][];
        for (int res = 0; res < r; res++) {
            out[res] = cumulantRates(process, stationary, duration, res);
        }
        return out;
    }

    static double[] cumulantRates(JumpProcess process, double[] stationary, double duration, int reservoir) {
        int d = process.dimension();
        int m = (ORDER + 1) * d;
        BigDecimal[] pi = new BigDecimal[d];
        for (int i = 0; i < d; i++) {
            pi[i] = new BigDecimal(stationary[i]);
        }
        BigDecimal mu = BigDecimal.ZERO;
        for (Channel c : process.channels()) {
            if (c.reservoir() == reservoir) {
                mu = mu.add(new BigDecimal(c.rate()).multiply(BigDecimal.valueOf(c.energy())).multiply(pi[c.from()]),
                        MC);
            }
        }
        // derivative blocks D[k] = L^(k) / k!
        BigDecimal[][][] blocks = new BigDecimal[ORDER + 1][d][d];
        for (int k = 0; k <= ORDER; k++) {
            for (BigDecimal[] row : blocks[k]) {
                java.util.Arrays.fill(row, BigDecimal.ZERO);
            }
        }
        for (Channel c : process.channels()) {
            BigDecimal rate = new BigDecimal(c.rate());
            blocks[0][c.to()][c.from()] = blocks[0][c.to()][c.from()].add(rate, MC);
            blocks[0][c.from()][c.from()] = blocks[0][c.from()][c.from()].subtract(rate, MC);
            if (c.reservoir() == reservoir && c.energy() != 0) {
                BigDecimal e = BigDecimal.valueOf(c.energy());
                BigDecimal term = rate;
                BigDecimal fact = BigDecimal.ONE;
                for (int k = 1; k <= ORDER; k++) {
                    term = term.multiply(e, MC);
                    fact = fact.multiply(BigDecimal.valueOf(k));
                    blocks[k][c.to()][c.from()] = blocks[k][c.to()][c.from()].add(term.divide(fact, MC), MC);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            blocks[1][i][i] = blocks[1][i][i].subtract(mu, MC);
        }
        BigDecimal t = new BigDecimal(duration);
        BigDecimal[][] a = new BigDecimal[m][m];
        for (int bi = 0; bi <= ORDER; bi++) {
            for (int bj = 0; bj <= ORDER; bj++) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[bi * d + i][bj * d + j] = bj <= bi ? blocks[bi - bj][i][j] : BigDecimal.ZERO;
                    }
                }
            }
        }
        BigDecimal[][] e = MatrixExponential.exp(a, t, MC);
        // F_n(T) = block (n, 0) of exp(A T) times pi; raw central moments n! 1^T F_n
        BigDecimal[] moment = new BigDecimal[ORDER + 1];
        BigDecimal fact = BigDecimal.ONE;
        for (int n = 0; n <= ORDER; n++) {
            if (n > 0) {
                fact = fact.multiply(BigDecimal.valueOf(n));
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    sum = sum.add(e[n * d + i][j].multiply(pi[j], MC), MC);
                }
            }
            moment[n] = sum.multiply(fact, MC);
        }
        // moments of Y = Q_T - mu T (normalised by m0 = 1^T pi); cumulants from moments
        BigDecimal m0 = moment[0];
        BigDecimal m1 = moment[1].divide(m0, MC);
        BigDecimal m2 = moment[2].divide(m0, MC);
        BigDecimal m3 = moment[3].divide(m0, MC);
        BigDecimal m4 = moment[4].divide(m0, MC);
        BigDecimal k2 = m2.subtract(m1.pow(2), MC);
        BigDecimal k3 = m3.subtract(BigDecimal.valueOf(3).multiply(m2).multiply(m1), MC)
                .add(BigDecimal.valueOf(2).multiply(m1.pow(3)), MC);
        BigDecimal k4 = m4.subtract(BigDecimal.valueOf(4).multiply(m3).multiply(m1), MC)
                .subtract(BigDecimal.valueOf(3).multiply(m2.pow(2)), MC)
                .add(BigDecimal.valueOf(12).multiply(m2).multiply(m1.pow(2)), MC)
                .subtract(BigDecimal.valueOf(6).multiply(m1.pow(4)), MC);
        BigDecimal k1 = mu.multiply(t, MC).add(m1, MC);
        double u = process.energyUnit();
        BigDecimal[] k = {k1, k2, k3, k4};
        double[] out = new double[ORDER];
        for (int n = 0; n < ORDER; n++) {
            out[n] = k[n].divide(t, MC).doubleValue() * Math.pow(u, n + 1);
        }
        return out;
    }
}
