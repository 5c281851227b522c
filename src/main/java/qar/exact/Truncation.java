package qar.exact;

import java.util.ArrayList;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * A process cut to its populated levels, for questions about a window [0, t] from the stationary
 * state. The levels kept are those whose stationary population reaches a floor; jumps into the
 * others are dropped (the cut chain reflects there).
 *
 * <p>Error bound, by coupling: run the full process from its stationary state and the cut one
 * alongside, identical until the full one first jumps into a dropped level. The distributions of
 * anything observed in [0, t] differ in total variation by at most the probability of such a
 * jump, which is at most its expected number, t sum_{kept b} pi_b rate(b -> dropped) (stationary
 * flux), plus the dropped population itself (the cut chain starts from pi restricted and
 * renormalised). The floor is lowered by factors of 10 until that bound is below the tolerance.
 *
 * @param process the cut process (the input itself where nothing can be cut)
 * @param initial its initial distribution: pi restricted to the kept levels, renormalised
 * @param bound   the total-variation bound
 * @param kept    the kept levels, increasing (original indices)
 */
record Truncation(JumpProcess process, double[] initial, double bound, int[] kept) {
    /** Total-variation bound accepted: far below anything qar prints as resolved. */
    static final double TOLERANCE = 1e-60;
    /** Cutting pays only where the chain is large. */
    static final int MIN_DIMENSION = 24;

    static Truncation of(JumpProcess p, double[] pi, double t, double tolerance) {
        int d = p.dimension();
        int[] all = new int[d];
        for (int i = 0; i < d; i++) {
            all[i] = i;
        }
        Truncation none = new Truncation(p, pi.clone(), 0, all);
        if (d < MIN_DIMENSION) {
            return none;
        }
        for (double floor = 1e-30; floor >= 1e-300; floor /= 10) {
            boolean[] keep = new boolean[d];
            double dropped = 0;
            int count = 0;
            for (int b = 0; b < d; b++) {
                keep[b] = pi[b] >= floor;
                if (keep[b]) {
                    count++;
                } else {
                    dropped += pi[b];
                }
            }
            double flux = 0;
            for (Channel ch : p.channels()) {
                if (keep[ch.from()] && !keep[ch.to()]) {
                    flux += pi[ch.from()] * ch.rate();
                }
            }
            double bound = t * flux + dropped;
            if (bound <= tolerance) {
                if (count == d || count < 2) {
                    return none;
                }
                return cut(p, pi, keep, count, bound);
            }
        }
        return none;
    }

    private static Truncation cut(JumpProcess p, double[] pi, boolean[] keep, int count, double bound) {
        int[] index = new int[p.dimension()];
        int[] kept = new int[count];
        double[] initial = new double[count];
        double mass = 0;
        int m = 0;
        for (int b = 0; b < index.length; b++) {
            index[b] = keep[b] ? m : -1;
            if (keep[b]) {
                kept[m] = b;
                initial[m] = pi[b];
                mass += pi[b];
                m++;
            }
        }
        for (int i = 0; i < count; i++) {
            initial[i] /= mass;
        }
        List<Channel> channels = new ArrayList<>();
        for (Channel ch : p.channels()) {
            if (keep[ch.from()] && keep[ch.to()]) {
                channels.add(new Channel(index[ch.from()], index[ch.to()], ch.reservoir(), ch.rate(), ch.energy()));
            }
        }
        return new Truncation(JumpProcess.of(count, p.energyUnit(), p.reservoirs(), channels), initial, bound, kept);
    }
}
