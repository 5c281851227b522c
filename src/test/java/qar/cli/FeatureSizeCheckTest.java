package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting times, windows, rate functions and --ft are sized before any work: a model too large
 * for them is one line naming the model option, the feature and the limit, exit 2, never an
 * OutOfMemoryError or an overflowed array size.
 */
class FeatureSizeCheckTest {
    private static void refused(QarCliTest.Result r, String... expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), r.err());
        }
        assertEquals("", r.out());
    }

    /** The reported failures: an OutOfMemoryError at N = 20001 and "qar exact: -1794867295" at N = 100001. */
    @Test
    void waitingTimesOfTooManyLevelsAreRefused() {
        refused(QarCliTest.run("exact", "--N", "20001", "--wtd", "all"), "qar exact: --N = 20001: --wtd takes at most "
                + SizeCheck.WTD_MAX_LEVELS + " levels (the refrigerator's N up to 8001; 10001 here)");
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "100001", "--wtd", "all");
        refused(r, "--N = 100001: --wtd takes at most");
        assertFalse(r.err().contains("-1794867295"), r.err());
    }

    @Test
    void windowsRateFunctionsAndFtOfTooManyLevelsAreRefused() {
        refused(QarCliTest.run("exact", "--N", "20001", "--window", "1"), "--N = 20001: --window takes at most "
                + SizeCheck.WINDOW_MAX_LEVELS + " levels", "dense in the levels");
        refused(QarCliTest.run("exact", "--N", "20001", "--rate-function", "c"), "--N = 20001: --rate-function takes"
                + " at most " + SizeCheck.RATE_FUNCTION_MAX_LEVELS + " levels");
        refused(QarCliTest.run("exact", "--N", "100001", "--ft"), "--N = 100001: --ft takes at most");
        // the reduced model has 3 levels at any N
        QarCliTest.Result ok = QarCliTest.run("exact", "--N", "100001", "--model", "reduced", "--wtd", "all",
                "--window", "1e-3", "--rate-function", "c", "--json");
        assertEquals(0, ok.code(), ok.err());
    }

    /** At the limit the levels pass and the heap decides; one level more is refused whatever the heap. */
    @Test
    void theLimitsAreLevelsAndHeap() {
        long lots = Long.MAX_VALUE;
        SizeCheck.features("--N = x", SizeCheck.WTD_MAX_LEVELS, "--wtd", null, null, null, lots);
        SizeCheck.features("--N = x", SizeCheck.WINDOW_MAX_LEVELS, null, "--window", null, null, lots);
        SizeCheck.features("--N = x", SizeCheck.RATE_FUNCTION_MAX_LEVELS, null, null, "--rate-function", null, lots);
        SizeCheck.features("--N = x", SizeCheck.FT_MAX_LEVELS, null, null, null, "--ft", lots);
        assertThrows(UsageException.class, () -> SizeCheck.features("--N = x", SizeCheck.WTD_MAX_LEVELS + 1,
                "--wtd", null, null, null, lots));
        assertThrows(UsageException.class, () -> SizeCheck.features("--N = x", SizeCheck.WINDOW_MAX_LEVELS + 1,
                null, "--window", null, null, lots));
        assertThrows(UsageException.class, () -> SizeCheck.features("--N = x", SizeCheck.RATE_FUNCTION_MAX_LEVELS + 1,
                null, null, "--rate-function", null, lots));
        assertThrows(UsageException.class, () -> SizeCheck.features("--N = x", SizeCheck.FT_MAX_LEVELS + 1,
                null, null, null, "--ft", lots));
        String m = assertThrows(UsageException.class, () -> SizeCheck.features("--N = 2001", 1001, "--wtd", null,
                null, null, 64L << 20)).getMessage();
        assertTrue(m.startsWith("--N = 2001: --wtd needs about 329 MB of memory (1001 levels) but this Java may use"
                + " 67 MB; give it more with java -Xmx314m"), m);
    }

    /** qar sample always computes dense finite-time cumulants: a process file of too many levels is refused. */
    @Test
    void sampleRefusesAProcessFileTooLargeForItsExactSide(@TempDir Path dir) throws IOException {
        int d = SizeCheck.WINDOW_MAX_LEVELS + 1;
        StringBuilder levels = new StringBuilder();
        StringBuilder channels = new StringBuilder();
        for (int i = 0; i < d; i++) {
            levels.append(i == 0 ? "" : ",").append("{\"name\":\"l").append(i).append("\",\"energy\":").append(i)
                    .append('}');
            if (i + 1 < d) {
                channels.append(i == 0 ? "" : ",").append("{\"from\":\"l").append(i).append("\",\"to\":\"l")
                        .append(i + 1).append("\",\"reservoir\":\"x\",\"rate\":1},{\"from\":\"l").append(i + 1)
                        .append("\",\"to\":\"l").append(i).append("\",\"reservoir\":\"x\",\"rate\":2}");
            }
        }
        Path f = dir.resolve("chain.json");
        Files.writeString(f, "{\"reservoirs\":[{\"name\":\"x\",\"beta\":0.5}],\"levels\":[" + levels
                + "],\"channels\":[" + channels + "]}");
        refused(QarCliTest.run("sample", "--process", f.toString(), "--replicas", "16", "--time", "1"),
                "--process = " + f + ": qar sample takes at most " + SizeCheck.WINDOW_MAX_LEVELS + " levels");
        refused(QarCliTest.run("exact", "--process", f.toString(), "--window", "1"),
                "--process = " + f + ": --window takes at most");
    }
}
