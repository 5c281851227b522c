package qar.sample;

import java.util.Arrays;
import java.util.List;
import qar.estimate.WaitingTimeTally;

/**
 * Records, per watched set, the time between consecutive watched jumps of one replica into the
 * current group's tallies. The time from the replica's start to its first watched jump has
 * another law (it starts from the stationary state, not just after a watched jump) and is not
 * recorded. Not thread-safe.
 */
final class WaitingTimeRecorder {
    /** watchedBy[channel]: bit w set when watch w contains the channel. */
    private final long[] watchedBy;
    private final double[] last;
    private WaitingTimeTally[] target;

    WaitingTimeRecorder(List<Watch> watches, int channels) {
        if (watches.size() > 64) {
            throw new IllegalArgumentException("at most 64 watched sets, got " + watches.size());
        }
        watchedBy = new long[channels];
        for (int w = 0; w < watches.size(); w++) {
            for (int k = 0; k < channels; k++) {
                if (watches.get(w).watches(k)) {
                    watchedBy[k] |= 1L << w;
                }
            }
        }
        last = new double[watches.size()];
    }

    void bind(WaitingTimeTally[] tallies) {
        target = tallies;
    }

    void start() {
        Arrays.fill(last, Double.NaN);
    }

    void jump(double t, int channel) {
        long bits = watchedBy[channel];
        while (bits != 0) {
            int w = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            double prev = last[w];
            if (prev == prev) {
                target[w].accept(t - prev);
            }
            last[w] = t;
        }
    }
}
