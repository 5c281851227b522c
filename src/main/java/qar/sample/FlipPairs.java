package qar.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import qar.model.Channel;
import qar.model.JumpProcess;

/**
 * The fast flip pairs of a {@link JumpProcess}: two levels i, j joined both ways through one
 * reservoir (the flip channels, the fastest i -> j and j -> i of that reservoir), that the
 * {@link AggregatedEngine} crosses in one macro-step per sojourn. Every other channel out of i or j,
 * including other channels between them, is an exit. Pairs are disjoint; immutable.
 *
 * <p>With a = rate(i -> j), e_i the rest of i's escape rate (and b, e_j for j), a sojourn entered at
 * i makes M round trips with P(M >= m) = (p_i p_j)^m, p_i = a / (a + e_i), p_j = b / (b + e_j), so
 * it makes 2 E[M] + P(leave from j) = 2 q / (1 - q) + p_i (1 - p_j) / (1 - q) flips on average,
 * q = p_i p_j. A pair is worth a macro-step when this is at least {@link #FAST} from either level.
 */
public final class FlipPairs {
    /**
     * Fewest expected flips per sojourn for a pair to be aggregated: a macro-step (an exponential,
     * two uniforms, two Gamma variates and the exit choice) costs about as much as 5 to 10 direct
     * jumps, so below a few flips it does not pay. Exactness does not depend on it.
     */
    public static final double FAST = 8;

    /** Most expected flips per sojourn of an aggregated pair: counts stay far from overflowing a long. */
    static final double MOST_FLIPS = 1e15;

    /**
     * One pair. {@code forth}: the flip channel low -> high; {@code back}: high -> low.
     *
     * @param flipsPerSojourn expected flips of a sojourn, the smaller of the two entry levels
     */
    public record Pair(int low, int high, int reservoir, int forth, int back, double flipsPerSojourn) {
    }

    private final List<Pair> pairs;

    private FlipPairs(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /** The pairs with at least {@link #FAST} expected flips per sojourn. */
    public static FlipPairs of(JumpProcess process) {
        return of(process, FAST);
    }

    /**
     * The pairs with at least {@code fewestFlips} expected flips per sojourn, taken greedily by that
     * number so that they are disjoint; 0 takes every pair (exact all the same, only slower). A pair
     * that nothing leaves is never taken: its sojourn would not end.
     */
    public static FlipPairs of(JumpProcess process, double fewestFlips) {
        if (!(fewestFlips >= 0) || Double.isInfinite(fewestFlips)) {
            throw new IllegalArgumentException("fewest flips must be finite and >= 0, got " + fewestFlips);
        }
        List<Channel> chs = process.channels();
        double[] escape = process.escapeRates();
        // the fastest channel per (from, to, reservoir)
        Map<List<Integer>, Integer> fastest = new HashMap<>();
        for (int k = 0; k < chs.size(); k++) {
            Channel ch = chs.get(k);
            final int index = k;
            fastest.merge(List.of(ch.from(), ch.to(), ch.reservoir()), k,
                    (old, neu) -> chs.get(old).rate() >= chs.get(index).rate() ? old : neu);
        }
        List<Pair> candidates = new ArrayList<>();
        for (Map.Entry<List<Integer>, Integer> e : fastest.entrySet()) {
            int i = e.getKey().get(0);
            int j = e.getKey().get(1);
            int r = e.getKey().get(2);
            Integer back = fastest.get(List.of(j, i, r));
            if (i > j || back == null) {
                continue;
            }
            double a = chs.get(e.getValue()).rate();
            double b = chs.get(back).rate();
            double ei = Math.max(0, escape[i] - a);
            double ej = Math.max(0, escape[j] - b);
            if (ei + ej == 0) {
                continue;
            }
            double flips = Math.min(expectedFlips(a, ei, b, ej), expectedFlips(b, ej, a, ei));
            // beyond MOST_FLIPS the round-trip count would overflow a long; no run gets there anyway
            if (flips >= fewestFlips && flips <= MOST_FLIPS) {
                candidates.add(new Pair(i, j, r, e.getValue(), back, flips));
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::flipsPerSojourn).reversed()
                .thenComparingInt(Pair::low).thenComparingInt(Pair::high).thenComparingInt(Pair::reservoir));
        boolean[] used = new boolean[process.dimension()];
        List<Pair> taken = new ArrayList<>();
        for (Pair p : candidates) {
            if (!used[p.low()] && !used[p.high()]) {
                used[p.low()] = true;
                used[p.high()] = true;
                taken.add(p);
            }
        }
        return new FlipPairs(taken);
    }

    /** No pair: the aggregated engine then takes direct steps only. */
    public static FlipPairs none() {
        return new FlipPairs(List.of());
    }

    /**
     * Expected flips of a sojourn entered at i: 2 q / (1 - q) + p_i (1 - p_j) / (1 - q), with
     * 1 - q = (a e_j + e_i b + e_i e_j) / ((a + e_i)(b + e_j)) written without cancellation.
     */
    static double expectedFlips(double a, double ei, double b, double ej) {
        double oneMinusQ = (a * ej + ei * b + ei * ej) / ((a + ei) * (b + ej));
        double q = a * b / ((a + ei) * (b + ej));
        double leaveFromJ = a / (a + ei) * ej / (b + ej);
        return (2 * q + leaveFromJ) / oneMinusQ;
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** Per channel of a process with {@code channels} channels, whether it is a flip of some pair. */
    public boolean[] flipChannels(int channels) {
        boolean[] flip = new boolean[channels];
        for (Pair p : pairs) {
            flip[p.forth()] = true;
            flip[p.back()] = true;
        }
        return flip;
    }

    /** Whether a flip channel of some pair is one of {@code channels} (true entries). */
    public boolean flipsAny(boolean[] channels) {
        for (Pair p : pairs) {
            if (channels[p.forth()] || channels[p.back()]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlipPairs f && f.pairs.equals(pairs);
    }

    @Override
    public int hashCode() {
        return pairs.hashCode();
    }

    @Override
    public String toString() {
        return "FlipPairs" + Arrays.toString(pairs.toArray());
    }
}
