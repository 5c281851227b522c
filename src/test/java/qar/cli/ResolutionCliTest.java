package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import qar.report.Json;

/** The hardening issue's round-off reports: no number the arithmetic cannot resolve reaches the user. */
class ResolutionCliTest {
    private static JsonNode exactJson(String... options) throws IOException {
        String[] args = new String[options.length + 2];
        args[0] = "exact";
        args[1] = "--json";
        System.arraycopy(options, 0, args, 2, options.length);
        QarCliTest.Result r = QarCliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    /** One temperature: currents ~1e-18 and TUR -15122 were printed; now null with a reason. */
    @Test
    void oneTemperatureWithholdsCurrentsAndRatios() throws IOException {
        JsonNode j = exactJson("--beta-c", "1", "--beta-h", "1", "--beta-w", "1");
        for (String r : new String[] {"c", "h", "w"}) {
            assertTrue(j.at("/reservoirs/" + r + "/current").isNull(), r);
            assertTrue(j.at("/reservoirs/" + r + "/noise").asDouble() > 0, r);
            assertTrue(j.at("/tur/" + r).isNull(), r);
            assertTrue(j.at("/undefined/tur." + r).asText().contains("unresolved"), j.at("/undefined").toString());
            assertTrue(j.at("/undefined/reservoirs." + r + ".current").asText().startsWith("unresolved"));
            assertTrue(j.at("/reservoirs/" + r + "/resolution/0").asDouble() > 0);
        }
        assertTrue(j.get("cop").isNull());
        assertTrue(j.get("entropyProduction").isNull());
        QarCliTest.Result table = QarCliTest.run("exact", "--beta-c", "1", "--beta-h", "1", "--beta-w", "1");
        assertFalse(table.out().contains("-15122") || table.out().contains("0.497"), table.out());
        assertTrue(table.out().contains("c undefined"), table.out());
    }

    /**
     * A cold bath of gamma 1e-320: I_c and S_c are a few subnormals, S sigma / I^2 is above the
     * doubles. The table printed "TUR ... c Infinity" and "t = 10 c Infinity pass", and --json a
     * null without a reason; now "> 1.8e308", and the reason under "undefined".
     */
    @Test
    void aTurAboveTheDoublesIsSaidSo() throws IOException {
        JsonNode j = exactJson("--N", "5", "--gamma-c", "1e-320");
        assertTrue(j.at("/tur/c").isNull());
        assertTrue(j.at("/undefined/tur.c").asText().contains("above the double range"), j.at("/undefined").toString());
        assertTrue(j.at("/tur/h").asDouble() > 2, j.at("/tur").toString());
        QarCliTest.Result table = QarCliTest.run("exact", "--N", "5", "--gamma-c", "1e-320", "--window", "10", "--ft");
        assertEquals(0, table.code(), table.err());
        assertFalse(table.out().contains("Infinity") || table.out().contains("NaN"), table.out());
        assertTrue(table.out().contains("c > 1.8e308   h 5.8987"), table.out());
        assertTrue(table.out().contains("c > 1.8e308 pass"), table.out());
        // Carnot COP 1 / (1e308 - 1) = 1e-308 was printed as 0.0000000000
        QarCliTest.Result cold = QarCliTest.run("exact", "--N", "5", "--beta-c", "1e308");
        assertEquals(0, cold.code(), cold.err());
        assertTrue(cold.out().contains("Carnot COP                     1.000e-308"), cold.out());
    }

    /**
     * The work reservoir alone: S_w = -1.2e-27 and TUR w = -0.096 (1.104 at N = 1001) were printed.
     * Its count is a function of the level: every cumulant is exactly 0, printed as 0 with
     * resolution 0 (it was "unresolved"), and the TUR is undefined.
     */
    @ParameterizedTest
    @ValueSource(strings = {"31", "1001"})
    void aSingleBathHasNoCumulants(String n) throws IOException {
        JsonNode j = exactJson("--gamma-c", "0", "--gamma-h", "0", "--N", n);
        for (int k = 0; k < 4; k++) {
            assertEquals(0.0, j.at("/reservoirs/w/cumulants/" + k).asDouble(-1), 0.0, j.at("/reservoirs/w").toString());
            assertEquals(0.0, j.at("/reservoirs/w/resolution/" + k).asDouble(-1), 0.0, j.at("/reservoirs/w").toString());
        }
        assertTrue(j.at("/tur/w").isNull());
    }

    /** TUR c was 6.789474 at 1e-160 and null at 1e-200 and 1e200; it is 6.753098 at every scale. */
    @ParameterizedTest
    @ValueSource(strings = {"1e-300", "1e-200", "1e-160", "1", "1e200", "1e300"})
    void theTurDoesNotDependOnTheRateScale(String g) throws IOException {
        JsonNode j = exactJson("--gamma-c", g, "--gamma-h", g, "--gamma-w", g);
        assertEquals(6.753098, j.at("/tur/c").asDouble(), 5e-7);
        assertEquals(0.6625681370, j.get("copTurBound").asDouble(), 5e-11);
    }

    /** I_c = -5226.5 at 1e35, a negative noise at 1e40, NaN at 1e300: now withheld, no NaN. */
    @ParameterizedTest
    @ValueSource(strings = {"--gamma-c=1e35", "--gamma-c=1e40", "--gamma-c=1e300", "--beta-c=1e-50",
            "--beta-c=1e-300", "--beta-w=1e-300"})
    void beyondTheArithmeticNothingWrongIsPrinted(String option) throws IOException {
        String[] kv = option.split("=");
        QarCliTest.Result r = QarCliTest.run("exact", "--json", kv[0], kv[1]);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String res : new String[] {"c", "h", "w"}) {
            JsonNode noise = j.at("/reservoirs/" + res + "/noise");
            assertTrue(noise.isNull() || noise.asDouble() > 0, res + " noise " + noise);
        }
        assertTrue(Math.abs(j.get("firstLawResidual").asDouble()) <= j.get("firstLawResolution").asDouble());
    }

