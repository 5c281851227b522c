package qar.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A continuous-time Markov jump process on levels {@code 0 .. dimension-1} with counted reservoirs:
 * the common input of the exact solver and the sampler. Channels with zero rate are dropped.
 * Immutable.
 */
public final class JumpProcess {
    private final int dimension;
    private final double energyUnit;
    private final List<Reservoir> reservoirs;
    private final List<Channel> channels;
    private final int bandwidth;

    private JumpProcess(int dimension, double energyUnit, List<Reservoir> reservoirs, List<Channel> channels) {
        this.dimension = dimension;
        this.energyUnit = energyUnit;
        this.reservoirs = reservoirs;
        this.channels = channels;
        int bw = 0;
        for (Channel ch : channels) {
            bw = Math.max(bw, Math.abs(ch.to() - ch.from()));
        }
        this.bandwidth = Math.max(bw, 1);
    }

    /**
     * @param dimension  number of levels, at least 2
     * @param energyUnit the energy of one quantum (Omega for the refrigerator), finite and positive
     * @param reservoirs the counted reservoirs; channel reservoir indices refer to this list
     * @param channels   the transitions
     */
    public static JumpProcess of(int dimension, double energyUnit, List<Reservoir> reservoirs, List<Channel> channels) {
        if (dimension < 2) {
            throw new IllegalArgumentException("a jump process needs at least 2 levels, got " + dimension);
        }
        if (!(energyUnit > 0) || !Double.isFinite(energyUnit)) {
            throw new IllegalArgumentException("energy unit must be finite and > 0, got " + energyUnit);
        }
        if (reservoirs.isEmpty()) {
            throw new IllegalArgumentException("a jump process needs at least one reservoir");
        }
        List<Channel> kept = new ArrayList<>(channels.size());
        for (Channel ch : channels) {
            if (ch.from() >= dimension || ch.to() >= dimension || ch.reservoir() >= reservoirs.size()) {
                throw new IllegalArgumentException("channel " + ch + " is outside the process");
            }
            if (ch.rate() > 0) {
                kept.add(ch);
            }
        }
        return new JumpProcess(dimension, energyUnit, List.copyOf(reservoirs), Collections.unmodifiableList(kept));
    }

    public int dimension() {
        return dimension;
    }

    public double energyUnit() {
        return energyUnit;
    }

    public List<Reservoir> reservoirs() {
        return reservoirs;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** Largest |to - from| over all channels (at least 1): the generator's half bandwidth. */
    public int bandwidth() {
        return bandwidth;
    }

    /** Total escape rate of every level. */
    public double[] escapeRates() {
        double[] out = new double[dimension];
        for (Channel ch : channels) {
            out[ch.from()] += ch.rate();
        }
        return out;
    }

    /** Per reservoir, the largest |energy| in quanta that one of its channels moves (0 if it has none). */
    public long[] largestQuanta() {
        long[] q = new long[reservoirs.size()];
        for (Channel ch : channels) {
            q[ch.reservoir()] = Math.max(q[ch.reservoir()], Math.abs(ch.energy()));
        }
        return q;
    }

    /** Per channel, the energy quanta it moves from {@code reservoir}, zero for the other channels. */
    public double[] energyWeights(int reservoir) {
        double[] w = new double[channels.size()];
        for (int k = 0; k < w.length; k++) {
            Channel ch = channels.get(k);
            w[k] = ch.reservoir() == reservoir ? ch.energy() * energyUnit : 0.0;
        }
        return w;
    }

    @Override
    public String toString() {
        return "JumpProcess[dimension=" + dimension + ", reservoirs=" + reservoirs
                + ", channels=" + channels.size() + ", bandwidth=" + bandwidth + "]";
    }
}
