package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

/** {@code --spectral} and {@code --cutoff}: chosen, echoed, validated. */
class SpectralCliTest {

    @Test
    void ohmicIsEchoedAndChangesTheCurrents() throws IOException {
        QarCliTest.Result l = QarCliTest.run("exact", "--json", "--N", "5");
        QarCliTest.Result o = QarCliTest.run("exact", "--json", "--N", "5", "--spectral", "ohmic", "--cutoff", "50");
        assertEquals(0, o.code(), o.err());
        JsonNode lj = Json.MAPPER.readTree(l.out());
        JsonNode oj = Json.MAPPER.readTree(o.out());
        assertEquals("lorentzian", lj.get("model").get("spectral").asText());
        assertEquals("ohmic", oj.get("model").get("spectral").asText());
        assertEquals(50.0, oj.get("model").get("cutoff").asDouble());
        assertTrue(lj.get("reservoirs").get("c").get("current").asDouble()
                != oj.get("reservoirs").get("c").get("current").asDouble());
        // one reservoir's currents still add up to zero (first law)
        assertTrue(Math.abs(oj.get("firstLawResidual").asDouble()) < 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exact --spectral gauss|--spectral = gauss: must be lorentzian or ohmic",
        "exact --spectral ohmic --cutoff 0|--cutoff = 0: must be finite and > 0",
        "exact --spectral ohmic --cutoff -1|--cutoff = -1: must be finite and > 0",
        "exact --spectral ohmic --cutoff 1e1x|--cutoff = 1e1x: must be a plain decimal",
        "exact --spectral ohmic --cutoff 1e-300|--cutoff = 1e-300",
        "exact --model reduced --spectral ohmic|--spectral = ohmic: must be lorentzian for the reduced model",
    })
    void badInputIsOneLineAndExitCodeTwo(String command, String expected) {
        QarCliTest.assertRefused(QarCliTest.run(command.split(" ")), expected);
    }
}
