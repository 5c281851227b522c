package qar.model;

/**
 * One transition channel of a jump process: a jump {@code from -> to} through reservoir
 * {@code reservoir} at {@code rate}, moving {@code energy} quanta (units of the process's energy
 * unit) from the reservoir into the system.
 */
public record Channel(int from, int to, int reservoir, double rate, long energy) {

    public Channel {
        if (from == to) {
            throw new IllegalArgumentException("channel " + from + " -> " + to + " is a self-loop");
        }
        if (from < 0 || to < 0 || reservoir < 0) {
            throw new IllegalArgumentException("negative index in channel " + from + " -> " + to);
        }
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate " + rate + " of channel " + from + " -> " + to
                    + " must be finite and >= 0");
        }
    }
}
