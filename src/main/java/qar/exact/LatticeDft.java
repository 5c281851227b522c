package qar.exact;

/**
 * The inverse transform from M(s + i chi_j) / M(s) on m points chi_j = 2 pi j / m to the tilted
 * P_s(n) on a window of m lattice points. Pitfall: aliased mod m, and its error is absolute, a few
 * ulps of the largest P_s.
 */
final class LatticeDft {
    private LatticeDft() {
    }

    /** P_s on the window centre - m/2 .. centre + m/2 - 1 (lattice steps), aliased mod m. */
    static double[] dft(double[][] spectrum, int m, long centre) {
        double[] re = spectrum[0];
        double[] im = spectrum[1];
        double[] cos = new double[m];
        double[] sin = new double[m];
        for (int k = 0; k < m; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        double[] ps = new double[m];
        for (int r = 0; r < m; r++) {
            int nm = (int) Math.floorMod(centre - m / 2 + r, (long) m);
            // sum over j = -m/2+1 .. m/2 of r_j e^{-2 pi i j n / m}, by conjugate symmetry
            double acc = re[0];
            for (int j = 1; j < m / 2; j++) {
                int idx = (int) ((long) j * nm % m);
                acc += 2 * (re[j] * cos[idx] + im[j] * sin[idx]);
            }
            int idx = (int) ((long) (m / 2) * nm % m);
            acc += re[m / 2] * cos[idx] + im[m / 2] * sin[idx];
            ps[r] = acc / m;
        }
        return ps;
    }
}
