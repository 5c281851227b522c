package qar.cli;

/** Bad command-line input: reported as one line on stderr with exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /** "--option = value: what is allowed". */
    static UsageException of(String option, Object value, String allowed) {
        return new UsageException(option + " = " + value + ": " + allowed);
    }
}
