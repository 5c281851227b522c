package qar.sample;

import java.util.List;
import qar.model.JumpProcess;

/** Which engine a campaign runs: the direct method, macro-steps over fast flip pairs, or the best allowed. */
public enum EngineChoice {
    DIRECT, AGGREGATED,
    /** Aggregated where a fast pair exists and no waiting time watches its flips; direct otherwise. */
    AUTO;

    /** Why a choice resolved to its engine. */
    public enum Reason {
        /** The engine asked for by name. */
        ASKED,
        /** Auto: a fast flip pair, aggregated. */
        FAST_PAIR,
        /** Auto: direct, as the process has no fast flip pair. */
        NO_FAST_PAIR,
        /** Auto: direct, as a waiting time watches the fast flips. */
        FLIPS_WATCHED
    }

    /** The engine a choice resolved to, and why. */
    public record Chosen(Engine engine, Reason reason) {
    }

    /** The aggregated engine asked for while {@link #watch()} watches its flips. */
    public static final class FlipsWatched extends IllegalArgumentException {
        private final transient Watch watch;

        FlipsWatched(Watch watch) {
            super("a waiting time watches a fast pair's flips: the aggregated engine does not time them one by one");
            this.watch = watch;
        }

        /** The waiting time that watches the flips. */
        public Watch watch() {
            return watch;
        }
    }

    /** The option value: {@code direct}, {@code aggregated} or {@code auto}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The engine of this choice for {@code process} with waiting times of {@code watches}: direct;
     * aggregated over {@link FlipPairs#of(JumpProcess)}; auto, aggregated where there is a fast pair
     * and no waiting time watches its flips (those need each flip's time).
     *
     * @throws FlipsWatched for aggregated when a waiting time watches a flip channel
     */
    public Chosen choose(JumpProcess process, List<Watch> watches) {
        if (this == DIRECT) {
            return new Chosen(GillespieEngine.of(process), Reason.ASKED);
        }
        FlipPairs pairs = FlipPairs.of(process);
        Watch watched = watches.stream().filter(w -> pairs.flipsAny(w.channels())).findFirst().orElse(null);
        if (this == AUTO && (pairs.isEmpty() || watched != null)) {
            return new Chosen(GillespieEngine.of(process), pairs.isEmpty() ? Reason.NO_FAST_PAIR
                    : Reason.FLIPS_WATCHED);
        }
        if (watched != null) {
            throw new FlipsWatched(watched);
        }
        return new Chosen(AggregatedEngine.of(process, pairs), this == AUTO ? Reason.FAST_PAIR : Reason.ASKED);
    }
}
