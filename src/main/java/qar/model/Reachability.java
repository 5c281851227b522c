package qar.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether every level of a jump process reaches every other through channels of positive rate
 * (the generator is irreducible). Only then is the stationary state unique and positive on every
 * level, which the exact solver's elimination and every ln rho(x) of the entropy production need.
 */
public final class Reachability {

    /** Level {@code to} cannot be reached from level {@code from}. */
    public record Cut(int from, int to) {
    }

    private Reachability() {
    }

    /**
     * The first break, or null where the process is irreducible: the lowest level that level 0
     * cannot reach, else the lowest level that cannot reach level 0.
     */
    public static Cut firstCut(JumpProcess p) {
        int d = p.dimension();
        List<List<Integer>> forward = new ArrayList<>(d);
        List<List<Integer>> backward = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            forward.add(new ArrayList<>());
            backward.add(new ArrayList<>());
        }
        for (Channel ch : p.channels()) {
            // JumpProcess keeps only channels of positive rate
            forward.get(ch.from()).add(ch.to());
            backward.get(ch.to()).add(ch.from());
        }
        int unreached = firstUnvisited(forward, d);
        if (unreached >= 0) {
            return new Cut(0, unreached);
        }
        int stuck = firstUnvisited(backward, d);
        return stuck >= 0 ? new Cut(stuck, 0) : null;
    }

    /** Breadth-first from level 0 along {@code next}; the lowest level not visited, or -1. */
    private static int firstUnvisited(List<List<Integer>> next, int d) {
        boolean[] seen = new boolean[d];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        seen[0] = true;
        queue.add(0);
        while (!queue.isEmpty()) {
            for (int j : next.get(queue.poll())) {
                if (!seen[j]) {
                    seen[j] = true;
                    queue.add(j);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (!seen[i]) {
                return i;
            }
        }
        return -1;
    }
}
