package qar.model;

/**
 * A counted reservoir of a jump process: its short name ({@code c}, {@code h}, {@code w} for the
 * refrigerator) and its inverse temperature, {@code NaN} where the reservoir is not thermal.
 */
public record Reservoir(String name, double beta) {

    public Reservoir {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("reservoir needs a name");
        }
    }

    public boolean thermal() {
        return Double.isFinite(beta);
    }
}
