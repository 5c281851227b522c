package qar.sample;

import java.io.IOException;
import java.util.List;

/**
 * The group parts every build reads without being told the campaign's analyses: each is written
 * with its tag (its index here) ahead of the further analyses' parts, so a shard or checkpoint of
 * a campaign with them reads back with the readers of its named analyses alone. Tags are part of
 * the file format: append only.
 */
final class BuiltInParts {
    private static final List<Class<? extends GroupPart>> KINDS = List.of(WaitingTimeProbe.Tally.class,
            WindowProbe.Tally.class, FluctuationProbe.Tally.class);
    private static final List<GroupPart.Reader> READERS = List.of(WaitingTimeProbe.tallyReader(),
            WindowProbe.tallyReader(), FluctuationProbe.tallyReader());

    private BuiltInParts() {
    }

    /** The tag of {@code part}, or -1 for a further analysis' part. */
    static int tag(GroupPart part) {
        return KINDS.indexOf(part.getClass());
    }

    /** The built-in parts of {@code parts} from index {@code from} on, before the first further one. */
    static int count(GroupPart[] parts, int from) {
        int n = 0;
        while (from + n < parts.length && tag(parts[from + n]) >= 0) {
            n++;
        }
        return n;
    }

    static GroupPart.Reader reader(int tag) throws IOException {
        if (tag < 0 || tag >= READERS.size()) {
            throw new IOException("bad built-in part tag " + tag);
        }
        return READERS.get(tag);
    }

    /** Whether {@code probe}'s part is built in. */
    static boolean builtIn(Probe probe) {
        return KINDS.contains(probe.tally().getClass());
    }

    /** Built-in probes must come first: their parts are written, tagged, ahead of the others. */
    static void checkOrder(List<Probe> probes) {
        boolean further = false;
        for (Probe p : probes) {
            boolean builtIn = builtIn(p);
            if (builtIn && further) {
                throw new IllegalArgumentException("a built-in probe after a further analysis' probe");
            }
            further |= !builtIn;
        }
    }
}
