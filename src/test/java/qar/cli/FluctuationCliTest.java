package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

/** {@code qar exact --ft}: the table, the JSON section, gallavotti_cohen.csv, bad input. */
class FluctuationCliTest {

    @Test
    void jsonCarriesBothChecksWithVerdicts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("ft");
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "7", "--ft", "--window", "1", "--window", "100", "--json",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(Json.MAPPER.readTree(Files.readString(out.resolve("summary.json"))), j);
        JsonNode gc = j.get("fluctuationTheorems").get("gallavottiCohen");
        assertEquals("pass", gc.get("verdict").asText());
        assertTrue(gc.get("maxRelativeDeviation").asDouble() <= gc.get("tolerance").asDouble(), gc.toString());
        assertTrue(gc.get("tolerance").asDouble() < 1e-9, gc.toString());
        assertEquals(141, gc.get("points").asInt());
        assertEquals(71, gc.get("pairs").asInt());
        assertEquals(0, gc.get("skipped").asInt());
        assertEquals(List.of(0.0, 0.25, 1.0, 1.75, 2.0), Json.MAPPER.convertValue(gc.get("grid").get("c"), List.class));
        JsonNode tur = j.get("fluctuationTheorems").get("finiteTimeTur");
        assertEquals(2, tur.size());
        assertEquals(1.0, tur.get(0).get("t").asDouble());
        assertEquals(100.0, tur.get(1).get("t").asDouble());
        for (JsonNode w : tur) {
            assertEquals("stationary", w.get("start").asText());
            for (String res : new String[] {"c", "h", "w"}) {
                JsonNode x = w.get("reservoirs").get(res);
                assertTrue(x.get("ratio").asDouble() >= 2, x.toString());
                assertEquals("pass", x.get("verdict").asText());
                assertEquals(j.get("tur").get(res).asDouble(), x.get("longTime").asDouble());
            }
        }
        // the ratio from the window's own cumulants: Var(Q_t) sigma t / (I t)^2
        JsonNode win = j.get("windows").get(1).get("reservoirs").get("c").get("cumulants");
        double it = j.get("reservoirs").get("c").get("current").asDouble() * 100;
        double expected = win.get(1).asDouble() * j.get("entropyProduction").asDouble() * 100 / (it * it);
        assertEquals(expected, tur.get(1).get("reservoirs").get("c").get("ratio").asDouble(), 1e-9 * expected);
        assertTrue(j.get("files").toString().contains("gallavotti_cohen.csv"), j.get("files").toString());

        List<String> csv = Files.readAllLines(out.resolve("gallavotti_cohen.csv"));
        assertEquals("s_c,s_h,s_w,lambda,lambda_mirror,deviation", csv.get(0));
        assertEquals(1 + 141, csv.size());
        double worst = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] c = line.split(",", -1);
            assertEquals(6, c.length, line);
            double lambda = Double.parseDouble(c[3]);
            double mirror = Double.parseDouble(c[4]);
            double scale = gc.get("scale").asDouble();
            assertEquals(Math.abs(lambda - mirror) / scale, Double.parseDouble(c[5]), 1e-300, line);
            worst = Math.max(worst, Double.parseDouble(c[5]));
        }
        assertEquals(gc.get("maxRelativeDeviation").asDouble(), worst);
        assertFalse(String.join("\n", csv).contains("NaN"));
    }

    @Test
    void theTableShowsEachCheckAndItsVerdict() {
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--ft", "--window", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Gallavotti-Cohen lambda(s) = lambda(beta - s): pass"), r.out());
        assertTrue(r.out().contains("(tolerance "), r.out());
        assertTrue(r.out().contains("grid: 141 points, 71 mirror pairs"), r.out());
        assertTrue(r.out().contains("finite-time TUR Var(Q_t) sigma t / <Q_t>^2 >= 2"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("    t = 10 ") && l.contains(" pass")), r.out());
        assertTrue(r.out().contains("t -> infinity"), r.out());
    }

    @Test
    void withoutWindowsOnlyGallavottiCohenRuns() throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--ft");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("finite-time TUR: give --window t"), r.out());
        JsonNode j = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--ft", "--json").out());
        assertEquals(0, j.get("fluctuationTheorems").get("finiteTimeTur").size());
        JsonNode plain = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--json").out());
        assertFalse(plain.has("fluctuationTheorems"));
    }

    /** The TUR needs the stationary start: --start moves the windows' distributions, not the TUR. */
    @Test
    void theTurStartsStationaryWhateverTheWindowsStart() throws IOException {
        JsonNode a = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--ft", "--window", "3", "--json").out());
        JsonNode b = Json.MAPPER.readTree(QarCliTest.run("exact", "--N", "5", "--ft", "--window", "3", "--start", "5/2",
                "--json").out());
        assertEquals(a.get("fluctuationTheorems"), b.get("fluctuationTheorems"));
        assertFalse(a.get("windows").equals(b.get("windows")));
    }

    /** One temperature: the currents are below resolution, so every TUR ratio is null with a reason. */
    @Test
    void unresolvedRatiosAreNullWithTheirReason() throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--beta-c", "1", "--beta-h", "1", "--beta-w", "1",
                "--ft", "--window", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        JsonNode c = j.get("fluctuationTheorems").get("finiteTimeTur").get(0).get("reservoirs").get("c");
        assertTrue(c.get("ratio").isNull());
        assertTrue(c.get("verdict").isNull());
        assertTrue(j.get("undefined").get("fluctuationTheorems.finiteTimeTur[0].reservoirs.c.ratio").asText()
                .contains("unresolved"));
        // an equilibrium obeys Gallavotti-Cohen too
        assertEquals("pass", j.get("fluctuationTheorems").get("gallavottiCohen").get("verdict").asText());
        QarCliTest.Result t = QarCliTest.run("exact", "--N", "5", "--beta-c", "1", "--beta-h", "1", "--beta-w", "1",
                "--ft", "--window", "1");
        assertTrue(t.out().contains("c n/a (the current of c is unresolved)"), t.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exact --N 5 --ft yes|unknown option or argument 'yes'",
        "exact --N 5 --ft=true|unknown option or argument '--ft=true'",
        "exact --N 5 --ft --window 0|--window = 0:",
        "exact --N 5 --ft --window nan|--window = nan",
        "exact --N 1 --ft|--N = 1",
    })
    void badInputIsOneLineAndExitCodeTwo(String command, String expected) {
        QarCliTest.assertRefused(QarCliTest.run(command.split(" ")), expected);
    }
}
