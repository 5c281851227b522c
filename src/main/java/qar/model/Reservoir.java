package qar.model;

import java.util.List;

/**
 * A counted reservoir of a jump process: its short name ({@code c}, {@code h}, {@code w} for the
 * refrigerator), its inverse temperature ({@code NaN} where the reservoir is not thermal) and its
 * role in a refrigerator. Analyses that need the refrigerator (the COP, the Carnot COP, the TUR bound
 * on the COP, the efficiency) find the cold, hot and work reservoirs by {@link #role()}, never by name.
 */
public record Reservoir(String name, double beta, Role role) {

    /** What a reservoir is to a refrigerator; {@link #OTHER} for a reservoir that is none of the three. */
    public enum Role {
        COLD, HOT, WORK, OTHER;

        /**
         * The role a reservoir given only by its name takes (a {@code --process} file): c, h and w are
         * the cold, hot and work reservoirs, as the refrigerator names them; any other name has none.
         * The one place where a name decides a role.
         */
        public static Role ofName(String name) {
            return switch (name) {
                case "c" -> COLD;
                case "h" -> HOT;
                case "w" -> WORK;
                default -> OTHER;
            };
        }
    }

    public Reservoir {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("reservoir needs a name");
        }
        if (role == null) {
            throw new IllegalArgumentException("reservoir " + name + " needs a role");
        }
    }

    /** A reservoir whose role follows from its name ({@link Role#ofName}). */
    public Reservoir(String name, double beta) {
        this(name, beta, Role.ofName(name == null ? "" : name));
    }

    public boolean thermal() {
        return Double.isFinite(beta);
    }

    /** The index of the first reservoir of {@code role} in {@code reservoirs}, or -1 where none has it. */
    public static int indexOf(List<Reservoir> reservoirs, Role role) {
        for (int k = 0; k < reservoirs.size(); k++) {
            if (reservoirs.get(k).role() == role) {
                return k;
            }
        }
        return -1;
    }
}
