package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closed-form matrix elements of {@link Refrigerator} against a direct construction: Jx and Jz
 * for spin j = N/2 as dense matrices from J+|j,m> = sqrt(j(j+1) - m(m+1)) |j,m+1>, the even-parity
 * vectors |v> = (|j,m> + |j,-m>)/sqrt(2) (and |v_0> = |j,0> for even N), and <v_a|Jx|v_b>,
 * <v_a|Jx^2|v_b> by matrix products. Every element is a sum of a few products of square roots of
 * integers below N^2, so the construction is good to a few ulps of its largest element (about N^4 / 16
 * for Jx^2): tolerance 1e-13 relative to that scale.
 */
class EvenSectorTest {

    /** Dense Jx and Jz for spin j = n/2; basis index k = m + j (m = -j ... j). */
    private static double[][][] spin(int n) {
        int dim = n + 1;
        double j = n / 2.0;
        double[][] jx = new double[dim][dim];
        double[][] jz = new double[dim][dim];
        for (int k = 0; k < dim; k++) {
            double m = k - j;
            jz[k][k] = m;
            if (k + 1 < dim) {
                double up = Math.sqrt(j * (j + 1) - m * (m + 1)); // <m+1|J+|m>
                jx[k + 1][k] = up / 2;
                jx[k][k + 1] = up / 2;
            }
        }
        return new double[][][] {jx, jz};
    }

    private static double[][] times(double[][] a, double[][] b) {
        int d = a.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int l = 0; l < d; l++) {
                    c[i][l] += a[i][k] * b[k][l];
                }
            }
        }
        return c;
    }

    /** The sector's vectors: level i is m = i (even N) or m = i + 1/2 (odd N). */
    private static double[][] sector(int n) {
        int levels = Refrigerator.levels(n);
        double[][] v = new double[levels][n + 1];
        for (int i = 0; i < levels; i++) {
            // index of +m is m + j; of -m is j - m; with 2j = n: (n + 2m)/2 and (n - 2m)/2
            int twoM = n % 2 == 0 ? 2 * i : 2 * i + 1;
            int plus = (n + twoM) / 2;
            int minus = (n - twoM) / 2;
            if (plus == minus) {
                v[i][plus] = 1;
            } else {
                v[i][plus] = Math.sqrt(0.5);
                v[i][minus] = Math.sqrt(0.5);
            }
        }
        return v;
    }

    private static double element(double[] a, double[][] m, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            for (int l = 0; l < b.length; l++) {
                s += a[k] * m[k][l] * b[l];
            }
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 12, 15, 20, 31})
    void closedFormsMatchSpinMatrices(int n) {
        double[][][] s = spin(n);
        double[][] jx = s[0];
        double[][] jx2 = times(jx, jx);
        double[][] jz2 = times(s[1], s[1]);
        double[][] v = sector(n);
        int d = v.length;
        assertEquals(n % 2 == 0 ? n / 2 + 1 : (n + 1) / 2, d);
        double scale = Math.pow(n + 1.0, 4) / 16;
        for (int a = 0; a < d; a++) {
            // E_a = Omega m^2: the energy of level a minus that of level 0 is the gap
            double e = element(v[a], jz2, v[a]) - element(v[0], jz2, v[0]);
            assertEquals(Refrigerator.gap(n, a, 0), e, 1e-12 * n * n, "energy of level " + a);
            for (int b = a + 1; b < d; b++) {
                double x = element(v[a], jx, v[b]);
                double x2 = element(v[a], jx2, v[b]);
                double wantX = b - a == 1 ? Refrigerator.jxSquared(n, a) : 0;
                double wantX2 = b - a == 2 ? Refrigerator.jx2Squared(n, a)
                        : a == 0 && b == 1 ? Refrigerator.foldSquared(n) : 0;
                String at = "N = " + n + ", levels " + a + ", " + b;
                assertEquals(wantX, x * x, 1e-13 * scale, "|<v_a|Jx|v_b>|^2, " + at);
                assertEquals(wantX2, x2 * x2, 1e-13 * scale * scale, "|<v_a|Jx^2|v_b>|^2, " + at);
            }
        }
    }

    /** Every channel of the even-N process: the energy m^2 - m'^2 and the rate gamma(w) |<A>|^2 directly. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 10})
    void evenProcessIsBuiltFromTheDirectConstruction(int n) {
        ModelParameters p = new ModelParameters(ModelKind.FULL, n, 1.0,
                new Bath(2.0, 1.0, 0.5, 1.0), new Bath(1.0, 4.0, 0.5, 1.0), new Bath(0.1, 3.0, 0.5, 1.0));
        JumpProcess process = Refrigerator.process(p);
        assertEquals(n / 2 + 1, process.dimension());
        double[][] jx = spin(n)[0];
        double[][] jx2 = times(jx, jx);
        double[][] v = sector(n);
        Bath[] baths = {p.cold(), p.hot(), p.work()};
        Map<String, Channel> byKey = new HashMap<>();
        for (Channel ch : process.channels()) {
            byKey.put(ch.from() + ">" + ch.to() + "@" + ch.reservoir(), ch);
        }
        int expected = 0;
        for (int from = 0; from < v.length; from++) {
            for (int to = 0; to < v.length; to++) {
                if (from == to) {
                    continue;
                }
                for (int r = 0; r < 3; r++) {
                    double a = r == Refrigerator.HOT ? element(v[to], jx2, v[from]) / n : element(v[to], jx, v[from]);
                    double w = (double) from * from - (double) to * to; // energy given to the bath
                    double want = baths[r].rateFactor(w) * a * a;
                    Channel ch = byKey.get(from + ">" + to + "@" + r);
                    if (Math.abs(a) < 1e-9) {
                        assertEquals(null, ch, "no channel " + from + " -> " + to + " via " + r);
                        continue;
                    }
                    expected++;
                    assertEquals(-w, ch.energy(), 0.0, "energy of " + ch);
                    assertEquals(want, ch.rate(), 1e-12 * want, "rate of " + ch);
                }
            }
        }
        assertEquals(expected, process.channels().size());
        assertEquals("0", p.levelName(0));
        assertEquals("3", p.levelName(3));
    }

    @Test
    void reducedModelNeedsOddN() {
        ModelParameters d = ModelParameters.defaults();
        assertThrows(InvalidParameterException.class, () -> d.withKind(ModelKind.REDUCED).withN(6));
        assertThrows(InvalidParameterException.class, () -> d.withN(1));
        assertEquals(2, d.withN(2).levels());
    }

    /**
     * All three baths at one temperature: the even-N refrigerator is in equilibrium, its stationary
     * state exp(-beta m^2) / Z (local detailed balance with the gaps m^2 - m'^2). The stationary
     * solve is subtraction-free (GTH), good to a few ulps per level: tolerance 1e-12 relative.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 20})
    void equalTemperaturesGiveTheGibbsStateOverMSquared(int n) {
        double beta = 0.3;
        ModelParameters p = new ModelParameters(ModelKind.FULL, n, 1.0, new Bath(beta, 1.0, 0.5, 1.0),
                new Bath(beta, 4.0, 0.5, 1.0), new Bath(beta, 3.0, 0.5, 1.0));
        double[] rho = qar.exact.ExactSolver.stationaryState(Refrigerator.process(p));
        double z = 0;
        for (int m = 0; m <= n / 2; m++) {
            z += Math.exp(-beta * m * m);
        }
        for (int m = 0; m <= n / 2; m++) {
            double want = Math.exp(-beta * m * m) / z;
            assertEquals(want, rho[m], 1e-12 * want, "m = " + m);
        }
    }
}
