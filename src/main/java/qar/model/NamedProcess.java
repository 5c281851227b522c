package qar.model;

import java.util.HashSet;
import java.util.List;

/**
 * A rate equation written level by level by the user (qar reads it from a file: src/site/markdown/usage.md,
 * "Models from a file"): the jump process, the names of its levels in index order, and where it came from.
 * The reservoirs' names are the process's own; none has a role unless it is named c, h or w.
 *
 * @param source  what identifies the description to the user (the file's path as typed)
 * @param levels  the level names, one per level of {@code process}, distinct
 * @param process the jump process; every level reaches every other (see {@link Reachability})
 */
public record NamedProcess(String source, List<String> levels, JumpProcess process) implements ModelSpec {

    public NamedProcess {
        levels = List.copyOf(levels);
        if (levels.size() != process.dimension()) {
            throw new IllegalArgumentException(levels.size() + " level names for " + process.dimension() + " levels");
        }
        if (new HashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("level names repeat: " + levels);
        }
        Reachability.Cut cut = Reachability.firstCut(process);
        if (cut != null) {
            throw new IllegalArgumentException("level " + levels.get(cut.to()) + " cannot be reached from level "
                    + levels.get(cut.from()));
        }
    }

    @Override
    public String levelName(int level) {
        return levels.get(level);
    }

    /** The index of the level named {@code name}, or -1. */
    public int level(String name) {
        return levels.indexOf(name);
    }
}
