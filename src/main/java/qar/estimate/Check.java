package qar.estimate;

/**
 * One sampled check against theory: the measured value with its interval, the theoretical value,
 * the normal-equivalent z ({@link Estimate#z}) and a verdict. The rule: |z| &lt; {@link #Z_LIMIT}
 * is consistent, otherwise violated (a correct sampler is called violated with probability 0.27 %
 * per check); a check whose interval cannot be trusted is inconclusive, one that could not be
 * computed says why.
 *
 * @param name     what is checked, e.g. "DFT slope"
 * @param measured the estimate, null where none could be made
 * @param theory   the theoretical value
 * @param z        the normal-equivalent z of measured against theory, NaN without one
 * @param verdict  the verdict
 * @param note     why the verdict is inconclusive or not computed, or a remark; may be null
 */
public record Check(String name, Estimate measured, double theory, double z, Verdict verdict, String note) {
    /** |z| below this is consistent: two-sided tail 0.27 % under the normal law. */
    public static final double Z_LIMIT = 3;

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

    /**
     * @param measured the estimate, or null
     * @param why      the reason where {@code measured} is null
     */
    public static Check of(String name, Estimate measured, double theory, String why) {
        if (measured == null) {
            return new Check(name, null, theory, Double.NaN, Verdict.NOT_COMPUTED, why);
        }
        if (!Double.isFinite(theory)) {
            return new Check(name, measured, theory, Double.NaN, Verdict.NOT_COMPUTED,
                    why != null ? why : "no theoretical value");
        }
        double z = measured.z(theory);
        if (!measured.reliable()) {
            return new Check(name, measured, theory, z, Verdict.INCONCLUSIVE, measured.reason());
        }
        if (Double.isNaN(z)) {
            return new Check(name, measured, theory, z, Verdict.INCONCLUSIVE, "no standard error");
        }
        return new Check(name, measured, theory, z, Math.abs(z) < Z_LIMIT ? Verdict.CONSISTENT : Verdict.VIOLATED,
                why);
    }
}
