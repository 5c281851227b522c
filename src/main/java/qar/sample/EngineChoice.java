package qar.sample;

/** Which engine a campaign runs: the direct method, macro-steps over fast flip pairs, or the best allowed. */
public enum EngineChoice {
    DIRECT, AGGREGATED,
    /** Aggregated where a fast pair exists and no waiting time watches its flips; direct otherwise. */
    AUTO;

    /** The option value: {@code direct}, {@code aggregated} or {@code auto}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
