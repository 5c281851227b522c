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
        java.util.EnumSet<Reservoir.Role> roles = java.util.EnumSet.noneOf(Reservoir.Role.class);
        for (Reservoir r : reservoirs) {
            if (r.role() != Reservoir.Role.OTHER && !roles.add(r.role())) {
                throw new IllegalArgumentException("two reservoirs have the role " + r.role() + ": " + reservoirs);
            }
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

    /**
     * Whether every jump moves energy between a reservoir and the system, and none is created: there
     * are level energies E with {@code energy = E_to - E_from} for every channel. Then the currents
     * of all reservoirs sum to zero (the first law).
     */
    public boolean conservesEnergy() {
        long[] e = new long[dimension];
        boolean[] known = new boolean[dimension];
        known[0] = true;
        // channels of a connected chain reach every level within dimension sweeps; banded ones in one
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Channel ch : channels) {
                if (known[ch.from()] && !known[ch.to()]) {
                    e[ch.to()] = e[ch.from()] + ch.energy();
                    known[ch.to()] = true;
                    changed = true;
                } else if (known[ch.to()] && !known[ch.from()]) {
                    e[ch.from()] = e[ch.to()] - ch.energy();
                    known[ch.from()] = true;
                    changed = true;
                }
            }
        }
        for (Channel ch : channels) {
            if (!known[ch.from()] || e[ch.to()] - e[ch.from()] != ch.energy()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every reservoir is thermal and every channel obeys local detailed balance with it:
     * {@code ln(r / r_reverse) = -beta q unit} to 1e-9, q the quanta entering the system (a reverse
     * that underflowed to zero is accepted where -beta q unit exceeds 700). Then the entropy
     * production is never negative.
     */
    public boolean detailedBalance() {
        for (Reservoir r : reservoirs) {
            if (!r.thermal()) {
                return false;
            }
        }
        java.util.Map<java.util.List<Object>, Double> rates = new java.util.HashMap<>();
        for (Channel ch : channels) {
            rates.merge(java.util.List.of(ch.from(), ch.to(), ch.reservoir(), ch.energy()), ch.rate(), Double::sum);
        }
        for (Channel ch : channels) {
            // r / r_reverse = exp(-beta q unit): a jump that takes energy from the bath is the rarer one
            double x = -reservoirs.get(ch.reservoir()).beta() * ch.energy() * energyUnit;
            Double back = rates.get(java.util.List.of(ch.to(), ch.from(), ch.reservoir(), -ch.energy()));
            if (back == null) {
                if (!(x > 700)) {
                    return false;
                }
            } else if (!(Math.abs(Math.log(ch.rate() / back) - x) <= 1e-9 * Math.max(1, Math.abs(x)))) {
                return false;
            }
        }
        return true;
    }

    /** Total escape rate of every level. */
    public double[] escapeRates() {
        double[] out = new double[dimension];
        for (Channel ch : channels) {
            out[ch.from()] += ch.rate();
        }
        return out;
    }

    /** Jumps per unit time in the state {@code populations}: sum_a p_a escape_a (stationary: the mean jump rate). */
    public double jumpRate(double[] populations) {
        double[] escape = escapeRates();
        double rate = 0;
        for (int a = 0; a < populations.length; a++) {
            rate += populations[a] * escape[a];
        }
        return rate;
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
