package qar.exact;

/**
 * The one Grassmann-Taksar-Heyman elimination of the package, in double-double on the band of a
 * generator, with optional leaks (rates out of the chain: the watched jumps of a waiting time).
 * Levels are eliminated from the top down; each pivot is the censored chain's escape rate to lower
 * levels plus its censored leak, a sum of positive terms, so no step subtracts. Used by
 * {@link GthFactorization} (no leaks: the stationary state and the Drazin solves) and
 * {@link WaitingMoments} (leaks: (-R0)^-1); {@link WideGth} is the same elimination carrying
 * exponents, for chains that underflow here.
 */
final class GthElimination {
    /** No digits lost. */
    static final int CLEAN = 0;
    /** Digits lost to underflow at the levels flagged. */
    static final int LOSS = 1;
    /** A pivot came out zero after a loss: possibly a path lost to underflow. */
    static final int CUT = -1;

    private GthElimination() {
    }

    /**
     * Eliminates in place. On entry (interleaved double-double, {@link DoubleDouble}) down[n*w + k-1]
     * holds the rate n -> n-k, up[n*w + k-1] the rate n-k -> n, and leak[n] the rate out of the
     * chain from n; on return down holds the censored probabilities n -> n-k, up the censored rates,
     * leak[n] the censored probability of leaving from n, and pivot[n] the censored escape. Without
     * leaks (null) levels d-1 .. 1 are eliminated, with leaks d-1 .. 0, skipping levels not
     * {@code live} (which must have no rates).
     *
     * @param lossAt null not to watch; else receives the levels where a nonzero censored
     *               probability or rate came below {@link GthFactorization#TINY}
     * @return {@link #CLEAN}, {@link #LOSS} or {@link #CUT}
     * @throws IllegalArgumentException where a live level has no way down (and nothing was lost)
     */
    static int eliminate(int d, int w, double[] down, double[] up, double[] leak, boolean[] live, double[] pivot,
            boolean[] lossAt) {
        boolean watch = lossAt != null;
        boolean tiny = false;
        DoubleDouble r = new DoubleDouble();
        DoubleDouble s = new DoubleDouble();
        for (int n = d - 1; n >= (leak == null ? 1 : 0); n--) {
            if (live != null && !live[n]) {
                continue;
            }
            int lo = Math.max(0, n - w);
            int row = n * w - 1;
            s.set(0);
            for (int j = lo; j < n; j++) {
                s.add(down, row + n - j);
            }
            if (leak != null) {
                s.add(leak, n);
            }
            if (!(s.hi > 0)) {
                if (watch && tiny) {
                    return CUT; // possibly a path lost to underflow: not a proof of a cut
                }
                throw new IllegalArgumentException(leak == null ? "level " + n
                        + " cannot reach the levels below it: the stationary state is not unique"
                        : "level " + n + " cannot leave the chain");
            }
            s.store(pivot, n);
            boolean lost = false;
            for (int k = 1; k <= n - lo; k++) {
                lost |= divide(down, row + k, s, r, watch);
            }
            if (leak != null) {
                lost |= divide(leak, n, s, r, watch);
            }
            if (lost) {
                tiny = true;
                lossAt[n] = true;
            }
            // censor level n: every path i -> n -> j becomes a rate i -> j, i -> n -> out a leak of i
            for (int i = lo; i < n; i++) {
                double gh = up[2 * (row + n - i)];
                double gl = up[2 * (row + n - i) + 1];
                if (gh == 0) {
                    continue;
                }
                for (int j = lo; j < n; j++) {
                    if (j != i) {
                        r.set(gh, gl).multiply(down, row + n - j);
                        // gh > 0: a product below TINY is an underflow unless the probability is 0
                        if (watch && r.hi < GthFactorization.TINY && down[2 * (row + n - j)] != 0) {
                            tiny = true;
                            lossAt[n] = true;
                        }
                        if (j < i) {
                            r.addTo(down, i * w + i - j - 1);
                        } else {
                            r.addTo(up, j * w + j - i - 1);
                        }
                    }
                }
                if (leak != null && leak[2 * n] != 0) {
                    r.set(gh, gl).multiply(leak, n);
                    if (watch && r.hi < GthFactorization.TINY) {
                        tiny = true;
                        lossAt[n] = true;
                    }
                    r.addTo(leak, i);
                }
            }
        }
        return tiny ? LOSS : CLEAN;
    }

    /** v[i] /= s; whether a nonzero entry came below TINY (then kept at the least double). */
    private static boolean divide(double[] v, int i, DoubleDouble s, DoubleDouble r, boolean watch) {
        boolean nonzero = v[2 * i] != 0;
        r.load(v, i).divide(s.hi, s.lo).store(v, i);
        if (watch && nonzero && r.hi < GthFactorization.TINY) {
            if (r.hi == 0) {
                v[2 * i] = Double.MIN_VALUE; // keep the path, within its rounding
            }
            return true;
        }
        return false;
    }
}