    /** Sampling at one temperature compares with an exact 0, not with round-off. */
    @Test
    void sampleComparesWithZeroWhereTheExactValueIsUnresolved() throws IOException {
        QarCliTest.Result r = QarCliTest.run("sample", "--json", "--quiet", "--seed", "1", "--N", "5", "--replicas",
                "64", "--time", "20", "--beta-c", "1", "--beta-h", "1", "--beta-w", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode c = Json.MAPPER.readTree(r.out()).at("/reservoirs/c/current");
        assertEquals(0.0, c.get("exact").asDouble());
        assertEquals(0.0, c.get("exactFiniteTime").asDouble());
    }

    /**
     * Widths 1e-12 make modes with rates ~1e-24: the long-time noise is ~1e22, but at T = 50 the
     * finite-time variance rate is O(1). It was printed as -3.8e45; now it is positive and the
     * estimate agrees with it (z within 4: a failure rate of 6e-5 per quantity at a fixed seed).
     */
    @Test
    void finiteTimeNoiseWithVeryNarrowBathsIsPositive() throws IOException {
        QarCliTest.Result r = QarCliTest.run("sample", "--json", "--quiet", "--seed", "7", "--time", "50",
                "--replicas", "32", "--delta-c", "1e-12", "--delta-h", "1e-12", "--delta-w", "1e-12");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String res : new String[] {"c", "h", "w"}) {
            JsonNode noise = j.at("/reservoirs/" + res + "/noise");
            assertTrue(noise.get("exactFiniteTime").asDouble() > 0, noise.toString());
            assertTrue(Math.abs(noise.get("zFiniteTime").asDouble()) < 4, noise.toString());
        }
    }

    /** Subnormal rates keep three digits: every answer would too, so the model is refused. */
    @Test
    void subnormalRatesAreRefused() {
        QarCliTest.Result r = QarCliTest.run("exact", "--model", "reduced", "--gamma-c", "1e-320", "--gamma-h",
                "1e-320", "--gamma-w", "1e-320");
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("beyond the arithmetic") && r.err().contains("scale"), r.err());
    }

    /**
     * A reservoir switched off has exactly zero statistics: it printed "unresolved: |0.00| is below
     * the resolution 0.00"; now 0 in the table and the JSON, no reason needed, COP exactly 0.
     */
    @Test
    void aSwitchedOffReservoirIsExactlyZero() throws IOException {
        JsonNode j = exactJson("--gamma-c", "0");
        for (JsonNode v : j.at("/reservoirs/c/cumulants")) {
            assertTrue(v.isNumber() && v.asDouble() == 0, j.at("/reservoirs/c").toString());
        }
        assertEquals(0.0, j.at("/reservoirs/c/current").asDouble(-1));
        assertEquals(0.0, j.at("/reservoirs/c/noise").asDouble(-1));
        assertFalse(j.get("undefined").toString().contains("reservoirs.c"), j.get("undefined").toString());
        assertFalse(j.toString().contains("below the resolution 0.00"), j.toString());
        assertEquals(0.0, j.get("cop").asDouble(-1));
        assertTrue(j.at("/undefined/tur.c").asText().contains("exactly zero"), j.get("undefined").toString());
        assertTrue(j.at("/reservoirs/h/current").asDouble() < 0, "h still exchanges heat with w");
        QarCliTest.Result table = QarCliTest.run("exact", "--gamma-c", "0");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().lines().anyMatch(l -> l.matches("  c\\s+0\\s+0\\s+0\\s+0")), table.out());
        assertFalse(table.out().contains("unresolved"), table.out());
    }
}
