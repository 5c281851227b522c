package qar.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.sample.Watch;

/**
 * Reads the user's names for levels (a = 1/2, 3/2, ...) and watched jumps ({@code all}, a
 * reservoir, or one channel {@code c:3/2-1/2}) against a process; bad names are usage errors.
 */
final class Levels {
    /** k/2 with k a positive integer in plain digits: no sign, leading zero or spaces. */
    private static final Pattern LEVEL = Pattern.compile("([1-9][0-9]*)/2");

    private Levels() {
    }

    /** The level index of {@code a = k/2} (k odd, written in plain digits): (k - 1) / 2. */
    static int level(String option, String value, int dimension) {
        String allowed = "must be a level a = 1/2, 3/2, ..., " + (2 * dimension - 1) + "/2";
        Matcher m = LEVEL.matcher(value);
        if (!m.matches()) {
            throw UsageException.of(option, UsageException.shown(value), allowed);
        }
        long k;
        try {
            k = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw UsageException.of(option, value, allowed);
        }
        if (k % 2 == 0 || (k - 1) / 2 >= dimension) {
            throw UsageException.of(option, value, allowed);
        }
        return (int) ((k - 1) / 2);
    }

    /** The name of level i: (2i + 1)/2. */
    static String name(int level) {
        return (2L * level + 1) + "/2";
    }

    static Watch watch(String option, String spec, JumpProcess p) {
        List<String> names = p.reservoirs().stream().map(r -> r.name()).toList();
        String allowed = "must be all, a reservoir (" + String.join(", ", names) + ") or a channel such as "
                + names.get(0) + ":3/2-1/2";
        int nc = p.channels().size();
        boolean[] mask = new boolean[nc];
        String s = spec.trim();
        if (s.equals("all")) {
            java.util.Arrays.fill(mask, true);
            return new Watch("all", mask);
        }
        int colon = s.indexOf(':');
        String res = colon < 0 ? s : s.substring(0, colon);
        int r = names.indexOf(res);
        if (r < 0) {
            throw UsageException.of(option, UsageException.shown(spec), allowed);
        }
        int from = -1;
        int to = -1;
        if (colon >= 0) {
            String[] ends = s.substring(colon + 1).split("-");
            if (ends.length != 2) {
                throw UsageException.of(option, UsageException.shown(spec), allowed);
            }
            try {
                from = level(option, ends[0], p.dimension());
                to = level(option, ends[1], p.dimension());
            } catch (UsageException e) {
                throw UsageException.of(option, UsageException.shown(spec), "must be a level a = 1/2, 3/2, ..., " + (2 * p.dimension() - 1)
                        + "/2 on each side of the channel");
            }
        }
        boolean any = false;
        for (int k = 0; k < nc; k++) {
            Channel ch = p.channels().get(k);
            mask[k] = ch.reservoir() == r && (from < 0 || (ch.from() == from && ch.to() == to));
            any |= mask[k];
        }
        if (!any) {
            throw UsageException.of(option, UsageException.shown(spec), colon < 0 ? "names a reservoir with no jumps"
                    : "is not a channel of the model (reservoir " + res + " has no jump " + s.substring(colon + 1)
                            + ")");
        }
        return new Watch(s, mask);
    }
}
