package qar.exact;

/** Dense d x d storage for the features that need it (waiting times, windows, finite-time cumulants). */
final class Dense {
    private Dense() {
    }

    /**
     * The length of a row-major d x d array.
     *
     * @throws IllegalArgumentException where d^2 exceeds a Java array (d above 46,340), instead of a
     *                                  negative array size from int overflow
     */
    static int length(int d) {
        long n = (long) d * d;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(d + " levels: a dense " + d + " x " + d + " matrix (" + n
                    + " entries) does not fit in one array");
        }
        return (int) n;
    }
}
