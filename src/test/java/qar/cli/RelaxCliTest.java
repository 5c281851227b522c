package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code qar relax}: outputs, the t_th scaling of Fig. 7, and refusals. */
class RelaxCliTest {

    /**
     * Fig. 7: t_th falls as about 1/N^2 (App. C: the Clebsch-Gordan boost near the ground state).
     * Over even N = 2..20 the least-squares exponent is about -1.9 (N = 2, where N^2 t_th = 28
     * against ~50 beyond, pulls it off -2); each even N thermalises faster than the one before, and
     * N^2 t_th stays within a factor 2.5 over the range.
     */
    @Test
    void thermalisationTimeFallsAsOneOverNSquared() throws IOException {
        QarCliTest.Result r = QarCliTest.run("relax", "--N", "2:20:2", "--json", "--points", "41");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        JsonNode sizes = j.get("sizes");
        assertEquals(10, sizes.size());
        double last = Double.POSITIVE_INFINITY;
        for (JsonNode s : sizes) {
            double t = s.get("thermalisationTime").asDouble();
            int n = s.get("N").asInt();
            assertTrue(t < last, "t_th did not fall at N = " + n);
            assertTrue(n * n * t > 20 && n * n * t < 70, "N^2 t_th = " + n * n * t + " at N = " + n);
            assertEquals(n / 2 + 1, s.get("levels").asInt());
            JsonNode rel = s.get("relativeEntropy");
            for (int k = 1; k < rel.size(); k++) {
                assertTrue(rel.get(k).asDouble() <= rel.get(k - 1).asDouble() || rel.get(k).asDouble() < 1e-24);
            }
            last = t;
        }
        double p = j.get("exponent").asDouble();
        assertTrue(p > -2.2 && p < -1.6, "exponent " + p);
        assertEquals("ohmic", j.get("spectral").asText());
        assertEquals(100.0, j.get("cutoff").asDouble());
    }

    /** beta_f = 1e308: S(t_min) = beta_f E overflows for N >= 3; the table printed "Infinity". */
    @Test
    void anOverflowingRelativeEntropyIsSaidSo() {
        QarCliTest.Result r = QarCliTest.run("relax", "--N", "2:3", "--beta-f", "1e308", "--points", "11");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("Infinity") && !r.out().contains("NaN"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+3\\s+2\\s+not reached\\s+> 1.8e308")), r.out());
    }

    /** t_max / t_min overflows at --t-min 1e-320: every grid time was NaN and exit 1 ("t must be finite"). */
    @Test
    void aSubnormalTMinGivesALogGrid() throws IOException {
        QarCliTest.Result r = QarCliTest.run("relax", "--N", "2:4:2", "--t-min", "1e-320", "--points", "41", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode times = Json.MAPPER.readTree(r.out()).get("times");
        assertEquals(41, times.size());
        assertEquals(1e-320, times.get(0).asDouble());
        assertEquals(100.0, times.get(40).asDouble());
        for (int k = 1; k < times.size(); k++) {
            assertTrue(times.get(k).asDouble() > times.get(k - 1).asDouble(), "times not increasing at " + k);
        }
        // equal steps in ln t: the middle point is the geometric mean of the ends
        assertEquals(0.5 * (Math.log(1e-320) + Math.log(100)), Math.log(times.get(20).asDouble()), 1e-12);
    }

    @Test
    void outWritesBothTables(@TempDir Path dir) throws IOException {
        QarCliTest.Result r = QarCliTest.run("relax", "--N", "4", "--N", "7", "--points", "5", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fitted t_th ~ N^p"), r.out());
        List<String> relax = Files.readAllLines(dir.resolve("relax.csv"));
        assertEquals("N,t,relative_entropy", relax.get(0));
        assertEquals(1 + 2 * 5, relax.size());
        assertTrue(relax.get(1).startsWith("4,1.0E-4,"), relax.get(1));
        List<String> th = Files.readAllLines(dir.resolve("thermalisation.csv"));
        assertEquals(List.of("N", "t_th"), List.of(th.get(0).split(",")));
        assertEquals(3, th.size());
        assertTrue(th.get(2).startsWith("7,"), th.get(2));
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void unreachedThresholdIsAnEmptyCell(@TempDir Path dir) throws IOException {
        QarCliTest.Result r = QarCliTest.run("relax", "--N", "2", "--t-max", "0.01", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Json.MAPPER.readTree(r.out()).get("sizes").get(0).get("thermalisationTime").isNull());
        assertEquals("2,", Files.readAllLines(dir.resolve("thermalisation.csv")).get(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "relax --N 1|--N = 1: must be an integer N from 2",
        "relax --N 5:3|--N = 5:3",
        "relax --N 2:x|--N = x",
        "relax --N 2:10:0|--N = 2:10:0",
        "relax --spectral gauss|--spectral = gauss",
        "relax --cutoff 0|--cutoff = 0: must be finite and > 0",
        "relax --beta-f nan|--beta-f = nan",
        "relax --t-max 1e-5|--t-max = 1e-5: must be > --t-min",
        "relax --points 1|--points = 1",
        "relax --threshold -1|--threshold = -1",
        "relax --N 2000 --t-max 1e4|--t-max = 1e4: the propagation would take",
        "relax --N 5 --threshold 1e-40|--threshold 1.0E-40 is within the rounding of S",
    })
    void badInputIsOneLineAndExitCodeTwo(String command, String expected) {
        QarCliTest.assertRefused(QarCliTest.run(command.split(" ")), expected);
    }

    /**
     * One temperature: rho(0) is the target, S is exactly 0 at every t (it printed round-off, 1e-33);
     * at the defaults S never rises again (its tail rose at the 1e-32 level of rounding): below its
     * resolution it is 0, and so is every later point.
     */
    @Test
    void relativeEntropyBelowItsRoundingIsZero() throws IOException {
        QarCliTest.Result r = QarCliTest.run("relax", "--beta-i", "4", "--beta-f", "4", "--json");
        assertEquals(0, r.code(), r.err());
        for (JsonNode s : Json.MAPPER.readTree(r.out()).get("sizes")) {
            assertEquals(0.0, s.get("thermalisationTime").asDouble(-1));
            for (JsonNode v : s.get("relativeEntropy")) {
                assertEquals(0.0, v.asDouble(-1), s.get("N").toString());
            }
        }
        QarCliTest.Result table = QarCliTest.run("relax", "--beta-i", "4", "--beta-f", "4");
        assertTrue(table.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+ .*"))
                .allMatch(l -> l.endsWith(" 0.0000e+00")), table.out());
        r = QarCliTest.run("relax", "--json");
        assertEquals(0, r.code(), r.err());
        for (JsonNode s : Json.MAPPER.readTree(r.out()).get("sizes")) {
            JsonNode rel = s.get("relativeEntropy");
            JsonNode res = s.get("relativeEntropyResolution");
            boolean reachedZero = false;
            for (int k = 0; k < rel.size(); k++) {
                double v = rel.get(k).asDouble();
                assertTrue(k == 0 || v <= rel.get(k - 1).asDouble(), "S rose at N = " + s.get("N") + ", point " + k);
                assertTrue(v == 0 || v > res.get(k).asDouble(), "an S within its resolution is printed");
                reachedZero |= v == 0;
            }
            assertTrue(reachedZero, "S reaches its rounding by t = 100 at N = " + s.get("N"));
        }
    }
}
