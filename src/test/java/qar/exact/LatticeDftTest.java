package qar.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFT against a closed form: a geometric P(n) = (1 - q) q^n, n >= 0, aliased mod m, is
 * (1 - q) q^(n mod m) / (1 - q^m), and its spectrum sum_n P(n) e^{i chi n} is (1 - q) / (1 - q e^{i chi}),
 * both to a few ulps. JTransforms stays within 3 ulps of the largest value on these (m = 65536
 * and q = 0.9: 1 ulp, where the O(m^2) sum it replaced had 70, and commons-math3's radix 2 with
 * Bluestein for other m had up to 933 at m = 6002).
 */
class LatticeDftTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 6, 32, 34, 1000, 1024, 4096, 6002, 65536, 2 * 32749, 2 * 3 * 5 * 7 * 11})
    void matchesTheAliasedGeometricDistribution(int m) {
        for (double q : new double[] {0.3, 0.9, 0.999}) {
            double[][] spectrum = new double[2][m / 2 + 1];
            for (int j = 0; j <= m / 2; j++) {
                double chi = 2 * Math.PI * j / m;
                // 1 - q cos chi without cancellation near chi = 0
                double half = Math.sin(chi / 2);
                double dr = (1 - q) + 2 * q * half * half;
                double di = -q * Math.sin(chi);
                double den = dr * dr + di * di;
                spectrum[0][j] = (1 - q) * dr / den;
                spectrum[1][j] = -(1 - q) * di / den;
            }
            for (long centre : new long[] {m / 2, -7 * (long) m + 3}) {
                double[] ps = LatticeDft.dft(spectrum, m, centre);
                // 1 - q^m without cancellation; 1 - q is exact for q >= 0.5
                double norm = -Math.expm1(m * Math.log1p(-(1 - q)));
                double largest = (1 - q) / norm;
                double err = 0;
                for (int r = 0; r < m; r++) {
                    long n = Math.floorMod(centre - m / 2 + r, (long) m);
                    double exact = (1 - q) * Math.pow(q, n) / norm;
                    err = Math.max(err, Math.abs(ps[r] - exact));
                }
                double ulps = err / Math.ulp(largest);
                assertTrue(ulps <= 8, "m " + m + " q " + q + " centre " + centre + ": " + ulps + " ulps");
            }
        }
    }
}
