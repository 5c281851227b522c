package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

class SampleCliTest {
    /** A small, fast run: N = 5, 64 replicas of length 50. */
    private static final String[] SMALL = {"sample", "--N", "5", "--replicas", "64", "--time", "50", "--quiet"};

    private static String[] with(String... extra) {
        return Stream.concat(Stream.of(SMALL), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void jsonSummaryHasEstimatesWithExactValues() throws IOException {
        QarCliTest.Result r = QarCliTest.run(with("--seed", "7", "--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(5, j.get("model").get("N").asInt());
        assertEquals(7, j.get("seed").asLong());
        assertEquals(64, j.get("replicas").asLong());
        assertEquals(50.0, j.get("time").asDouble());
        for (String res : new String[] {"c", "h", "w"}) {
            for (String q : new String[] {"current", "noise", "kappa3", "kappa4"}) {
                JsonNode e = j.get("reservoirs").get(res).get(q);
                for (String key : new String[] {"estimate", "stderr", "ciLow", "ciHigh", "exact", "z",
                        "exactFiniteTime", "zFiniteTime", "biased", "reliable"}) {
                    assertTrue(e.has(key), res + "." + q + "." + key);
                }
                if (q.equals("current") || q.equals("noise")) {
                    // within 6 standard errors of the exact finite-time value: t with 7 dof exceeds 6
                    // with probability ~5e-4 per quantity, a wrong sampler or exact value fails
                    double z = e.get("zFiniteTime").asDouble();
                    assertTrue(Math.abs(z) < 6, res + "." + q + " z = " + z);
                }
                if (!e.get("reliable").asBoolean()) {
                    // 64 replicas are far too few for a trusted kappa_3 or kappa_4 interval
                    assertTrue(e.get("ciLow").isNull() && e.get("ciHigh").isNull(), res + "." + q);
                    assertTrue(e.get("unreliable").asText().contains("effective exchanges"), res + "." + q);
                }
            }
            assertFalse(j.get("reservoirs").get(res).get("kappa4").get("reliable").asBoolean(), res);
            assertTrue(j.get("reservoirs").get(res).get("jumps").asLong() > 0);
        }
        // the exact value is the solver's: model.md reference at N = 5, I_c = 0.00229786983571554
        assertEquals(0.00229786983571554, j.get("reservoirs").get("c").get("current").get("exact").asDouble(), 1e-17);
        assertTrue(j.get("jumps").asLong() > 0);
        assertTrue(j.get("jumpsPerSecond").asDouble() > 0);
    }

    @Test
    void sameSeedSameEstimatesWhateverTheThreads() throws IOException {
        JsonNode one = Json.MAPPER.readTree(QarCliTest.run(with("--seed", "11", "--json", "--threads", "1")).out());
        JsonNode three = Json.MAPPER.readTree(QarCliTest.run(with("--seed", "11", "--json", "--threads", "3")).out());
        assertEquals(one.get("reservoirs"), three.get("reservoirs"));
        assertEquals(one.get("jumps"), three.get("jumps"));
    }

    @Test
    void defaultSeedIsFreshAndPrinted() throws IOException {
        JsonNode a = Json.MAPPER.readTree(QarCliTest.run(with("--json")).out());
        JsonNode b = Json.MAPPER.readTree(QarCliTest.run(with("--json")).out());
        // two fresh 64-bit seeds coincide with probability 2^-64
        assertFalse(a.get("seed").equals(b.get("seed")));
        // the table names the seed it used, and rerunning with it repeats the run
        QarCliTest.Result t = QarCliTest.run(with());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("seed (-?\\d+)").matcher(t.out());
        assertTrue(m.find(), t.out());
        JsonNode again = Json.MAPPER.readTree(QarCliTest.run(with("--json", "--seed", m.group(1))).out());
        JsonNode first = Json.MAPPER.readTree(QarCliTest.run(with("--json", "--seed", m.group(1))).out());
        assertEquals(first.get("reservoirs"), again.get("reservoirs"));
        assertTrue(t.out().contains(String.format(java.util.Locale.ROOT, "%.9e",
                again.get("reservoirs").get("c").get("current").get("estimate").asDouble())), t.out());
    }

    @Test
    void outWritesSummaryAndOneCsvRowPerReplica(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run1");
        QarCliTest.Result r = QarCliTest.run(with("--seed", "3", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("replicas.csv"));
        assertEquals("replica,start_level,end_level,energy_c,energy_h,energy_w,jumps_c,jumps_h,jumps_w", rows.get(0));
        assertEquals(65, rows.size());
        assertTrue(rows.get(1).startsWith("0,"));
        assertTrue(rows.get(64).startsWith("63,"));
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.get("seed").asLong());
        // energy is exchanged in whole quanta and conserved: per replica, c + h + w equals the
        // change of the system's energy, which is bounded by the top level's energy
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            long sum = Long.parseLong(f[3]) + Long.parseLong(f[4]) + Long.parseLong(f[5]);
            int start = Integer.parseInt(f[1]);
            int end = Integer.parseInt(f[2]);
            assertEquals((long) (end - start) * (end + start + 1), sum, row);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(".qar", "replicas.csv", "summary.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        OutputSetCliTest.assertOneCompleteSet(out, summary);
    }

    /**
     * replicas.csv is streamed while the threads finish blocks out of order; 40 blocks of 64
     * replicas and a partial one still come out byte for byte the same for 1 and 3 threads.
     */
    @Test
    void replicasCsvIsTheSameWhateverTheThreads(@TempDir Path dir) throws IOException {
        String[] run = {"sample", "--N", "5", "--replicas", "2577", "--time", "1", "--seed", "12", "--quiet", "--out"};
        for (int threads : new int[] {1, 3}) {
            String[] args = Stream.concat(Stream.of(run), Stream.of(dir.resolve("t" + threads).toString(), "--threads",
                    String.valueOf(threads))).toArray(String[]::new);
            assertEquals(0, QarCliTest.run(args).code());
        }
        String one = Files.readString(dir.resolve("t1").resolve("replicas.csv"));
        assertEquals(2578, one.lines().count());
        assertEquals(one, Files.readString(dir.resolve("t3").resolve("replicas.csv")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--time|0|--time = 0:",
        "--time|-5|--time = -5:",
        "--time|Infinity|--time = Infinity",
        "--replicas|15|--replicas = 15",
        "--threads|0|--threads = 0",
        "--N|1|--N = 1",
        "--seed|abc|--seed",
    })
    void badInputIsOneLineAndExitCodeTwo(String option, String value, String expected) {
        QarCliTest.Result r = QarCliTest.run("sample", option, value);
        assertEquals(2, r.code());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
        assertEquals("", r.out());
    }

    @Test
    void outThatIsAFileIsRejectedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        QarCliTest.Result r = QarCliTest.run(with("--out", file.toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out"), r.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        QarCliTest.Result r = QarCliTest.run("sample", "--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--time", "--replicas", "--seed", "--threads", "--out", "--json", "--quiet",
                "--N", "--beta-c", "--gamma-w", "--model"}) {
            assertTrue(r.out().contains(opt), opt);
        }
        assertTrue(r.out().contains("Default: 1000"), r.out());
        assertTrue(r.out().contains("Default: 2560"), r.out());
    }

    /**
     * The engine is reported with its steps: auto aggregates the work flips at N = 5 (fewer steps
     * than jumps), direct takes one step per jump, and a waiting time of every jump makes auto fall
     * back to direct.
     */
    @Test
    void theEngineThatRanIsReported() throws IOException {
        JsonNode auto = Json.MAPPER.readTree(QarCliTest.run(with("--seed", "3", "--json")).out());
        assertEquals("aggregated", auto.get("engine").asText());
        assertTrue(auto.get("engineSteps").asLong() * 10 < auto.get("jumps").asLong(), auto.toString());
        JsonNode direct = Json.MAPPER.readTree(
                QarCliTest.run(with("--seed", "3", "--json", "--engine", "direct")).out());
        assertEquals("direct", direct.get("engine").asText());
        assertEquals(direct.get("jumps").asLong(), direct.get("engineSteps").asLong());
        JsonNode watched = Json.MAPPER.readTree(QarCliTest.run(with("--seed", "3", "--json", "--wtd", "all")).out());
        assertEquals("direct", watched.get("engine").asText());
        assertTrue(watched.get("engineNote").asText().contains("watches the fast flips"), watched.toString());
        assertFalse(auto.has("engineNote"));
        assertFalse(direct.has("engineNote"), "a direct engine asked for needs no note");
        JsonNode cold = Json.MAPPER.readTree(QarCliTest.run(with("--seed", "3", "--json", "--wtd", "c")).out());
        assertEquals("aggregated", cold.get("engine").asText());
        QarCliTest.Result table = QarCliTest.run(with("--seed", "3"));
        assertTrue(table.out().contains("engine aggregated: "), table.out());
    }

    /** The aggregated engine cannot time the fast flips one by one: refused with --wtd all or w, in one line. */
    @Test
    void aggregatedWithAWaitingTimeOfTheFlipsIsRefused() {
        for (String watch : new String[] {"all", "w"}) {
            QarCliTest.Result r = QarCliTest.run(with("--engine", "aggregated", "--wtd", watch));
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--engine") && r.err().contains("--wtd " + watch), r.err());
        }
    }
}
