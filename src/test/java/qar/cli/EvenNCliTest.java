package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import qar.report.Json;

/** Even N on the command line: levels m = 0 .. N/2 named by integers, the reduced model refused. */
class EvenNCliTest {

    @Test
    void exactTakesEvenNAndIntegerLevels() throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "6", "--eps-c", "1", "--eps-w", "3", "--eps-h", "4",
                "--start", "2", "--window", "1", "--wtd", "c:1-0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(6, j.get("model").get("N").asInt());
        assertEquals(4, j.get("dimension").asInt());
        // eps on the even sector's gaps Omega, 3 Omega, 4 Omega: the cycle 0 -> 1 -> 2 -> 0 cools c
        assertTrue(j.get("reservoirs").get("c").get("current").asDouble() > 0, r.out());
        QarCliTest.Result t = QarCliTest.run("exact", "--N", "6");
        assertTrue(t.out().contains("populations m = 0, 1, 2, ..."), t.out());
    }

    @Test
    void sampleTakesEvenN() {
        QarCliTest.Result r = QarCliTest.run("sample", "--N", "4", "--replicas", "16", "--time", "10", "--quiet", "--seed", "3");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void reducedModelRefusesEvenN() {
        QarCliTest.Result r = QarCliTest.run("exact", "--model", "reduced", "--N", "6");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--N = 6: must be an odd integer from 5"), r.err());
    }
}
