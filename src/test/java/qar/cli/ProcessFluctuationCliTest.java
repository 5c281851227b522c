package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

/**
 * The checks of issue 8 on chains written with --process: they pass where local detailed balance
 * holds and report a violation where one rate breaks it (runs/process-ldb-violation.json: the rate
 * g -> m is e^-3 instead of e^-4, a factor e).
 */
class ProcessFluctuationCliTest {
    private static JsonNode run(String... args) throws IOException {
        QarCliTest.Result r = QarCliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    @ParameterizedTest
    @CsvSource({"runs/process-three-level.json, pass", "runs/process-ldb-violation.json, violated"})
    void gallavottiCohenSeesTheBrokenRate(String file, String verdict) throws IOException {
        JsonNode gc = run("exact", "--ft", "--json", "--process", file).at("/fluctuationTheorems/gallavottiCohen");
        assertEquals(verdict, gc.get("verdict").asText(), gc.toString());
        if (verdict.equals("violated")) {
            assertTrue(gc.get("maxRelativeDeviation").asDouble() > 1e6 * gc.get("tolerance").asDouble(), gc.toString());
        }
    }

    /**
     * Sampled, fixed seed, 256 replicas x 200 in windows of 1 (51,200 windows, 32 groups): with local
     * detailed balance the DFT slope is 1 within |z| < 3 (the verdict rule; a false alarm has
     * probability 0.27 %); the broken rate pulls the slope to ~0.06 (12 standard errors below 1).
     */
    @ParameterizedTest
    @CsvSource({"runs/process-three-level.json, consistent", "runs/process-ldb-violation.json, violated"})
    void theDetailedTheoremSeesTheBrokenRate(String file, String verdict) throws IOException {
        JsonNode j = run("sample", "--ft", "--window", "1", "--json", "--quiet", "--seed", "3", "--time", "200",
                "--replicas", "256", "--process", file);
        JsonNode dft = j.at("/fluctuations/windows/0/checks/0");
        assertEquals("DFT slope", dft.get("name").asText());
        assertEquals(verdict, dft.get("verdict").asText(), dft.toString());
    }
}
