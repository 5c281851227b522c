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

    /**
     * The user's text as typed where that reads unambiguously on one line; in double quotes, with
     * Java escapes for line breaks, tabs and other invisible characters, where it is empty or holds
     * any (so {@code " 1"} and {@code ""} are shown as such).
     */
    static String shown(String text) {
        boolean plain = !text.isEmpty() && text.codePoints().allMatch(UsageException::visible);
        if (plain) {
            return text;
        }
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c == ' ' || visible(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        for (char ch : Character.toChars(c)) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        }
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static boolean visible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }
}
