package qar.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import qar.report.Json;

/**
 * The battery of extreme but legal parameters: each gives a physically consistent result (no NaN,
 * first law within its stated resolution, sigma >= 0, noise >= 0, TUR >= 2 where defined,
 * populations a distribution) or one line naming the cause and exit 2.
 */
class ExtremeParametersTest {
    private static final String[] SMALL = {"1e-300", "1e-100", "1e-10"};
    private static final String[] LARGE = {"1e10", "1e100", "1e300"};

    static Stream<List<String>> cases() {
        List<List<String>> out = new ArrayList<>();
        for (String bath : new String[] {"c", "h", "w"}) {
            for (String v : concat(SMALL, LARGE)) {
                out.add(List.of("--beta-" + bath, v));
                out.add(List.of("--gamma-" + bath, v));
                out.add(List.of("--eps-" + bath, v));
            }
            for (String v : new String[] {"1e-12", "1e-6", "1", "10"}) {
                out.add(List.of("--delta-" + bath, v));
            }
            out.add(List.of("--gamma-" + bath, "0"));
        }
        for (String v : concat(SMALL, LARGE)) {
            out.add(List.of("--omega", v));
            // every rate scaled together
            out.add(List.of("--gamma-c", v, "--gamma-h", v, "--gamma-w", v));
            // all baths at one temperature
            out.add(List.of("--beta-c", v, "--beta-h", v, "--beta-w", v));
        }
        for (String n : new String[] {"3", "5", "1001"}) {
            out.add(List.of("--N", n));
            out.add(List.of("--N", n, "--model", "reduced").subList(0, n.equals("3") ? 2 : 4));
        }
        // one bath on
        out.add(List.of("--gamma-h", "0", "--gamma-w", "0"));
        out.add(List.of("--gamma-c", "0", "--gamma-w", "0"));
        out.add(List.of("--gamma-c", "0", "--gamma-h", "0"));
        out.add(List.of("--delta-c", "1e-12", "--delta-h", "1e-12", "--delta-w", "1e-12"));
        out.add(List.of("--delta-c", "10", "--delta-h", "10", "--delta-w", "10"));
        return out.stream();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactIsConsistentOrRefused(List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("exact", "--json"));
        args.addAll(options);
        QarCliTest.Result r = QarCliTest.run(args.toArray(String[]::new));
        if (r.code() == 2) {
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(options.get(0)) || r.err().contains("beyond the arithmetic"), r.err());
            assertEquals("", r.out());
            return;
        }
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        assertConsistent(Json.MAPPER.readTree(r.out()));
    }

    /**
     * The sampler on the same cases, short runs: exit 0 with finite numbers and no interval where
     * none can be trusted, or one line and exit 2 (a campaign of astronomically many jumps is refused
     * up front, naming --replicas and --time).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampleRunsOrIsRefused(List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("sample", "--json", "--quiet", "--seed", "1", "--replicas", "16",
                "--time", "1e-6", "--threads", "1"));
        args.addAll(options);
        QarCliTest.Result r = QarCliTest.run(args.toArray(String[]::new));
        if (r.code() == 2) {
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(options.get(0)) || r.err().contains("with --time 1e-6")
                    || r.err().contains("beyond the arithmetic"), r.err());
            assertEquals("", r.out());
            return;
        }
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        JsonNode j = Json.MAPPER.readTree(r.out());
        j.get("reservoirs").fields().forEachRemaining(e -> {
            JsonNode noise = e.getValue().get("noise");
            assertTrue(noise.get("estimate").asDouble() >= 0, e.getKey() + " " + noise);
            assertTrue(noise.get("exactFiniteTime").asDouble() >= 0, e.getKey() + " " + noise);
        });
    }

    static void assertConsistent(JsonNode j) {
        List<Executable> checks = new ArrayList<>();
        double sum = 0;
        for (JsonNode p : j.get("populations")) {
            checks.add(() -> assertTrue(p.asDouble() >= 0 && p.asDouble() <= 1, "population " + p));
            sum += p.asDouble();
        }
        double total = sum;
        // a sum of d doubles each rounded once: d ulps of 1
        checks.add(() -> assertEquals(1, total, j.get("populations").size() * 0x1p-52));
        j.get("reservoirs").fields().forEachRemaining(e -> {
            JsonNode noise = e.getValue().get("noise");
            // exactly 0 only for a reservoir switched off, marked by a resolution of exactly 0
            boolean off = e.getValue().get("resolution").get(1).asDouble() == 0;
            checks.add(() -> assertTrue(noise.isNull() || noise.asDouble() > 0 || off && noise.asDouble() == 0,
                    e.getKey() + " noise " + noise));
        });
        checks.add(() -> assertTrue(Math.abs(j.get("firstLawResidual").asDouble())
                <= j.get("firstLawResolution").asDouble(), "first law " + j.get("firstLawResidual")));
        JsonNode sigma = j.get("entropyProduction");
        // exactly 0 only where every current is exactly 0 (a single reservoir: bounded counts)
        boolean allZero = java.util.stream.StreamSupport.stream(j.get("reservoirs").spliterator(), false)
                .allMatch(r -> r.get("resolution").get(0).asDouble() == 0 && r.get("current").asDouble() == 0);
        checks.add(() -> assertTrue(sigma.isNull() || sigma.asDouble() > 0 || allZero && sigma.asDouble() == 0,
                "sigma " + sigma));
        j.get("tur").fields().forEachRemaining(e -> {
            // the bound is saturated near equilibrium; (S/I)(sigma/I) carries a few roundings
            checks.add(() -> assertTrue(e.getValue().isNull() || e.getValue().asDouble() >= 2 * (1 - 1e-12),
                    "TUR " + e.getKey() + " " + e.getValue()));
        });
        j.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                checks.add(() -> assertTrue(j.get("undefined").has(e.getKey()), "null without reason: " + e.getKey()));
            }
        });
        assertAll(checks);
    }
}
