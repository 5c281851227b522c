package qar.exact;

import java.util.ArrayList;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.RecordValues;

/**
 * A process cut to its populated levels, for questions about a window [0, t] from a start rho0 that
 * is dominated by the stationary state pi: rho0 <= c pi entrywise on the levels kept. The levels
 * kept are those whose stationary population reaches a floor; jumps into the others are dropped
 * (the cut chain reflects there).
 *
 * <p>Error bound, by coupling: run the full process from rho0 and the cut one from rho0 restricted
 * to the kept levels and renormalised (they can start equal except with probability the dropped
 * part of rho0), identical until the full one first jumps into a dropped level. The distributions
 * of anything observed in [0, t] differ in total variation by at most the probability of such a
 * jump, which is at most its expected number. Since exp(L tau) is positive, exp(L tau) rho0 <= c
 * exp(L tau) pi = c pi, so that number is at most c t sum_{kept b} pi_b rate(b -> dropped) (c = 1
 * for the stationary start; a start far above pi, such as one high level, makes c huge and nothing
 * is cut). The floor is lowered by factors of 10 until the bound is below the tolerance.
 *
 * @param process the cut process (the input itself where nothing can be cut)
 * @param initial its initial distribution: rho0 restricted to the kept levels, renormalised
 * @param bound   the total-variation bound
 * @param kept    the kept levels, increasing (original indices)
 */
record Truncation(JumpProcess process, double[] initial, double bound, int[] kept) {
    /** Cutting pays only where the chain is large. */
    static final int MIN_DIMENSION = 24;

    static Truncation of(JumpProcess p, double[] pi, double t, double tolerance) {
        return of(p, pi, pi, t, tolerance);
    }

    /**
     * @param pi        the stationary state
     * @param rho0      the start
     * @param tolerance total-variation bound accepted
     */
    static Truncation of(JumpProcess p, double[] pi, double[] rho0, double t, double tolerance) {
        int d = p.dimension();
        int[] all = new int[d];
        for (int i = 0; i < d; i++) {
            all[i] = i;
        }
        Truncation none = new Truncation(p, rho0.clone(), 0, all);
        if (d < MIN_DIMENSION) {
            return none;
        }
        for (double floor = Math.min(1e-3, tolerance); floor >= 1e-300; floor /= 10) {
            boolean[] keep = new boolean[d];
            double dropped = 0;
            double c = 0;
            int count = 0;
            for (int b = 0; b < d; b++) {
                keep[b] = pi[b] >= floor;
                if (keep[b]) {
                    count++;
                    c = Math.max(c, rho0[b] / pi[b]);
                } else {
                    dropped += rho0[b];
                }
            }
            double flux = 0;
            for (Channel ch : p.channels()) {
                if (keep[ch.from()] && !keep[ch.to()]) {
                    flux += pi[ch.from()] * ch.rate();
                }
            }
            double bound = c * t * flux + dropped;
            if (bound <= tolerance) {
                if (count == d || count < 2) {
                    return none;
                }
                return cut(p, rho0, keep, count, bound);
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

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
