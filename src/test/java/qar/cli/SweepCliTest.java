package qar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import qar.report.Json;
import qar.report.SweepCsv;

class SweepCliTest {
    private static final List<String> COLUMNS = SweepCsv.columns();

    private static QarCliTest.Result run(String... args) {
        return QarCliTest.run(args);
    }

    /** The rows of a CSV, each split into its cells (-1: trailing empty cells kept; no quoted commas here). */
    private static List<String[]> rows(String csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private static String cell(String[] row, String column) {
        return row[COLUMNS.indexOf(column)];
    }

    @Test
    void linearRangesAreDecimalAndIncludeTheEnd() {
        assertArrayEquals(new double[] {1, 1.25, 1.5, 1.75, 2}, SweepRange.parse("beta-c=1:2:0.25").values());
        double[] v = SweepRange.parse("beta-c=1:4:0.015").values();
        assertEquals(201, v.length);
        assertEquals(1.015, v[1]);
        assertEquals(3.985, v[199]);
        assertEquals(4.0, v[200]);
        // b not a whole number of steps away: the last point is the last step before b
        assertArrayEquals(new double[] {1, 1.4, 1.8}, SweepRange.parse("beta-c=1:2:0.4").values());
        assertArrayEquals(new double[] {2, 1.5, 1}, SweepRange.parse("eps-h=2:1:-0.5").values());
        assertArrayEquals(new double[] {3}, SweepRange.parse("omega=3:3:1").values());
        assertEquals("betaC", SweepRange.parse("beta-c=1:2:0.25").parameter());
        assertEquals("deltaW", SweepRange.parse("delta-w=1,2").parameter());
    }

    @Test
    void integerRangesStayOdd() {
        assertArrayEquals(new double[] {5, 7, 9, 11}, SweepRange.parse("N=5:11:2").values());
        assertArrayEquals(new double[] {61, 31}, SweepRange.parse("N=61:2:-30").values());
        assertArrayEquals(new double[] {5, 31, 101}, SweepRange.parse("N=5,31,101").values());
        // even N is a model too (App. A.2)
        assertArrayEquals(new double[] {4, 5, 6}, SweepRange.parse("N=4:6:1").values());
    }

    @Test
    void logRangesAreGeometricWithExactEnds() {
        double[] v = SweepRange.parse("delta-w=1e-5:1e-1:log5").values();
        assertEquals(5, v.length);
        assertEquals(1e-5, v[0]);
        assertEquals(1e-1, v[4]);
        for (int i = 1; i < 4; i++) {
            // exp and log round to within a few ulps
            assertEquals(Math.pow(10, -5 + i), v[i], 1e-14 * v[i]);
        }
        assertArrayEquals(new double[] {-1, -100}, SweepRange.parse("eps-c=-1:-100:log2").values(), 1e-13);
    }

    @Test
    void listsKeepTheirOrder() {
        assertArrayEquals(new double[] {0.3, 0.1, 2e-3}, SweepRange.parse("gamma-c=0.3,0.1,2e-3").values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"beta-x=1:2:0.5", "betaC=1:2:0.5", "--beta-c=1:2:0.5", "beta-c", "beta-c=",
        "beta-c=1:2", "beta-c=1:2:0.5:1", "beta-c=1:2:-0.5", "beta-c=2:1:0.5", "beta-c=1:2:0", "beta-c=1:2:log1",
        "beta-c=1:2:log", "beta-c=1:2:logx", "beta-c=0:2:log5", "beta-c=-1:2:log5", "beta-c=1,,2", "beta-c=1,0x2",
        "beta-c=+1:2:1", "N=5:11:log3", "N=5.0,7", "beta-c=0:1:1e-7",
        "model=full,reduced"})
    void badSweepsAreOneLineNamingTheOptionAndText(String spec) {
        QarCliTest.Result r = run("sweep", "--sweep", spec);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("qar sweep: --sweep = "), r.err());
        assertTrue(r.err().contains(spec.isEmpty() ? "\"\"" : spec), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void moreThanTwoSweepsTheSameTwiceAndTooManyPointsAreRefused() {
        QarCliTest.Result three = run("sweep", "--sweep", "beta-c=1,2", "--sweep", "beta-h=1,2", "--sweep", "N=5,7");
        assertEquals(2, three.code());
        assertTrue(three.err().contains("--sweep = N=5,7: at most two"), three.err());
        QarCliTest.Result twice = run("sweep", "--sweep", "beta-c=1,2", "--sweep", "beta-c=3,4");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--sweep = beta-c=3,4: sweeps beta-c a second time"), twice.err());
        QarCliTest.Result many = run("sweep", "--sweep", "beta-c=1:2:1e-4", "--sweep", "beta-h=1:2:1e-2");
        assertEquals(2, many.code());
        assertTrue(many.err().contains("more than 1000000 points"), many.err());
        QarCliTest.Result fixed = run("sweep", "--beta-c", "3", "--sweep", "beta-c=1,2");
        assertEquals(2, fixed.code());
        assertTrue(fixed.err().contains("also given a fixed value"), fixed.err());
        QarCliTest.Result none = run("sweep");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--sweep is required"), none.err());
    }

    @Test
    void columnsAreTheModelThenTheExactJsonPaths() {
        QarCliTest.Result r = run("sweep", "--N", "5", "--sweep", "beta-c=2");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("model", "N", "omega", "betaC", "epsC", "deltaC", "gammaC", "betaH", "epsH", "deltaH",
                "gammaH", "betaW", "epsW", "deltaW", "gammaW", "c.current", "c.noise", "c.kappa3", "c.kappa4",
                "h.current", "h.noise", "h.kappa3", "h.kappa4", "w.current", "w.noise", "w.kappa3", "w.kappa4",
                "cop", "copCarnot", "copTurBound", "tur.c", "tur.h", "tur.w", "entropyProduction", "error"),
                Arrays.asList(rows(r.out()).get(0)));
    }

    /** Every quantity column of a row against the JSON of {@code qar exact --json} at the same point. */
    private static void assertRowIsTheExactJson(String[] row, JsonNode j) {
        for (String c : COLUMNS) {
            String cell = cell(row, c);
            if (c.equals("error")) {
                assertEquals("", cell);
                continue;
            }
            JsonNode v;
            int dot = c.indexOf('.');
            if (c.equals("model") || COLUMNS.indexOf(c) < COLUMNS.indexOf("c.current")) {
                v = j.get("model").get(c);
            } else if (dot > 0 && !c.startsWith("tur.")) {
                JsonNode res = j.get("reservoirs").get(c.substring(0, dot));
                String q = c.substring(dot + 1);
                v = q.startsWith("kappa") ? res.get("cumulants").get(q.charAt(5) - '1') : res.get(q);
            } else if (dot > 0) {
                v = j.get("tur").get(c.substring(dot + 1));
            } else {
                v = j.get(c);
            }
            // the same digits: both are Java's shortest round-trip decimal; null is an empty cell
            assertEquals(v.isNull() ? "" : v.asText(), cell, c);
        }
    }

    @Test
    void rowsEqualQarExactJsonToTheLastDigit() throws IOException {
        QarCliTest.Result r = run("sweep", "--N", "11", "--delta-w", "0.01", "--sweep", "beta-c=0.5,1,2,3.5");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(r.out());
        assertEquals(5, rows.size());
        String[] betas = {"0.5", "1", "2", "3.5"};
        for (int i = 0; i < betas.length; i++) {
            QarCliTest.Result e = run("exact", "--json", "--N", "11", "--delta-w", "0.01", "--beta-c", betas[i]);
            assertEquals(0, e.code(), e.err());
            assertRowIsTheExactJson(rows.get(i + 1), Json.MAPPER.readTree(e.out()));
        }
        // beta_c <= beta_h: the Carnot COP and the TUR bound are undefined, so their cells are empty
        assertEquals("", cell(rows.get(1), "copCarnot"));
        assertEquals("", cell(rows.get(2), "copTurBound"));
        assertTrue(!cell(rows.get(3), "copCarnot").isEmpty());
        assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"), r.out());
    }

    @Test
    void nSweepRowsEqualQarExactJson() throws IOException {
        QarCliTest.Result r = run("sweep", "--model", "reduced", "--sweep", "N=5:9:4");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(r.out());
        assertEquals(3, rows.size());
        for (int i = 1; i < 3; i++) {
            QarCliTest.Result e = run("exact", "--json", "--model", "reduced", "--N", cell(rows.get(i), "N"));
            assertRowIsTheExactJson(rows.get(i), Json.MAPPER.readTree(e.out()));
        }
        assertEquals("reduced", cell(rows.get(1), "model"));
        assertEquals("9", cell(rows.get(2), "N"));
    }

    @Test
    void anInvalidPointIsAnErrorRowNotAFailedSweep() {
        QarCliTest.Result r = run("sweep", "--sweep", "delta-c=-0.1,0.1", "--sweep", "N=1,5");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size());
        // the error is one quoted field, the last; every quantity before it is empty
        for (int i = 1; i <= 3; i++) {
            String line = lines.get(i);
            int quote = line.indexOf('"');
            assertTrue(quote > 0 && line.endsWith("\""), line);
            String[] cells = line.substring(0, quote).split(",", -1);
            for (int c = COLUMNS.indexOf("c.current"); c < COLUMNS.indexOf("error"); c++) {
                assertEquals("", cells[c], line);
            }
        }
        assertTrue(lines.get(2).contains("deltaC = -0.1: must be finite and > 0"), lines.get(2));
        assertTrue(lines.get(3).contains("N = 1"), lines.get(3));
        String[] good = rows(lines.get(4)).get(0);
        assertEquals("", cell(good, "error"));
        assertTrue(!cell(good, "c.current").isEmpty());
    }

