package qar.exact;

import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * Whether the energy counted for a reservoir is an exact function of the level: there is a
 * potential phi with {@code phi(to) - phi(from)} equal to the quanta of every jump of that
 * reservoir and 0 for every jump of the others (e.g. the only reservoir of a chain, whose
 * exchanged energy is minus the system's energy change). Then the count stays bounded and every
 * long-time cumulant is exactly 0. Quanta are integers, so the test is exact.
 */
final class EnergyPotential {
    private EnergyPotential() {
    }

    /**
     * A weighted union-find over the levels: {@code up[a]} is a's parent and {@code off[a]} is
     * phi(a) - phi(up[a]); no object per channel, so it costs two arrays at any size. An overflow
     * of the exact long arithmetic leaves the question undecided: false.
     */
    static boolean bounded(JumpProcess p, int reservoir) {
        int d = p.dimension();
        int[] up = new int[d];
        long[] off = new long[d];
        for (int a = 0; a < d; a++) {
            up[a] = a;
        }
        try {
            for (Channel ch : p.channels()) {
                if (!(ch.rate() > 0)) {
                    continue;
                }
                long q = ch.reservoir() == reservoir ? ch.energy() : 0;
                int ra = root(up, off, ch.from());
                int rb = root(up, off, ch.to());
                // phi(to) - phi(from) must be q; off[x] is now phi(x) - phi(root)
                long gap = Math.subtractExact(Math.addExact(q, off[ch.from()]), off[ch.to()]);
                if (ra == rb) {
                    if (gap != 0) {
                        return false;
                    }
                } else {
                    up[rb] = ra;
                    off[rb] = gap; // phi(rb) - phi(ra)
                }
            }
        } catch (ArithmeticException overflow) {
            return false;
        }
        return true;
    }

    /** The root of a's set, compressing the path so that afterwards off[x] = phi(x) - phi(root) for x on it. */
    private static int root(int[] up, long[] off, int a) {
        int r = a;
        while (up[r] != r) {
            r = up[r];
        }
        // second pass, from a up: each node's offset to the root is its own plus its parent's
        int x = a;
        long total = 0;
        for (int y = x; y != r; y = up[y]) {
            total = Math.addExact(total, off[y]);
        }
        while (x != r) {
            int next = up[x];
            long own = off[x];
            off[x] = total;
            up[x] = r;
            total = Math.subtractExact(total, own);
            x = next;
        }
        return r;
    }
}
