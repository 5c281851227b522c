package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

/** Waiting times, windows and rate functions from the command line: files, schemas, bad input. */
class FiniteTimeCliTest {

    /** Every visible file of an output folder by name, with its text (links followed). */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return out;
    }

    @Test
    void exactWritesEveryTableWithItsDocumentedHeader(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("e");
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "7", "--wtd", "c", "--wtd", "w:5/2-3/2", "--window", "10",
                "--rate-function", "h", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, String> f = files(out);
        assertEquals(List.of("counting.csv", "finite_time_cumulants.csv", "large_deviations.csv", "rate_function.csv",
                "summary.json", "waiting_times.csv"), List.copyOf(f.keySet()));
        assertTrue(f.get("counting.csv").startsWith("reservoir,t,n,exact\n"));
        assertTrue(f.get("waiting_times.csv").startsWith("watched,tau,exactDensity,exactCdf"));
        assertTrue(f.get("rate_function.csv").startsWith("reservoir,j,rate\n"));
        assertTrue(f.get("large_deviations.csv").startsWith("reservoir,t,j,exact\n"));
        assertTrue(f.get("finite_time_cumulants.csv").startsWith("reservoir,t,kappa1,kappa2,kappa3,kappa4,"));
        for (Map.Entry<String, String> e : f.entrySet()) {
            assertFalse(e.getValue().contains("NaN") || e.getValue().contains("Infinity"), e.getKey());
        }
        // P(n, 10) of each reservoir sums to one up to the mass left out (< 1e-12) and rounding
        for (String res : new String[] {"c", "h", "w"}) {
            double sum = f.get("counting.csv").lines().skip(1).map(l -> l.split(",", -1))
                    .filter(c -> c[0].equals(res) && !c[3].isEmpty()).mapToDouble(c -> Double.parseDouble(c[3])).sum();
            assertEquals(1.0, sum, 1e-9, res);
        }
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(Json.MAPPER.readTree(f.get("summary.json")), j);
        assertEquals("c", j.get("waitingTimes").get(0).get("watched").asText());
        assertEquals("w:5/2-3/2", j.get("waitingTimes").get(1).get("watched").asText());
        // Kac: the mean wait between watched jumps is the inverse of their stationary rate
        JsonNode wt = j.get("waitingTimes").get(0);
        assertEquals(1.0, wt.get("mean").asDouble() * wt.get("rate").asDouble(), 1e-12);
        assertEquals(10.0, j.get("windows").get(0).get("t").asDouble());
        assertEquals("stationary", j.get("windows").get(0).get("start").asText());
        // kappa_1(t) = I t from a stationary start
        assertEquals(j.get("reservoirs").get("c").get("current").asDouble() * 10,
                j.get("windows").get(0).get("reservoirs").get("c").get("cumulants").get(0).asDouble(), 1e-12);
        assertEquals("h", j.get("rateFunctions").get(0).get("reservoir").asText());
        assertEquals(5, j.get("files").size());
    }

    /**
     * The cold bath switched off: lambda_w(s) loses its digits at the strong tilts the search of
     * the curve's ends reached, lambda'(s) came out 0.0 at both ends, and the gap 1 % of a range
     * of 0 asked for 2^31 points: the run never ended (qar sample with --window likewise). Then a
     * refusal; since lambda(s) returns NaN for a tilt it cannot resolve (it returned garbage such
     * as -2.2e-4 where the truth is 5e128), the curve skips those tilts and is drawn, at once
     * (its points are checked against the oracle in LambdaConvergenceTest).
     */
    @Test
    void aRateFunctionWhoseEndsLostTheirDigitsIsDrawnNotEndless() {
        QarCliTest.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> QarCliTest.run("exact", "--N", "5", "--gamma-c", "0",
                        "--rate-function", "w"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rate function of w on j = "), r.out());
    }

    /** A reservoir switched off counts 0 with probability 1: its rate -ln P / t is 0.0 (was written -0.0). */
    @Test
    void aCertainCountHasRateZeroNotMinusZero(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("off");
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--gamma-c", "0", "--window", "5", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String ld = files(out).get("large_deviations.csv");
        assertTrue(ld.contains("\nc,5.0,0.0,0.0\n"), ld);
        assertFalse(ld.contains("-0.0"), ld);
    }

    @Test
    void startFromALevelChangesTheWindowsOnly() throws IOException {
        JsonNode a = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--window", "2", "--json").out());
        JsonNode b = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--window", "2", "--start", "5/2",
                "--json").out());
        assertEquals(a.get("reservoirs"), b.get("reservoirs"));
        assertEquals("5/2", b.get("windows").get(0).get("start").asText());
        assertFalse(a.get("windows").equals(b.get("windows")));
    }

    @Test
    void sampleWritesTheSameTablesWhateverTheThreads(@TempDir Path dir) throws IOException {
        String[] args = {"sample", "--N", "7", "--replicas", "128", "--time", "30", "--seed", "5", "--quiet",
            "--wtd", "all", "--wtd", "c", "--window", "3", "--window", "10", "--wtd-points", "40"};
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        QarCliTest.Result r1 = QarCliTest.run(Stream.concat(Stream.of(args),
                Stream.of("--threads", "1", "--out", one.toString())).toArray(String[]::new));
        QarCliTest.Result r3 = QarCliTest.run(Stream.concat(Stream.of(args),
                Stream.of("--threads", "3", "--out", three.toString())).toArray(String[]::new));
        assertEquals(0, r1.code(), r1.err());
        assertEquals(0, r3.code(), r3.err());
        Map<String, String> f1 = files(one);
        Map<String, String> f3 = files(three);
        assertEquals(List.of("counting.csv", "large_deviations.csv", "rate_function.csv", "replicas.csv",
                "summary.json", "waiting_times.csv"), List.copyOf(f1.keySet()));
        for (String name : f1.keySet()) {
            if (!name.equals("summary.json")) {
                assertEquals(f1.get(name), f3.get(name), name);
            }
        }
        assertTrue(f1.get("counting.csv").startsWith("reservoir,t,n,exact,sampled,stderr\n"));
        assertTrue(f1.get("waiting_times.csv").startsWith(
                "watched,tau,exactDensity,exactCdf,sampledDensity,sampledCdf,stderr,"));
        assertTrue(f1.get("large_deviations.csv").startsWith("reservoir,t,j,exact,sampled,stderr\n"));
        JsonNode s1 = Json.MAPPER.readTree(f1.get("summary.json"));
        JsonNode s3 = Json.MAPPER.readTree(f3.get("summary.json"));
        assertEquals(s1.get("waitingTimes"), s3.get("waitingTimes"));
        assertEquals(s1.get("windows"), s3.get("windows"));
        assertEquals(128 * 10, s1.get("windows").get(0).get("windows").asLong());
        assertTrue(s1.get("waitingTimes").get(0).get("chiSquare").has("pValue"));
        assertTrue(r1.out().contains("waiting times all"), r1.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sample --N 5 --wtd x|--wtd = x: must be all, a reservoir",
        "sample --N 5 --wtd c:3/2-7/2|--wtd = c:3/2-7/2: must be a level",
        "sample --N 5 --wtd c:5/2-1/2|--wtd = c:5/2-1/2: is not a channel of the model",
        "sample --N 5 --wtd c --wtd c|--wtd = c: is given twice",
        "sample --N 5 --wtd c --wtd-points 3|--wtd-points = 3",
        "sample --N 5 --window 0|--window = 0:",
        "sample --N 5 --time 50 --window 100|--window = 100: must not exceed --time (50)",
        "sample --N 5 --time 50 --window 1e-6|--window = 1e-6: must be at least --time / 1000000",
        "exact --N 5 --window -1|--window = -1:",
        "exact --N 5 --window 1 --start 7/2|--start = 7/2: must be a level a = 1/2, 3/2, ..., 5/2",
        "exact --N 5 --window 1 --start 2|--start = 2",
        "exact --N 5 --start 3/2|--start = 3/2: needs at least one --window",
        "exact --N 5 --rate-function q|--rate-function = q",
        "exact --N 5 --gamma-c 0 --rate-function c|--rate-function = c: names a reservoir that exchanges no energy",
        "exact --N 5 --gamma-c 0 --gamma-h 0 --rate-function w|--rate-function = w: the energy from w does not fluctuate",
        "exact --N 5 --out /proc/forbidden|--out = /proc/forbidden",
        "sample --N 5 --out /proc/forbidden|--out = /proc/forbidden",
    })
    void badInputIsOneLineAndExitCodeTwo(String command, String expected) {
        QarCliTest.Result r = QarCliTest.run(command.split(" "));
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
        assertEquals("", r.out());
    }

    @Test
    void aWatchedSetThatNeverJumpsIsBadInput() {
        // at zero Gbar of the hot bath, h never jumps
        for (String command : new String[] {"exact", "sample"}) {
            QarCliTest.Result r = QarCliTest.run(command, "--N", "5", "--gamma-h", "0", "--wtd", "h");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--wtd = h"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
