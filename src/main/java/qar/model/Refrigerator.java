package qar.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the paper's rate equation as a {@link JumpProcess}: reservoirs c, h, w in that order,
 * energies in quanta of Omega. Odd N: levels a = 1/2 ... N/2 (index i = a - 1/2). Even N (App. A.2):
 * levels m = 0 ... N/2 (index i = m), |v_0> = |j,0> and |v_m> = (|j,m> + |j,-m>)/sqrt(2), E = Omega m^2.
 *
 * <p>Even-N matrix elements (j = N/2 integer, alpha+-(m) = sqrt(j(j+1) - m(m +- 1)), derived from
 * Jx = (J+ + J-)/2 on the symmetric pairs): for m >= 1 they are those of the odd case,
 * |<v_{m+1}|Jx|v_m>|^2 = alpha+(m)^2 / 4 and |<v_{m+2}|Jx^2|v_m>|^2 = alpha+(m+1)^2 alpha+(m)^2 / 16.
 * The level m = 0 has no partner: J+|j,0> and J-|j,0> land on |j,1> and |j,-1> with the same
 * alpha(0), which add up in <v_1| with one 1/sqrt(2) instead of two, so its couplings carry an extra
 * sqrt(2): |<v_1|Jx|v_0>|^2 = 2 alpha+(0)^2 / 4 = j(j+1)/2 and |<v_2|Jx^2|v_0>|^2 =
 * 2 alpha+(1)^2 alpha+(0)^2 / 16. The fold (Jx^2 taking |j,1> to |j,-1>) stays inside |v_1>: a
 * diagonal element, no jump, so unlike the odd case there is no fold pair. (Eq. (C1) read for even
 * N and a = 1 gains only half the flux that a = 0 loses; the factor 2 above conserves probability.)
 */
public final class Refrigerator {
    public static final int COLD = 0;
    public static final int HOT = 1;
    public static final int WORK = 2;
    public static final List<String> NAMES = List.of("c", "h", "w");

    private Refrigerator() {
    }

    /**
     * @throws InvalidParameterException where the parameters drive a gap or a rate beyond the doubles
     *         (see {@link RateCheck}), naming the parameters responsible
     */
    public static JumpProcess process(ModelParameters p) {
        List<Channel> out = p.kind() == ModelKind.FULL ? full(p) : reduced(p);
        int d = p.kind() == ModelKind.FULL ? p.levels() : 3;
        RateCheck.zeros(p, d, out);
        return JumpProcess.of(d, p.omega(), reservoirs(p), out);
    }

    /** E_i - E_k in quanta of Omega for odd N, exact: (a^2 - b^2) = (i - k)(i + k + 1). */
    public static long gap(int i, int k) {
        return (long) (i - k) * (i + k + 1);
    }

    /** E_i - E_k in quanta of Omega for N spins: odd N as {@link #gap(int, int)}, even N i^2 - k^2. */
    public static long gap(int n, int i, int k) {
        return n % 2 != 0 ? gap(i, k) : (long) (i - k) * (i + k);
    }

    /** Number of levels of the sector: (N + 1)/2 for odd N, N/2 + 1 for even N. */
    public static int levels(int n) {
        return n % 2 != 0 ? (n + 1) / 2 : n / 2 + 1;
    }

    /**
     * |<v_{i+1}|Jx|v_i>|^2 = (j(j+1) - a(a+1)) / 4 with a = i + 1/2 (odd N) or a = i (even N, twice
     * that for i = 0); exact integer arithmetic inside.
     */
    public static double jxSquared(int n, int i) {
        return ladder(n, i) / 16.0 * zeroFactor(n, i);
    }

    /** |<v_{i+2}|Jx^2|v_i>|^2 (even N: twice the pair formula for i = 0). */
    public static double jx2Squared(int n, int i) {
        return ladder(n, i + 1) / 4.0 * (ladder(n, i) / 4.0) / 16.0 * zeroFactor(n, i);
    }

    /**
     * |<v_{1/2}|Jx^2|v_{3/2}>|^2 for odd N: the fold pair, (j + 1/2)^2 (j(j+1) - 3/4) / 16. Even N has
     * no fold pair (the fold is diagonal in |v_1>): 0.
     */
    public static double foldSquared(int n) {
        if (n % 2 == 0) {
            return 0;
        }
        double jHalf = (n + 1) / 2.0;
        return jHalf * jHalf * (ladder(n, 0) / 4.0) / 16.0;
    }

