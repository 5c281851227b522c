package qar.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the paper's rate equation as a {@link JumpProcess}: levels a = 1/2 ... N/2 (index
 * i = a - 1/2), reservoirs c, h, w in that order, energies in quanta of Omega.
 */
public final class Refrigerator {
    public static final int COLD = 0;
    public static final int HOT = 1;
    public static final int WORK = 2;
    public static final List<String> NAMES = List.of("c", "h", "w");

    private Refrigerator() {
    }

    public static JumpProcess process(ModelParameters p) {
        return p.kind() == ModelKind.FULL ? full(p) : reduced(p);
    }

    /** E_i - E_k in quanta of Omega, exact: (a^2 - b^2) = (i - k)(i + k + 1). */
    public static long gap(int i, int k) {
        return (long) (i - k) * (i + k + 1);
    }

    /** |<v_{i+1}|Jx|v_i>|^2 = (j(j+1) - a(a+1)) / 4 with a = i + 1/2; exact integer arithmetic inside. */
    public static double jxSquared(int n, int i) {
        return ladder(n, i) / 16.0;
    }

    /** |<v_{i+2}|Jx^2|v_i>|^2. */
    public static double jx2Squared(int n, int i) {
        return ladder(n, i + 1) / 4.0 * (ladder(n, i) / 4.0) / 16.0;
    }

    /** |<v_{1/2}|Jx^2|v_{3/2}>|^2: the fold pair, (j + 1/2)^2 (j(j+1) - 3/4) / 16. */
    public static double foldSquared(int n) {
        double jHalf = (n + 1) / 2.0;
        return jHalf * jHalf * (ladder(n, 0) / 4.0) / 16.0;
    }

    /** 4 (j(j+1) - a(a+1)) for a = i + 1/2, computed exactly: N(N+2) - (2i+1)(2i+3). */
    private static double ladder(int n, int i) {
        return (double) ((long) n * (n + 2) - (long) (2 * i + 1) * (2 * i + 3));
    }

    private static List<Reservoir> reservoirs(ModelParameters p) {
        return List.of(new Reservoir("c", p.cold().beta()),
                new Reservoir("h", p.hot().beta()),
                new Reservoir("w", p.work().beta()));
    }

    private static JumpProcess full(ModelParameters p) {
        int n = p.n();
        int d = p.levels();
        double nn = (double) n * n;
        List<Channel> out = new ArrayList<>(10 * d);
        for (int i = 0; i + 1 < d; i++) {
            double m2 = jxSquared(n, i);
            pair(out, p, i, i + 1, COLD, p.cold(), m2);
            pair(out, p, i, i + 1, WORK, p.work(), m2);
        }
        if (d >= 2) {
            pair(out, p, 0, 1, HOT, p.hot(), foldSquared(n) / nn);
        }
        for (int i = 0; i + 2 < d; i++) {
            pair(out, p, i, i + 2, HOT, p.hot(), jx2Squared(n, i) / nn);
        }
        return JumpProcess.of(d, p.omega(), reservoirs(p), out);
    }

    /** Both directions between levels lo < hi through one bath: down emits the gap into the bath. */
    private static void pair(List<Channel> out, ModelParameters p, int lo, int hi, int r, Bath bath, double m2) {
        long q = gap(hi, lo);
        double w = q * p.omega();
        out.add(new Channel(hi, lo, r, bath.rateFactor(w) * m2, -q));
        out.add(new Channel(lo, hi, r, bath.rateFactor(-w) * m2, q));
    }

    /**
     * App. G: three levels, each pair driven by one bath at the peak height Gbar of its spectral
     * density (the ideal limit delta -> 0, eps on resonance). Couplings come from the same matrix
     * elements as the full model, i.e. with j(j+1), not the misprinted N/2 (N/2 - 1) of eq. (G2).
     */
    private static JumpProcess reduced(ModelParameters p) {
        int n = p.n();
        double nn = (double) n * n;
        List<Channel> out = new ArrayList<>(6);
        ideal(out, p, 0, 1, COLD, p.cold(), p.cold().gamma() * jxSquared(n, 0));
        ideal(out, p, 1, 2, WORK, p.work(), p.work().gamma() * jxSquared(n, 1));
        ideal(out, p, 0, 2, HOT, p.hot(), p.hot().gamma() * jx2Squared(n, 0) / nn);
        return JumpProcess.of(3, p.omega(), reservoirs(p), out);
    }

    private static void ideal(List<Channel> out, ModelParameters p, int lo, int hi, int r, Bath bath, double geff) {
        long q = gap(hi, lo);
        double w = q * p.omega();
        out.add(new Channel(hi, lo, r, geff * bath.bose(w), -q));
        out.add(new Channel(lo, hi, r, geff * bath.bose(-w), q));
    }
}
