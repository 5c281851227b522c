package qar.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelSpec;
import qar.model.NamedProcess;
import qar.sample.Watch;

/**
 * Reads the user's names for levels (a = 1/2, 3/2, ... of the refrigerator, or the names of a
 * {@code --process} file) and watched jumps ({@code all}, a
 * reservoir, or one channel {@code c:3/2-1/2}) against a process; bad names are usage errors.
 */
final class Levels {
    /** k/2 with k a positive integer in plain digits: no sign, leading zero or spaces. */
    private static final Pattern LEVEL = Pattern.compile("([1-9][0-9]*)/2");
    /** m, a non-negative integer in plain digits (the even-N levels). */
    private static final Pattern INTEGER_LEVEL = Pattern.compile("0|[1-9][0-9]*");
    /** Level names of a file shown in a message: at most this many. */
    private static final int LISTED = 12;

    private Levels() {
    }

    /**
     * The level index of a name: {@code a = k/2} (k odd, written in plain digits) gives (k - 1) / 2 for
     * the refrigerator, a name of the file's levels gives its index for a {@link NamedProcess}.
     */
    static int level(String option, String value, ModelSpec model, int dimension) {
        if (model instanceof NamedProcess file) {
            int i = file.level(value);
            if (i < 0) {
                throw UsageException.of(option, UsageException.shown(value), allowed(model, dimension));
            }
            return i;
        }
        String allowed = allowed(model, dimension);
        if (evenN(model)) {
            if (!INTEGER_LEVEL.matcher(value).matches() || value.length() > 10
                    || Long.parseLong(value) >= dimension) {
                throw UsageException.of(option, UsageException.shown(value), allowed);
            }
            return Integer.parseInt(value);
        }
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

    /** "must be a level a = 1/2, 3/2, ..., 31/2", or the file's level names. */
    private static String allowed(ModelSpec model, int dimension) {
        if (model instanceof NamedProcess file) {
            List<String> names = file.levels();
            String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
            return "must be a level of " + file.source() + ": " + shown
                    + (names.size() > LISTED ? ", ... (" + names.size() + " in all)" : "");
        }
        if (evenN(model)) {
            return "must be a level m = 0, 1, ..., " + (dimension - 1);
        }
        return "must be a level a = 1/2, 3/2, ..., " + (2L * dimension - 1) + "/2";
    }

    private static boolean evenN(ModelSpec model) {
        return model instanceof qar.model.ModelParameters p && p.n() % 2 == 0;
    }

    static Watch watch(String option, String spec, ModelSpec model, JumpProcess p) {
        List<String> names = p.reservoirs().stream().map(r -> r.name()).toList();
        Channel first = p.channels().isEmpty() ? new Channel(1, 0, 0, 0, 0) : p.channels().get(0);
        String allowed = "must be all, a reservoir (" + String.join(", ", names) + ") or a channel such as "
                + names.get(first.reservoir()) + ":" + model.levelName(first.from()) + "-"
                + model.levelName(first.to());
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
                from = level(option, ends[0], model, p.dimension());
                to = level(option, ends[1], model, p.dimension());
            } catch (UsageException e) {
                throw UsageException.of(option, UsageException.shown(spec), allowed(model, p.dimension())
                        + " on each side of the channel");
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