    /**
     * 4 (j(j+1) - a(a+1)), computed exactly: for odd N, a = i + 1/2, N(N+2) - (2i+1)(2i+3); for even
     * N, a = i, N(N+2) - 4i(i+1).
     */
    private static double ladder(int n, int i) {
        long a = n % 2 != 0 ? (long) (2 * i + 1) * (2 * i + 3) : 4L * i * (i + 1);
        return (double) ((long) n * (n + 2) - a);
    }

    /** The sqrt(2)^2 of the unpartnered level m = 0 (even N, i = 0); 1 elsewhere. */
    private static double zeroFactor(int n, int i) {
        return n % 2 == 0 && i == 0 ? 2 : 1;
    }

    private static List<Reservoir> reservoirs(ModelParameters p) {
        return List.of(new Reservoir(NAMES.get(COLD), p.cold().beta(), Reservoir.Role.COLD),
                new Reservoir(NAMES.get(HOT), p.hot().beta(), Reservoir.Role.HOT),
                new Reservoir(NAMES.get(WORK), p.work().beta(), Reservoir.Role.WORK));
    }

    private static List<Channel> full(ModelParameters p) {
        int d = p.levels();
        List<Channel> out = new ArrayList<>(10 * d);
        for (int i = 0; i + 1 < d; i++) {
            pair(out, p, i, i + 1, COLD);
            pair(out, p, i, i + 1, WORK);
        }
        if (d >= 2 && p.n() % 2 != 0) {
            pair(out, p, 0, 1, HOT);
        }
        for (int i = 0; i + 2 < d; i++) {
            pair(out, p, i, i + 2, HOT);
        }
        return out;
    }

    /**
     * App. G: three levels, each pair driven by one bath at the peak height Gbar of its spectral
     * density (the ideal limit delta -> 0, eps on resonance). Couplings come from the same matrix
     * elements as the full model, i.e. with j(j+1), not the misprinted N/2 (N/2 - 1) of eq. (G2).
     */
    private static List<Channel> reduced(ModelParameters p) {
        List<Channel> out = new ArrayList<>(6);
        pair(out, p, 0, 1, COLD);
        pair(out, p, 1, 2, WORK);
        pair(out, p, 0, 2, HOT);
        return out;
    }

    /**
     * Both directions between levels lo < hi through reservoir r: down emits the gap into the bath.
     * A bath that is off (Gbar = 0) has no jumps, whatever its Bose factor.
     *
     * @throws InvalidParameterException where the gap or the down-rate is infinite or NaN
     */
    private static void pair(List<Channel> out, ModelParameters p, int lo, int hi, int r) {
        if (RateCheck.bath(p, r).gamma() == 0) {
            return;
        }
        long q = gap(p.n(), hi, lo);
        double down = rate(p, r, lo, hi, true);
        if (!Double.isFinite(q * p.omega()) || !Double.isFinite(down)) {
            throw RateCheck.refusal(p, r, lo, hi);
        }
        out.add(new Channel(hi, lo, r, down, -q));
        out.add(new Channel(lo, hi, r, rate(p, r, lo, hi, false), q));
    }

    /**
     * The rate of the jump hi -> lo ({@code down}) or lo -> hi through reservoir r: eq. (4) times
     * the coupling of eq. (7) in the full model, Geff (1 + n) or Geff n in the reduced one.
     */
    static double rate(ModelParameters p, int r, int lo, int hi, boolean down) {
        Bath bath = RateCheck.bath(p, r);
        double w = gap(p.n(), hi, lo) * p.omega();
        if (p.kind() == ModelKind.FULL) {
            return bath.rateFactor(down ? w : -w) * coupling(p.n(), r, lo, hi);
        }
        return effectiveCoupling(p, r) * bath.bose(down ? w : -w);
    }

    /** |<v_lo|A_r|v_hi>|^2 in the full model: A_c = A_w = Jx, A_h = Jx^2 / N (the fold pair for 1/2, 3/2). */
    private static double coupling(int n, int r, int lo, int hi) {
        if (r != HOT) {
            return jxSquared(n, lo);
        }
        double nn = (double) n * n;
        return (hi - lo == 1 ? foldSquared(n) : jx2Squared(n, lo)) / nn;
    }

    /** Geff of App. G for reservoir r: Gbar times the matrix element of the full model. */
    private static double effectiveCoupling(ModelParameters p, int r) {
        int n = p.n();
        return switch (r) {
            case COLD -> p.cold().gamma() * jxSquared(n, 0);
            case WORK -> p.work().gamma() * jxSquared(n, 1);
            default -> p.hot().gamma() * jx2Squared(n, 0) / ((double) n * n);
        };
    }
}
