package qar.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A check's kind is a value; its printed name is derived from the kind and the subject only. */
class CheckTest {

    @Test
    void namesAreTheKindsLabelAndSubject() {
        Estimate e = Estimate.of(1.0, 0.1, 10, 0.8, 1.2);
        assertEquals("DFT slope", Check.of(Check.Kind.DFT_SLOPE, e, 1.0, null).name());
        assertEquals("IFT <exp(-s)>", Check.of(Check.Kind.IFT_MEAN, e, 1.0, null).name());
        assertEquals("EFT slope", Check.of(Check.Kind.EFT_SLOPE, e, 1.0, null).name());
        assertEquals("EFT beta_c - beta_w", Check.of(Check.Kind.EFT_AFFINITY, "beta_c - beta_w", e, 1.0, null).name());
        assertEquals("TUR h", Check.of(Check.Kind.TUR, "h", e, 2.5, null).name());
        assertEquals("COP", Check.of(Check.Kind.COP, null, e, 1.0, null).name());
        assertEquals(Check.Kind.TUR, Check.of(Check.Kind.TUR, "h", null, 2.5, "none").kind());
        assertThrows(IllegalArgumentException.class, () -> Check.of(null, e, 1.0, null));
    }
}
