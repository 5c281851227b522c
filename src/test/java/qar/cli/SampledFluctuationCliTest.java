package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/** {@code qar sample --ft}: its table, JSON section, CSV files and bad input. */
class SampledFluctuationCliTest {
    private static final Set<String> VERDICTS = Set.of("consistent", "violated", "inconclusive", "not computed");

    @Test
    void ftNeedsAWindow() {
        QarCliTest.Result r = QarCliTest.run("sample", "--ft", "--N", "5", "--replicas", "16", "--time", "1");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--ft needs at least one --window"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void jsonAndFilesCarryEveryCheck(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("ft");
        QarCliTest.Result r = QarCliTest.run("sample", "--N", "7", "--time", "200", "--replicas", "64", "--seed", "3",
                "--window", "10", "--window", "50", "--ft", "--json", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(Json.MAPPER.readTree(Files.readString(out.resolve("summary.json"))), j);
        JsonNode f = j.get("fluctuations");
        assertEquals(3.0, f.get("zLimit").asDouble());
        assertEquals(0.999, f.get("carnot").asDouble(), 1e-15);
        assertEquals(2, f.get("windows").size());
        for (JsonNode w : f.get("windows")) {
            List<String> names = new ArrayList<>();
            for (JsonNode c : w.get("checks")) {
                names.add(c.get("name").asText());
                assertTrue(VERDICTS.contains(c.get("verdict").asText()), c.toString());
                assertTrue(c.has("estimate") && c.has("theory") && c.has("z") && c.has("reliable"), c.toString());
            }
            assertEquals(List.of("DFT slope", "IFT <exp(-s)>", "EFT slope", "EFT beta_c - beta_w",
                    "EFT beta_h - beta_w", "TUR c", "TUR h", "TUR w", "COP"), names);
            assertTrue(w.get("integral").get("effectiveSampleSize").asDouble() > 0);
            assertEquals("w", w.get("exchange").get("reference").asText());
            assertTrue(w.get("efficiency").has("aboveCarnot"));
        }
        assertTrue(j.get("files").toString().contains("fluctuation_theorem.csv"), j.get("files").toString());
        String dft = Files.readString(out.resolve("fluctuation_theorem.csv"));
        assertTrue(dft.startsWith("t,s,ln_ratio,stderr,count_plus,count_minus,s_low,s_high,fitted\n"), dft);
        assertTrue(dft.lines().count() > 1, dft);
        String eff = Files.readString(out.resolve("efficiency.csv"));
        assertTrue(eff.startsWith("t,eta_low,eta_high,probability,stderr,rate_exact\n"), eff);
        List<String[]> rows = eff.lines().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(2 * 101, rows.size());
        // the outer bins are open: empty edges; every other edge and J(eta) is a number
        assertEquals("", rows.get(0)[1]);
        assertEquals("", rows.get(100)[2]);
        for (String[] c : rows) {
            assertFalse(c[5].isEmpty(), String.join(",", c));
            assertTrue(Double.parseDouble(c[5]) >= 0);
        }
        assertFalse(dft.contains("NaN") || eff.contains("NaN") || eff.contains("Infinity"));
    }

    @Test
    void tableShowsTheChecksWithTheirVerdictRule() {
        QarCliTest.Result r = QarCliTest.run("sample", "--N", "5", "--time", "100", "--replicas", "32", "--seed", "4",
                "--window", "20", "--ft", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fluctuation checks, windows t = 20"), r.out());
        assertTrue(r.out().contains("consistent where |z| < 3"), r.out());
        for (String name : List.of("DFT slope", "IFT <exp(-s)>", "EFT slope", "TUR c", "COP", "efficiency eta")) {
            assertTrue(r.out().contains(name), name);
        }
        // without --out no J(eta) is computed, and the table says so
        assertTrue(r.out().contains("J(eta) not computed (only with --out"), r.out());
    }
}
