package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The shared shifted Taylor series against closed forms. */
class PropagatorTest {
    @Test
    void termsIsTheFirstBoundAtOrBelowTheTolerance() {
        // 0.5^15 / 15! = 2.3e-17 > 2^-56 = 1.4e-17 >= 0.5^16 / 16! = 7.3e-19
        assertEquals(16, Propagator.terms(0.5));
        assertEquals(1, Propagator.terms(0));
        for (double theta : new double[] {1e-3, 0.3, 1, 7.5, 100}) {
            int n = Propagator.terms(theta);
            double bound = 1;
            for (int k = 1; k < n; k++) {
                bound *= theta / k;
            }
            assertEquals(true, bound > Propagator.TAYLOR_TOL, "theta " + theta);
            assertEquals(true, bound * theta / n <= Propagator.TAYLOR_TOL, "theta " + theta);
        }
    }

    /**
     * Two levels, rates a (0 -> 1) and b (1 -> 0), shifted by mu = a: exp(T) = e^{mu} exp(L) with
     * exp(L) = pi 1^T + e^{-(a + b)} (I - pi 1^T), pi = (b, a) / (a + b); each entry is a sum of
     * positive terms, so 8 ulps cover the rounding of the series (16 terms), of e^{-mu} and of the
     * closed form.
     */
    @Test
    void realSeriesIsTheExponentialOfATwoLevelGenerator() {
        double a = 0.3;
        double b = 0.1;
        double mu = a;
        // T = L + mu I, row-major (to, from): T00 = mu - a, T01 = b, T10 = a, T11 = mu - b
        Propagator t = Propagator.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1},
                new double[] {mu - a, b, a, mu - b}, null);
        double[][] s = t.taylor(2, 1, a + mu, false);
        assertNull(s[1]);
        double e = Math.exp(-(a + b));
        double f = -Math.expm1(-(a + b));
        double[] pi = {b / (a + b), a / (a + b)};
        double[] expected = {pi[0] + e * (1 - pi[0]), pi[0] * f, pi[1] * f, pi[1] + e * (1 - pi[1])};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], s[0][i] * Math.exp(-mu), 8 * Math.ulp(expected[i]), "entry " + i);
        }
    }

    /**
     * exp(i phi J), J = [[0, -1], [1, 0]], from the series at phi / 4 and two squarings: each
     * squaring doubles the relative error of the series (about 2 u), so 16 u bounds it.
     */
    @Test
    void complexSeriesAndSquaringGiveARotation() {
        double phi = 0.4;
        // i phi J as a complex matrix: real part 0, imaginary part phi J
        Propagator t = Propagator.of(new int[] {0, 1}, new int[] {1, 0}, new double[] {0, 0},
                new double[] {-phi / 4, phi / 4});
        double[][] s = t.taylor(2, 1, phi / 4, true);
        double[] re = s[0];
        double[] im = s[1];
        double[] r2 = new double[4];
        double[] i2 = new double[4];
        for (int q = 0; q < 2; q++) {
            Propagator.square(re, im, r2, i2, 2);
            re = r2.clone();
            im = i2.clone();
        }
        // exp(i phi J) = cosh(phi) I + i sinh(phi) J, since (i J)^2 = -J^2 = I
        assertEquals(Math.cosh(phi), re[0], 16 * Math.ulp(1.0));
        assertEquals(Math.cosh(phi), re[3], 16 * Math.ulp(1.0));
        assertEquals(-Math.sinh(phi), im[1], 16 * Math.ulp(1.0));
        assertEquals(Math.sinh(phi), im[2], 16 * Math.ulp(1.0));
        assertEquals(0, re[1], 0);
        assertEquals(0, im[0], 0);
    }

    @Test
    void mismatchedEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Propagator.of(new int[] {0}, new int[] {0, 1}, new double[] {1}, null));
    }
}
