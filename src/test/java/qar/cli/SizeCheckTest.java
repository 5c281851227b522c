package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import qar.model.ModelParameters;

/** The size limits: N beyond the stated maxima and a heap too small are refused before any work. */
class SizeCheckTest {
    private static void oneLineExit2(QarCliTest.Result r, String... expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), r.err());
        }
        assertEquals("", r.out());
    }

    @Test
    void nAboveTheMaximumIsRefusedWithTheRange() {
        String above = Integer.toString(ModelParameters.MAX_N + 2);
        oneLineExit2(QarCliTest.run("exact", "--N", above), "--N = " + above, "to " + ModelParameters.MAX_N);
        oneLineExit2(QarCliTest.run("sample", "--N", above), "--N = " + above, "to " + ModelParameters.MAX_N);
        oneLineExit2(QarCliTest.run("exact", "--N", "99999999"), "--N = 99999999");
    }

    @Test
    void sampleRefusesNAboveItsDenseFiniteTimeLimit() {
        String above = Integer.toString(SizeCheck.SAMPLE_MAX_N + 2);
        oneLineExit2(QarCliTest.run("sample", "--N", above, "--time", "1e-3"), "--N = " + above,
                "up to " + SizeCheck.SAMPLE_MAX_N, "qar exact takes N up to " + ModelParameters.MAX_N);
    }

    /** Refused exactly when the estimate exceeds the heap; the message says how much to ask for. */
    @Test
    void aHeapSmallerThanTheEstimateIsRefusedAtTheBoundary() {
        ModelParameters p = ModelParameters.defaults().withN(ModelParameters.MAX_N);
        long needed = SizeCheck.exactBytes(p.levels(), 4);
        SizeCheck.heap(p, needed, needed);
        UsageException e = assertThrows(UsageException.class, () -> SizeCheck.heap(p, needed, needed - 1));
        String m = e.getMessage();
        assertTrue(m.startsWith("--N = " + ModelParameters.MAX_N + ": needs about 5.3 GB"), m);
        assertTrue(m.contains("5000000 levels") && m.contains("-Xmx5g"), m);
        assertEquals(1, m.lines().count(), m);
        ModelParameters small = ModelParameters.defaults().withN(100_001);
        String s = assertThrows(UsageException.class, () -> SizeCheck.heap(small, 100_000_000, 67_108_864))
                .getMessage();
        assertTrue(s.contains("needs about 100 MB") && s.contains("may use 67 MB") && s.contains("-Xmx96m"), s);
    }

    /**
     * The stated maximum fits the default heap (a quarter of the memory) of a 24 GB machine at the
     * default order 4, as ModelParameters.MAX_N says; a higher order needs 16 bytes per level and order more.
     */
    @Test
    void theMaximumFitsAQuarterOfTwentyFourGigabytes() {
        long quarter = 6L << 30;
        int levels = ModelParameters.defaults().withN(ModelParameters.MAX_N).levels();
        assertTrue(SizeCheck.exactBytes(levels, 4) <= quarter);
        assertTrue(SizeCheck.exactBytes(levels, qar.exact.ExactSolver.MAX_ORDER) > SizeCheck.exactBytes(levels, 4),
                "order 16 needs more: the estimate grows with the order");
    }
}
