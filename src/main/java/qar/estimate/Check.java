package qar.estimate;

/**
 * One sampled check against theory: the measured value with its interval, the theoretical value,
 * the normal-equivalent z ({@link Estimate#z}) and a verdict. The rule: |z| &lt; {@link #Z_LIMIT}
 * is consistent, otherwise violated (a correct sampler is called violated with probability 0.27 %
 * per check); a check whose interval cannot be trusted is inconclusive, one that could not be
 * computed says why.
 *
 * @param kind     what is checked
 * @param subject  of what, for a kind with several checks (a reservoir's name for TUR, the
 *                 affinity for EFT); null for the others
 * @param measured the estimate, null where none could be made
 * @param theory   the theoretical value
 * @param z        the normal-equivalent z of measured against theory, NaN without one
 * @param verdict  the verdict
 * @param note     why the verdict is inconclusive or not computed, or a remark; may be null
 */
public record Check(Kind kind, String subject, Estimate measured, double theory, double z, Verdict verdict,
                    String note) {
    /** |z| below this is consistent: two-sided tail 0.27 % under the normal law. */
    public static final double Z_LIMIT = 3;

    /** The theorems and bounds checked; the label starts the check's printed name. */
    public enum Kind {
        /** The slope of the detailed fluctuation theorem, ln P(s) / P(-s) against s (theory 1). */
        DFT_SLOPE("DFT slope"),
        /** The integral fluctuation theorem, the mean of exp(-s) (theory 1). */
        IFT_MEAN("IFT <exp(-s)>"),
        /** The slope of the exchange fluctuation theorem (theory 1). */
        EFT_SLOPE("EFT slope"),
        /** One fitted affinity of the exchange fluctuation theorem; subject beta_x - beta_y. */
        EFT_AFFINITY("EFT"),
        /** The finite-time TUR ratio of one reservoir; subject its name. */
        TUR("TUR"),
        /** The ratio of the cold and work exchanges against the exact COP. */
        COP("COP");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Check {
        if (kind == null) {
            throw new IllegalArgumentException("a check needs a kind");
        }
    }

    /** The printed name: the kind's label, then the subject where there is one ("DFT slope", "TUR c"). */
    public String name() {
        return subject == null ? kind.label() : kind.label() + " " + subject;
    }

    public enum Verdict {
        CONSISTENT("consistent"), VIOLATED("violated"), INCONCLUSIVE("inconclusive"), NOT_COMPUTED("not computed");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A check of a kind with one check per window ({@code subject} null). */
    public static Check of(Kind kind, Estimate measured, double theory, String why) {
        return of(kind, null, measured, theory, why);
    }

    /**
     * @param measured the estimate, or null
     * @param why      the reason where {@code measured} is null
     */
    public static Check of(Kind kind, String subject, Estimate measured, double theory, String why) {
        if (measured == null) {
            return new Check(kind, subject, null, theory, Double.NaN, Verdict.NOT_COMPUTED, why);
        }
        if (!Double.isFinite(theory)) {
            return new Check(kind, subject, measured, theory, Double.NaN, Verdict.NOT_COMPUTED,
                    why != null ? why : "no theoretical value");
        }
        double z = measured.z(theory);
        if (!measured.reliable()) {
            return new Check(kind, subject, measured, theory, z, Verdict.INCONCLUSIVE, measured.reason());
        }
        if (Double.isNaN(z)) {
            return new Check(kind, subject, measured, theory, z, Verdict.INCONCLUSIVE, "no standard error");
        }
        return new Check(kind, subject, measured, theory, z, Math.abs(z) < Z_LIMIT ? Verdict.CONSISTENT : Verdict.VIOLATED,
                why);
    }
}
