package qar.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import qar.sample.GroupPart;
import qar.sample.JumpCountProbe;

/**
 * The registered optional analyses ({@code qar sample --analysis NAME}), the one list a new
 * analysis is added to: its name, how it is built, how its group tallies are read back from shard
 * and checkpoint files, and the CSV files it may write (so a published output folder drops stale ones).
 */
public final class Analyses {
    /**
     * @param name   the name --analysis takes
     * @param create builds it for a job
     * @param reader reads its group tallies back
     * @param files  the names of the CSV files it may write
     */
    public record Kind(String name, Function<Analysis.Setup, Analysis> create, GroupPart.Reader reader,
                       List<String> files) {
    }

    private static final List<Kind> ALL = List.of(
            new Kind("jumps", JumpCountAnalysis::of, JumpCountProbe.tallyReader(), List.of(JumpCountAnalysis.CSV)));

    private Analyses() {
    }

    /** Every registered name, in registration order. */
    public static List<String> names() {
        return ALL.stream().map(Kind::name).toList();
    }

    /** The kind named {@code name}; {@link IllegalArgumentException} for an unknown name. */
    public static Kind named(String name) {
        for (Kind k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no analysis " + name + "; known: " + String.join(", ", names()));
    }

    /** The readers of the group tallies of the analyses {@code names}, in that order. */
    public static List<GroupPart.Reader> readers(List<String> names) {
        return names.stream().map(n -> named(n).reader()).toList();
    }

    /** Every CSV file name an analysis may write. */
    public static List<String> files() {
        List<String> out = new ArrayList<>();
        ALL.forEach(k -> out.addAll(k.files()));
        return out;
    }
}
