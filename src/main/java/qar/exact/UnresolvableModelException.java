package qar.exact;

/** A model whose answers the arithmetic cannot resolve: refused with the cause rather than answered. */
public final class UnresolvableModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnresolvableModelException(String message) {
        super(message);
    }
}
