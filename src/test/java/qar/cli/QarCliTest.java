package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import qar.report.Json;

class QarCliTest {

    /** Exit code, stdout and stderr of one run. */
    record Result(int code, String out, String err) {
    }

    /** Bad input: exit 2, one line on stderr containing {@code expected}, nothing on stdout. */
    static void assertRefused(Result r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("", r.out());
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Qar.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultTableShowsTheReferenceCurrent() {
        Result r = run("exact");
        assertEquals(0, r.code(), r.err());
        // model.md reference (QuTiP and a 50-digit computation): I_c = 0.0970481367755701 at N = 31
        assertTrue(r.out().contains("9.704813677557"), r.out());
        assertTrue(r.out().contains("first-law residual"), r.out());
        // the residual at the defaults (5.6e-17) is within its resolution: round-off, printed as 0
        assertTrue(r.out().contains("0 within round-off (resolution"), r.out());
    }

    @Test
    void jsonHasTheDocumentedSchema() throws IOException {
        Result r = run("exact", "--json", "--N", "5", "--order", "6");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String key : new String[] {"model", "N", "omega", "betaC", "betaH", "betaW", "epsC", "epsH", "epsW",
                "deltaC", "deltaH", "deltaW", "gammaC", "gammaH", "gammaW"}) {
            assertTrue(j.get("model").has(key), key);
        }
        assertEquals("full", j.get("model").get("model").asText());
        assertEquals(5, j.get("model").get("N").asInt());
        assertEquals(3, j.get("dimension").asInt());
        assertEquals(3, j.get("populations").size());
        for (String res : new String[] {"c", "h", "w"}) {
            JsonNode o = j.get("reservoirs").get(res);
            assertEquals(6, o.get("cumulants").size());
            assertEquals(o.get("current").asDouble(), o.get("cumulants").get(0).asDouble());
            assertEquals(o.get("noise").asDouble(), o.get("cumulants").get(1).asDouble());
            assertTrue(j.get("tur").has(res));
        }
        // model.md reference at N = 5: I_c = 0.00229786983571554 (15 digits given)
        assertEquals(0.00229786983571554, j.get("reservoirs").get("c").get("current").asDouble(), 2e-17);
        for (String key : new String[] {"entropyProduction", "firstLawResidual", "cop", "copCarnot", "copTurBound"}) {
            assertTrue(j.has(key), key);
        }
    }

    @Test
    void copTurBoundIsNullOutsideItsRegime() throws IOException {
        // beta_c < beta_h: eq. (20) does not apply
        Result r = run("exact", "--json", "--beta-c", "0.5");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(j.get("copTurBound").isNull());
        assertTrue(j.get("copCarnot").isNull());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--N|0|--N = 0",
        "--N|1|--N = 1",
        "--N|abc|--N",
        "--beta-c|-1|--beta-c = -1:",
        "--beta-h|0|--beta-h = 0:",
        "--eps-w|0|--eps-w = 0:",
        "--delta-h|-0.1|--delta-h = -0.1:",
        "--delta-w|NaN|--delta-w = NaN",
        "--gamma-c|-1|--gamma-c = -1:",
        "--omega|Infinity|--omega = Infinity",
        "--order|1|--order = 1",
        "--order|17|--order = 17",
        "--model|foo|--model = foo",
    })
    void badInputIsOneLineAndExitCodeTwo(String option, String value, String expected) {
        Result r = run("exact", option, value);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void noReservoirAtAllIsBadInput() {
        Result r = run("exact", "--gamma-c", "0", "--gamma-h", "0", "--gamma-w", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--gamma-c = 0:"), r.err());
    }

    @Test
    void reducedModelNeedsFiveSpins() {
        Result r = run("exact", "--model", "reduced", "--N", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--N = 3"), r.err());
    }

    @Test
    void unknownOptionIsOneLine() {
        Result r = run("exact", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Result r = run("exact", "--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--N", "--omega", "--beta-c", "--beta-h", "--beta-w", "--eps-c", "--eps-h",
                "--eps-w", "--delta-c", "--delta-h", "--delta-w", "--gamma-c", "--gamma-h", "--gamma-w", "--model",
                "--order", "--json"}) {
            assertTrue(r.out().contains(opt), opt);
        }
        assertTrue(r.out().contains("Default: 31"));
        assertTrue(r.out().contains("Default: full"));
    }

    @Test
    void runSpecificationFromFile(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.args");
        Files.writeString(spec, "--N\n7\n--beta-c\n3\n");
        Result r = run("exact", "@" + spec, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(7, j.get("model").get("N").asInt());
        assertEquals(3.0, j.get("model").get("betaC").asDouble());
    }

    @Test
    void noCommandPrintsUsage() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.out().contains("exact"));
    }
}
