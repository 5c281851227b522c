package qar.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.RecordValues;

/**
 * The jump choice of the engines: per level its outgoing channels (all, or all but some) sorted by
 * decreasing rate and stored as cumulative probabilities, so the usual jump is found by the first
 * comparison. Slots offset[b] .. offset[b+1]-1 are level b's; escape[b] is the total rate of its
 * channels in the table. Immutable once built and shared by all threads (arrays not copied: the
 * engines read them in their hot loops).
 */
record JumpTable(int[] offset, double[] cumulative, int[] channel, int[] target, double[] escape) {

    /** @param skip channels left out of the table (a fast pair's flips), or null for none */
    static JumpTable of(JumpProcess process, boolean[] skip) {
        int d = process.dimension();
        List<Channel> chs = process.channels();
        List<List<Integer>> byLevel = new ArrayList<>(d);
        for (int b = 0; b < d; b++) {
            byLevel.add(new ArrayList<>());
        }
        for (int k = 0; k < chs.size(); k++) {
            if (skip == null || !skip[k]) {
                byLevel.get(chs.get(k).from()).add(k);
            }
        }
        int[] offset = new int[d + 1];
        double[] cumulative = new double[chs.size()];
        int[] channel = new int[chs.size()];
        int[] target = new int[chs.size()];
        double[] escape = new double[d];
        int slot = 0;
        for (int b = 0; b < d; b++) {
            offset[b] = slot;
            List<Integer> out = byLevel.get(b);
            out.sort(Comparator.comparingDouble((Integer k) -> chs.get(k).rate()).reversed()
                    .thenComparingInt(k -> k));
            double total = 0;
            for (int k : out) {
                total += chs.get(k).rate();
            }
            double acc = 0;
            for (int k : out) {
                acc += chs.get(k).rate();
                cumulative[slot] = acc / total;
                channel[slot] = k;
                target[slot] = chs.get(k).to();
                slot++;
            }
            if (!out.isEmpty()) {
                cumulative[slot - 1] = 1.0; // u < 1 always stops here
            }
            escape[b] = total;
        }
        offset[d] = slot;
        return new JumpTable(offset, cumulative, channel, target, escape);
    }

    /** Per level, 1 / escape rate: infinite at a level the table gives no way out of. */
    double[] meanWaits() {
        double[] w = new double[escape.length];
        for (int b = 0; b < w.length; b++) {
            w[b] = escape[b] > 0 ? 1.0 / escape[b] : Double.POSITIVE_INFINITY;
        }
        return w;
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