    @Test
    void nOutsideTheModelIsAnErrorRow() {
        for (String[] args : new String[][] {{"--sweep", "N=1"}, {"--model", "reduced", "--sweep", "N=3"},
            {"--sweep", "N=-3"}, {"--sweep", "N=10000001"}}) {
            QarCliTest.Result r = run(concat(new String[] {"sweep"}, args));
            assertEquals(0, r.code(), r.err());
            String row = r.out().lines().toList().get(1);
            assertTrue(row.contains("\"N = ") && row.contains("must be an") && row.contains("integer from"), row);
        }
    }

    @Test
    void aGridVariesTheSecondSweepFastest() {
        QarCliTest.Result r = run("sweep", "--sweep", "N=5,7", "--sweep", "beta-c=1.5,2.5,3");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(r.out());
        String[][] expected = {{"5", "1.5"}, {"5", "2.5"}, {"5", "3.0"}, {"7", "1.5"}, {"7", "2.5"}, {"7", "3.0"}};
        assertEquals(expected.length + 1, rows.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], cell(rows.get(i + 1), "N"));
            assertEquals(expected[i][1], cell(rows.get(i + 1), "betaC"));
        }
    }

    @Test
    void theTableDoesNotDependOnTheThreads() {
        String[] args = {"sweep", "--N", "9", "--sweep", "beta-c=1:3:0.25", "--sweep", "delta-w=1e-4:1e-1:log7"};
        String one = run(concat(args, "--threads", "1")).out();
        String three = run(concat(args, "--threads", "3")).out();
        assertEquals(9 * 7 + 1, one.lines().count());
        assertEquals(one, three);
    }

    @Test
    void outWritesSweepCsv(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        QarCliTest.Result r = run("sweep", "--N", "5", "--sweep", "beta-c=1,2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String csv = Files.readString(out.resolve(SweepCsv.NAME));
        assertEquals(3, csv.lines().count());
        assertEquals(run("sweep", "--N", "5", "--sweep", "beta-c=1,2").out(), csv);
        assertTrue(r.out().contains("wrote"), r.out());
    }

    @Test
    void aProcessFileCannotBeSwept() {
        assertThrows(UsageException.class, () -> SweepRange.parse("process=1,2"));
    }

    @Test
    void sampledPointsMatchQarSampleWithTheSameSeed() throws IOException {
        String[] args = {"sweep", "--N", "5", "--sweep", "beta-c=1:3:0.5", "--sample-every", "2", "--time", "100",
            "--replicas", "64", "--seed", "7", "--quiet"};
        QarCliTest.Result r = run(concat(args, "--threads", "1"));
        assertEquals(0, r.code(), r.err());
        List<String> columns = SweepCsv.columns(true);
        List<String[]> rows = rows(r.out());
        assertEquals(columns, Arrays.asList(rows.get(0)));
        assertEquals(6, rows.size());
        int current = columns.indexOf("sampled.c.current");
        for (int i = 1; i < rows.size(); i++) {
            // points 0, 2, 4 are sampled, 1 and 3 have empty sampled cells
            for (int c = current; c < columns.indexOf("error"); c++) {
                assertEquals((i - 1) % 2 == 0, !rows.get(i)[c].isEmpty(), columns.get(c) + " row " + i);
            }
        }
        // the first sampled point draws from the master itself: qar sample with the same seed, to the digit
        QarCliTest.Result s = run("sample", "--json", "--quiet", "--N", "5", "--beta-c", "1", "--time", "100",
                "--replicas", "64", "--seed", "7");
        JsonNode j = Json.MAPPER.readTree(s.out()).get("reservoirs");
        for (String res : new String[] {"c", "h", "w"}) {
            for (String q : new String[] {"current", "noise"}) {
                assertEquals(j.get(res).get(q).get("estimate").asText(),
                        rows.get(1)[columns.indexOf("sampled." + res + "." + q)], res + q);
                assertEquals(j.get(res).get(q).get("stderr").asText(),
                        rows.get(1)[columns.indexOf("sampled." + res + "." + q + "Err")], res + q);
            }
        }
        // and the sampled cells do not depend on the threads
        assertEquals(r.out(), run(concat(args, "--threads", "2")).out());
    }

    @Test
    void sampleOptionsNeedSampleEvery() {
        for (String[] a : new String[][] {{"--time", "10"}, {"--replicas", "64"}, {"--seed", "1"}}) {
            QarCliTest.Result r = run("sweep", "--sweep", "beta-c=1,2", a[0], a[1]);
            assertEquals(2, r.code());
            assertTrue(r.err().contains(a[0] + " applies to sampled points and needs --sample-every"), r.err());
        }
        QarCliTest.Result zero = run("sweep", "--sweep", "beta-c=1,2", "--sample-every", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--sample-every = 0: must be an integer >= 1"), zero.err());
        QarCliTest.Result few = run("sweep", "--sweep", "beta-c=1,2", "--sample-every", "1", "--replicas", "2");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("--replicas = 2"), few.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
