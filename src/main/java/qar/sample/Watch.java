package qar.sample;

import java.util.Arrays;
import qar.model.RecordValues;

/**
 * A set of watched channels for waiting times: the jumps whose spacing is recorded.
 *
 * @param label    how the user named it ({@code all}, {@code c}, {@code c:3/2-1/2})
 * @param channels per channel of the process, whether it is watched
 */
public record Watch(String label, boolean[] channels) {
    public Watch {
        channels = channels.clone();
        boolean any = false;
        for (boolean b : channels) {
            any |= b;
        }
        if (!any) {
            throw new IllegalArgumentException("watch " + label + " selects no channel");
        }
    }

    @Override
    public boolean[] channels() {
        return channels.clone();
    }

    boolean watches(int channel) {
        return channels[channel];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Watch w && w.label.equals(label) && Arrays.equals(w.channels, channels);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(channels);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
