package qar.exact;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The inverse transform from M(s + i chi_j) / M(s) on m points chi_j = 2 pi j / m to the tilted
 * P_s(n) on a window of m lattice points, by JTransforms' FFT (mixed radix, Bluestein for other m;
 * m here is any even number). Pitfall: aliased mod m, and its error is absolute: a few ulps of
 * the largest P_s (LatticeDftTest: at most 3).
 */
final class LatticeDft {
    static {
        // one thread: the same sums in the same order on every machine, and no pool threads, which
        // are not daemons, to hold the JVM open after main; the ladder's spectrum already uses every core
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private LatticeDft() {
    }

    /** P_s on the window centre - m/2 .. centre + m/2 - 1 (lattice steps), aliased mod m. */
    static double[] dft(double[][] spectrum, int m, long centre) {
        // the full spectrum, interleaved (re, im), by conjugate symmetry r_{m-j} = conj(r_j)
        double[] z = new double[2 * m];
        for (int j = 0; j <= m / 2; j++) {
            z[2 * j] = spectrum[0][j];
            z[2 * j + 1] = spectrum[1][j];
            if (j > 0 && j < m - j) {
                z[2 * (m - j)] = spectrum[0][j];
                z[2 * (m - j) + 1] = -spectrum[1][j];
            }
        }
        // sum_j r_j e^{-2 pi i j n / m}
        new DoubleFFT_1D(m).complexForward(z);
        double[] ps = new double[m];
        for (int r = 0; r < m; r++) {
            ps[r] = z[2 * (int) Math.floorMod(centre - m / 2 + r, (long) m)] / m;
        }
        return ps;
    }
}
