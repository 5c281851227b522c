package qar.model;

/** Which rate equation to build: the full collective model, or the three-level model of App. G. */
public enum ModelKind {
    FULL,
    REDUCED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
