package qar.exact.oracle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.Reservoir;

/**
 * A jump process with exact decimal rates: the oracle's input. Built either from a
 * {@link JumpProcess} (each double converted exactly with {@code new BigDecimal(double)}) or by
 * {@link ExactRates} straight from the model's formulas.
 *
 * @param dimension  number of levels
 * @param energyUnit energy of one quantum
 * @param names      reservoir names, in the order the channels index them
 * @param channels   transitions with positive rates
 */
public record ExactProcess(int dimension, BigDecimal energyUnit, List<String> names, List<ExactChannel> channels) {

    /** A jump {@code from -> to} through {@code reservoir}, moving {@code energy} quanta into the system. */
    public record ExactChannel(int from, int to, int reservoir, BigDecimal rate, long energy) {
        public ExactChannel {
            if (rate.signum() < 0 || from == to) {
                throw new IllegalArgumentException("bad channel " + from + " -> " + to + " at " + rate);
            }
        }
    }

    public ExactProcess {
        names = List.copyOf(names);
        channels = List.copyOf(channels);
    }

    /** The same process, every double taken at its exact binary value. */
    public static ExactProcess of(JumpProcess p) {
        List<ExactChannel> out = new ArrayList<>(p.channels().size());
        for (Channel ch : p.channels()) {
            out.add(new ExactChannel(ch.from(), ch.to(), ch.reservoir(), new BigDecimal(ch.rate()), ch.energy()));
        }
        List<String> names = p.reservoirs().stream().map(Reservoir::name).toList();
        return new ExactProcess(p.dimension(), new BigDecimal(p.energyUnit()), names, out);
    }

    /** The same process with level i renamed d - 1 - i. */
    public ExactProcess reversed() {
        List<ExactChannel> out = new ArrayList<>(channels.size());
        for (ExactChannel ch : channels) {
            out.add(new ExactChannel(dimension - 1 - ch.from(), dimension - 1 - ch.to(), ch.reservoir(),
                    ch.rate(), ch.energy()));
        }
        return new ExactProcess(dimension, energyUnit, names, out);
    }

    public int reservoirCount() {
        return names.size();
    }

    public int reservoirIndex(String name) {
        return names.indexOf(name);
    }

    /** Decimal orders of magnitude between the largest and the smallest positive rate. */
    public int rateSpanDecades() {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (ExactChannel ch : channels) {
            if (ch.rate().signum() > 0) {
                int e = ch.rate().precision() - ch.rate().scale();
                lo = Math.min(lo, e);
                hi = Math.max(hi, e);
            }
        }
        return lo > hi ? 0 : hi - lo + 1;
    }
}
