package qar.model;

import java.util.List;

/**
 * A parameter outside its allowed range, or parameters that together drive a rate beyond the
 * doubles. Parameters are named as in the JSON schema ({@code N}, {@code betaC}, ...); the CLI maps
 * each name to its option.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> parameters;
    private final String value;
    private final String allowed;

    public InvalidParameterException(String parameter, Object value, String allowed) {
        super(parameter + " = " + value + ": " + allowed);
        this.parameters = List.of(parameter);
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /**
     * @param parameters the parameters responsible, at least one
     * @param values     their values, in the same order
     * @param cause      what went wrong, returned by {@link #allowed()}
     */
    InvalidParameterException(List<String> parameters, List<?> values, String cause) {
        super(named(parameters, values) + ": " + cause);
        this.parameters = List.copyOf(parameters);
        this.value = String.valueOf(values.get(0));
        this.allowed = cause;
    }

    private static String named(List<String> parameters, List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(parameters.get(i)).append(" = ").append(values.get(i));
        }
        return sb.toString();
    }

    /** The first (usually the only) parameter responsible. */
    public String parameter() {
        return parameters.get(0);
    }

    /** Every parameter responsible, the first being {@link #parameter()}. */
    public List<String> parameters() {
        return parameters;
    }

    /** The value of {@link #parameter()}. */
    public String value() {
        return value;
    }

    /** What is allowed, or for several parameters what went wrong. */
    public String allowed() {
        return allowed;
    }
}
