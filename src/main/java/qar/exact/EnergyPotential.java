package qar.exact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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

    static boolean bounded(JumpProcess p, int reservoir) {
        int d = p.dimension();
        List<List<long[]>> adj = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            adj.add(new ArrayList<>());
        }
        for (Channel ch : p.channels()) {
            if (ch.rate() > 0) {
                long q = ch.reservoir() == reservoir ? ch.energy() : 0;
                adj.get(ch.from()).add(new long[] {ch.to(), q});
                adj.get(ch.to()).add(new long[] {ch.from(), -q});
            }
        }
        long[] phi = new long[d];
        boolean[] seen = new boolean[d];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < d; start++) {
            if (seen[start]) {
                continue;
            }
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int a = queue.poll();
                for (long[] e : adj.get(a)) {
                    int b = (int) e[0];
                    long want;
                    try {
                        want = Math.addExact(phi[a], e[1]);
                    } catch (ArithmeticException overflow) {
                        return false; // not decided: keep the computed values
                    }
                    if (!seen[b]) {
                        seen[b] = true;
                        phi[b] = want;
                        queue.add(b);
                    } else if (phi[b] != want) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
