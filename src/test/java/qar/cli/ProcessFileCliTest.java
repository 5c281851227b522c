package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.NamedProcess;
import qar.model.Refrigerator;
import qar.model.Reservoir;
import qar.report.Json;

/** {@code --process FILE}: a rate equation from a file, validated, and run exactly as the refrigerator. */
class ProcessFileCliTest {
    private static final String THREE_LEVEL = "runs/process-three-level.json";
    private static final String LDB_VIOLATION = "runs/process-ldb-violation.json";

    /** A valid three-level chain; the cases below break one thing in it. */
    private static final String RESERVOIRS = "\"reservoirs\": [{\"name\": \"c\", \"beta\": 2}, {\"name\": \"h\", \"beta\": 1}]";
    private static final String LEVELS = "\"levels\": [{\"name\": \"g\", \"energy\": 0}, {\"name\": \"m\", \"energy\": 2},"
            + " {\"name\": \"e\", \"energy\": 6}]";
    private static final String CHANNELS = "\"channels\": [{\"from\": \"g\", \"to\": \"m\", \"reservoir\": \"c\", \"rate\": 0.1},"
            + " {\"from\": \"m\", \"to\": \"g\", \"reservoir\": \"c\", \"rate\": 1},"
            + " {\"from\": \"m\", \"to\": \"e\", \"reservoir\": \"h\", \"rate\": 0.2},"
            + " {\"from\": \"e\", \"to\": \"m\", \"reservoir\": \"h\", \"rate\": 1}]";

    private static String file(String reservoirs, String levels, String channels) {
        return "{" + reservoirs + ", " + levels + ", " + channels + "}";
    }

    private static String channels(String... items) {
        return "\"channels\": [" + String.join(", ", items) + "]";
    }

    private static String channel(String from, String to, String reservoir, String rest) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"reservoir\": \"" + reservoir + "\"" + rest + "}";
    }

    private static final String BACK = channel("m", "g", "c", ", \"rate\": 1");
    private static final String UP_E = channel("m", "e", "h", ", \"rate\": 0.2");
    private static final String DOWN_E = channel("e", "m", "h", ", \"rate\": 1");

    /** A broken file and the part of the one-line message that names the defect. */
    static Stream<Arguments> defects() {
        return Stream.of(
                Arguments.of("not JSON", "{\"levels\": [", "is not JSON at line 1, column"),
                Arguments.of("trailing text", file(RESERVOIRS, LEVELS, CHANNELS) + " x", "is not JSON at line 1"),
                Arguments.of("empty", "", "is empty; expected a JSON object with reservoirs, levels and channels"),
                Arguments.of("not an object", "[1, 2]", "(top level) = [1,2]: must be a JSON object"),
                Arguments.of("a key twice", "{" + RESERVOIRS + ", " + LEVELS + ", " + CHANNELS + ", " + CHANNELS + "}",
                        "Duplicate field 'channels'"),
                Arguments.of("unknown top-level field", "{" + RESERVOIRS + ", " + LEVELS + ", " + CHANNELS
                        + ", \"temperature\": 3}", "temperature = 3: unknown field; the file has the fields reservoirs,"
                        + " levels and channels and optionally energyUnit, description"),
                Arguments.of("unknown level field", file(RESERVOIRS, LEVELS.replace("\"energy\": 2", "\"enrgy\": 2"),
                        CHANNELS), "levels[1].enrgy = 2: unknown field; a level has the fields name and energy"),
                Arguments.of("unknown channel field", file(RESERVOIRS, LEVELS, CHANNELS.replace("\"rate\": 0.1",
                        "\"rate\": 0.1, \"rat\": 0.1")), "channels[0].rat = 0.1: unknown field; a channel has the fields"
                        + " from, to, reservoir and rate and optionally quanta"),
                Arguments.of("missing top-level field", "{" + RESERVOIRS + ", " + LEVELS + "}",
                        "the top level: missing field channels"),
                Arguments.of("missing channel field", file(RESERVOIRS, LEVELS, CHANNELS.replace(", \"rate\": 0.1", "")),
                        "channels[0]: missing field rate; a channel has the fields from, to, reservoir and rate"),
                Arguments.of("missing level field", file(RESERVOIRS, LEVELS.replace(", \"energy\": 6", ""), CHANNELS),
                        "levels[2]: missing field energy"),
                Arguments.of("missing beta", file(RESERVOIRS.replace(", \"beta\": 1", ""), LEVELS, CHANNELS),
                        "reservoirs[1]: missing field beta"),
                Arguments.of("unknown level", file(RESERVOIRS, LEVELS, channels(channel("g", "x", "c", ", \"rate\": 1"),
                        BACK, UP_E, DOWN_E)), "channels[0].to = \"x\": must name a level of the file: g, m, e"),
                Arguments.of("unknown reservoir", file(RESERVOIRS, LEVELS, channels(channel("g", "m", "w", ", \"rate\": 1"),
                        BACK, UP_E, DOWN_E)), "channels[0].reservoir = \"w\": must name a reservoir of the file: c, h"),
                Arguments.of("duplicate level", file(RESERVOIRS, LEVELS.replace("\"name\": \"e\"", "\"name\": \"g\""),
                        CHANNELS), "levels[2].name = \"g\": repeats levels[0]; names must be distinct"),
                Arguments.of("duplicate reservoir", file(RESERVOIRS.replace("\"h\"", "\"c\""), LEVELS, CHANNELS),
                        "reservoirs[1].name = \"c\": repeats reservoirs[0]; names must be distinct"),
                Arguments.of("duplicate channel", file(RESERVOIRS, LEVELS, channels(BACK, UP_E, DOWN_E,
                        channel("g", "m", "c", ", \"rate\": 1"), channel("g", "m", "c", ", \"rate\": 2"))),
                        "channels[4]: repeats channels[3] (g -> m through c); give each jump once, with its total rate"),
                Arguments.of("negative rate", file(RESERVOIRS, LEVELS, CHANNELS.replace("0.1", "-0.1")),
                        "channels[0].rate = -0.1: must be a finite rate >= 0"),
                Arguments.of("NaN rate", file(RESERVOIRS, LEVELS, CHANNELS.replace("0.1", "\"NaN\"")),
                        "channels[0].rate = \"NaN\": must be a number (JSON has no NaN or Infinity)"),
                Arguments.of("bare NaN", file(RESERVOIRS, LEVELS, CHANNELS.replace("0.1", "NaN")),
                        "Non-standard token 'NaN'"),
                Arguments.of("infinite rate", file(RESERVOIRS, LEVELS, CHANNELS.replace("0.1", "1e400")),
                        "channels[0].rate = 1E+400: must be at most 1.7976931348623157E308 in magnitude"),
                Arguments.of("rate that rounds to 0", file(RESERVOIRS, LEVELS, CHANNELS.replace("0.1", "1e-400")),
                        "channels[0].rate = 1E-400: must be 0 or at least 4.9E-324 in magnitude (it would round to 0)"),
                Arguments.of("quanta that do not match", file(RESERVOIRS, LEVELS, CHANNELS.replace("\"rate\": 0.1",
                        "\"rate\": 0.1, \"quanta\": 3")), "channels[0].quanta = 3: does not match the levels:"
                        + " E(m) - E(g) = 2 quanta enter the system in this jump"),
                Arguments.of("non-integer energy", file(RESERVOIRS, LEVELS.replace("\"energy\": 2", "\"energy\": 2.5"),
                        CHANNELS), "levels[1].energy = 2.5: must be an integer number of quanta of energyUnit"),
                Arguments.of("energy as text", file(RESERVOIRS, LEVELS.replace("\"energy\": 2", "\"energy\": \"2\""),
                        CHANNELS), "levels[1].energy = \"2\": must be an integer number of quanta"),
                Arguments.of("energy beyond 2^52", file(RESERVOIRS, LEVELS.replace("\"energy\": 6", "\"energy\": 1e16"),
                        CHANNELS), "levels[2].energy = 1E+16: must be an integer number of quanta of energyUnit, at most"
                        + " 4503599627370496 in magnitude"),
                Arguments.of("self-loop", file(RESERVOIRS, LEVELS, channels(channel("g", "g", "c", ", \"rate\": 1"),
                        BACK, UP_E, DOWN_E)), "channels[0].to = \"g\": equals from: a self-loop changes nothing"),
                Arguments.of("disconnected", file(RESERVOIRS, LEVELS, channels(channel("g", "m", "c", ", \"rate\": 1"),
                        BACK)), "channels: the chain is disconnected: level e cannot be reached from level g through"
                        + " channels of positive rate; every level must reach every other"),
                Arguments.of("a level that is a trap", file(RESERVOIRS, LEVELS, channels(channel("g", "m", "c",
                        ", \"rate\": 1"), BACK, UP_E)), "the chain is disconnected: level e cannot reach level g"),
                Arguments.of("cut off by a zero rate", file(RESERVOIRS, LEVELS, channels(channel("g", "m", "c",
                        ", \"rate\": 1"), BACK, UP_E, channel("e", "m", "h", ", \"rate\": 0"))),
                        "level e cannot reach level g through channels of positive rate"),
                Arguments.of("one level", file(RESERVOIRS, "\"levels\": [{\"name\": \"g\", \"energy\": 0}]", CHANNELS),
                        "levels = [{\"name\":\"g\",\"energy\":0}]: must be an array of at least 2 levels"),
                Arguments.of("no reservoir", file("\"reservoirs\": []", LEVELS, CHANNELS),
                        "reservoirs = []: must be an array of reservoirs"),
                Arguments.of("no channel", file(RESERVOIRS, LEVELS, "\"channels\": []"),
                        "channels = []: must be an array of channels"),
                Arguments.of("negative beta", file(RESERVOIRS.replace("\"beta\": 2", "\"beta\": -2"), LEVELS, CHANNELS),
                        "reservoirs[0].beta = -2: must be a finite inverse temperature >= 0"),
                Arguments.of("level name with a dash", file(RESERVOIRS, LEVELS.replace("\"m\"", "\"m-1\""), CHANNELS),
                        "levels[1].name = \"m-1\": must be a non-empty name of letters, digits and _ . / +"),
                Arguments.of("reservoir named all", file(RESERVOIRS.replace("\"h\"", "\"all\""), LEVELS, CHANNELS),
                        "reservoirs[1].name = \"all\": must be a non-empty name of letters, digits and _, other than all"),
                Arguments.of("zero energy unit", "{\"energyUnit\": 0, " + RESERVOIRS + ", " + LEVELS + ", " + CHANNELS + "}",
                        "energyUnit = 0: must be a finite number > 0"),
                Arguments.of("a level that is not an object", file(RESERVOIRS, "\"levels\": [\"g\", \"m\"]", CHANNELS),
                        "levels[0] = \"g\": must be an object, a level with the fields name and energy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyDefectIsOneLineNamingTheFileTheLocationAndTheValue(String what, String json, String expected,
            @TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, json);
        for (String command : new String[] {"exact", "sample"}) {
            QarCliTest.Result r = QarCliTest.run(command, "--process", f.toString());
            assertEquals(2, r.code(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("qar " + command + ": --process = " + f + ": "), r.err());
            assertTrue(r.err().contains(expected), what + ": " + r.err());
            assertFalse(r.err().contains("enable"), "no hint to programmers: " + r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void theValidChainTheDefectsBreakRuns(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("valid.json");
        Files.writeString(f, file(RESERVOIRS, LEVELS, CHANNELS));
        QarCliTest.Result r = QarCliTest.run("exact", "--process", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aFileThatCannotBeReadIsRefused(@TempDir Path dir) {
        QarCliTest.Result r = QarCliTest.run("exact", "--process", dir.resolve("missing.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot be read (NoSuchFileException)"), r.err());
        r = QarCliTest.run("exact", "--process", dir.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--process = " + dir + ": cannot be read"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--N 5", "--model full", "--model reduced", "--beta-c 2", "--gamma-w 0.5", "--omega 1"})
    void aRefrigeratorOptionNextToProcessIsRefusedNamingBoth(String option) {
        String[] o = option.split(" ");
        for (String command : new String[] {"exact", "sample"}) {
            QarCliTest.Result r = QarCliTest.run(command, o[0], o[1], "--process", THREE_LEVEL);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--process cannot be combined with " + o[0]), r.err());
            assertEquals("", r.out());
        }
    }

    /** The refrigerator at N = 5 written as a file: levels 1/2, 3/2, 5/2, channels in the built-in order. */
    private static Path refrigeratorFile(Path dir, ModelParameters p) throws IOException {
        JumpProcess process = Refrigerator.process(p);
        ObjectNode root = Json.object();
        root.put("energyUnit", process.energyUnit());
        ArrayNode res = root.putArray("reservoirs");
        for (Reservoir r : process.reservoirs()) {
            res.addObject().put("name", r.name()).put("beta", r.beta());
        }
        ArrayNode levels = root.putArray("levels");
        for (int i = 0; i < process.dimension(); i++) {
            levels.addObject().put("name", p.levelName(i)).put("energy", Refrigerator.gap(i, 0));
        }
        ArrayNode channels = root.putArray("channels");
        for (Channel ch : process.channels()) {
            channels.addObject().put("from", p.levelName(ch.from())).put("to", p.levelName(ch.to()))
                    .put("reservoir", process.reservoirs().get(ch.reservoir()).name()).put("rate", ch.rate())
                    .put("quanta", ch.energy());
        }
        Path f = dir.resolve("refrigerator-N5.json");
        Files.writeString(f, Json.write(root));
        return f;
    }

    @Test
    void theRefrigeratorFromAFileGivesTheBuiltInCumulantsToTheLastDigit(@TempDir Path dir) throws IOException {
        ModelParameters p = ModelParameters.defaults().withN(5);
        Path f = refrigeratorFile(dir, p);
        NamedProcess read = ProcessFile.read("--process", f.toString());
        JumpProcess built = Refrigerator.process(p);
        assertEquals(built.channels(), read.process().channels());
        assertEquals(built.reservoirs(), read.process().reservoirs());

        String[] common = {"--json", "--order", "8", "--wtd", "c:3/2-1/2", "--wtd", "all", "--window", "3",
            "--start", "3/2", "--rate-function", "c"};
        QarCliTest.Result builtIn = QarCliTest.run(concat(new String[] {"exact", "--N", "5"}, common));
        QarCliTest.Result fromFile = QarCliTest.run(concat(new String[] {"exact", "--process", f.toString()}, common));
        assertEquals(0, builtIn.code(), builtIn.err());
        assertEquals(0, fromFile.code(), fromFile.err());
        JsonNode a = Json.MAPPER.readTree(builtIn.out());
        JsonNode b = Json.MAPPER.readTree(fromFile.out());
        // every field but the model's description: the numbers as printed, all 17 digits of each
        List<String> fields = new ArrayList<>();
        a.fieldNames().forEachRemaining(fields::add);
        fields.remove("model");
        for (String key : fields) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertEquals(fields.size() + 1, b.size());
        assertEquals(f.toString(), b.get("model").get("process").asText());
        assertEquals(3, b.get("model").get("levels").asInt());
        assertEquals(12, b.get("model").get("channels").asInt());
        // the check can fail: the refrigerator at N = 7 differs
        QarCliTest.Result other = QarCliTest.run(concat(new String[] {"exact", "--N", "7"}, common));
        assertFalse(Json.MAPPER.readTree(other.out()).get("reservoirs").equals(b.get("reservoirs")));
    }

    @Test
    void theRefrigeratorFromAFileSamplesTheSameNumbersWithTheSameSeed(@TempDir Path dir) throws IOException {
        Path f = refrigeratorFile(dir, ModelParameters.defaults().withN(5));
        String[] common = {"--json", "--seed", "12345", "--replicas", "64", "--time", "200", "--threads", "2",
            "--wtd", "w:5/2-3/2", "--window", "20", "--quiet"};
        Path outA = dir.resolve("a");
        Path outB = dir.resolve("b");
        QarCliTest.Result builtIn = QarCliTest.run(concat(new String[] {"sample", "--N", "5", "--out", outA.toString()},
                common));
        QarCliTest.Result fromFile = QarCliTest.run(concat(new String[] {"sample", "--process", f.toString(), "--out",
            outB.toString()}, common));
        assertEquals(0, builtIn.code(), builtIn.err());
        assertEquals(0, fromFile.code(), fromFile.err());
        JsonNode a = Json.MAPPER.readTree(builtIn.out());
        JsonNode b = Json.MAPPER.readTree(fromFile.out());
        for (String key : new String[] {"seed", "reservoirs", "jumps", "waitingTimes", "windows", "files"}) {
            assertEquals(a.get(key), b.get(key), key);
        }
        for (String csv : new String[] {"replicas.csv", "counting.csv", "waiting_times.csv"}) {
            assertEquals(Files.readString(outA.resolve(csv)), Files.readString(outB.resolve(csv)), csv);
        }
    }

    @Test
    void theThreeLevelExampleObeysLocalDetailedBalanceAndTheViolationDoesNot() {
        NamedProcess ldb = ProcessFile.read("--process", THREE_LEVEL);
        NamedProcess broken = ProcessFile.read("--process", LDB_VIOLATION);
        assertEquals(List.of("g", "m", "e"), ldb.levels());
        assertTrue(ldb.process().detailedBalance());
        assertFalse(broken.process().detailedBalance());
        // same levels, reservoirs and jumps: only the rate of g -> m through c differs
        assertEquals(ldb.levels(), broken.levels());
        assertEquals(ldb.process().reservoirs(), broken.process().reservoirs());
        int differ = 0;
        for (int k = 0; k < ldb.process().channels().size(); k++) {
            Channel x = ldb.process().channels().get(k);
            Channel y = broken.process().channels().get(k);
            assertEquals(List.of(x.from(), x.to(), x.reservoir(), x.energy()),
                    List.of(y.from(), y.to(), y.reservoir(), y.energy()));
            differ += x.rate() == y.rate() ? 0 : 1;
        }
        assertEquals(1, differ);
    }

    @Test
    void theThreeLevelExampleRunsWithItsOwnNamesEverywhere(@TempDir Path dir) throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--process", THREE_LEVEL);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("qar exact: process " + THREE_LEVEL + ", 3 levels (g, m, e), 6 channels"), r.out());
        assertTrue(r.out().contains("populations g, m, e"), r.out());
        // every jump of the cycle g -> m -> e -> g moves 2 quanta from c and 4 from w into h: COP 2 / 4
        assertTrue(r.out().contains("COP I_c / I_w                  0.5000000000"), r.out());

        // the run spec, written to a temporary folder instead of runs/out
        List<String> args = new ArrayList<>(List.of("exact"));
        for (String line : Files.readAllLines(Path.of("runs/process-example.args"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                args.add(line.strip().equals("runs/out/process-example") ? dir.toString() : line.strip());
            }
        }
        args.add("--json");
        r = QarCliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals("c:m-g", j.get("waitingTimes").get(1).get("watched").asText());
        assertTrue(j.get("reservoirs").get("c").get("current").asDouble() > 0, "the example cools c");
        assertTrue(j.get("entropyProduction").asDouble() > 0);
        assertTrue(Files.readString(dir.resolve("counting.csv")).contains("\nc,"));
        assertTrue(Files.readString(dir.resolve("waiting_times.csv")).contains("\nc:m-g,"));

        QarCliTest.Result s = QarCliTest.run("sample", "--process", LDB_VIOLATION, "--json", "--seed", "1",
                "--replicas", "32", "--time", "100", "--window", "10", "--wtd", "h:e-g", "--quiet");
        assertEquals(0, s.code(), s.err());
        JsonNode k = Json.MAPPER.readTree(s.out());
        assertEquals(LDB_VIOLATION, k.get("model").get("process").asText());
        assertTrue(k.get("reservoirs").has("w"));
    }

    @Test
    void otherReservoirNamesLeaveTheRefrigeratorsQuantitiesNullWithTheReason(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("renamed.json");
        Files.writeString(f, Files.readString(Path.of(THREE_LEVEL)).replace("\"c\"", "\"cold\""));
        QarCliTest.Result r = QarCliTest.run("exact", "--process", f.toString(), "--json", "--rate-function", "cold",
                "--wtd", "cold:m-g");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(j.get("reservoirs").has("cold"));
        assertTrue(j.get("tur").get("cold").isNumber());
        for (String key : new String[] {"cop", "copCarnot", "copTurBound"}) {
            assertTrue(j.get(key).isNull(), key);
            assertTrue(j.get("undefined").get(key).asText().contains("needs reservoirs named c, h and w"), key);
        }
        QarCliTest.Result table = QarCliTest.run("exact", "--process", f.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("COP I_c / I_w                  n/a (needs reservoirs named c, h and w"),
                table.out());
    }

    @Test
    void levelAndReservoirNamesInOptionsAreTheFilesOwn() {
        QarCliTest.Result r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--window", "1", "--start", "3/2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--start = 3/2: must be a level of " + THREE_LEVEL + ": g, m, e"), r.err());
        r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--wtd", "c:3/2-1/2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--wtd = c:3/2-1/2: must be a level of " + THREE_LEVEL + ": g, m, e on each side"),
                r.err());
        r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--wtd", "c:g-e");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a channel of the model (reservoir c has no jump g-e)"), r.err());
        r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--wtd", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--wtd = x: must be all, a reservoir (c, h, w) or a channel such as c:m-g"),
                r.err());
        r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--rate-function", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--rate-function = x: must be one of [c, h, w]"), r.err());
        r = QarCliTest.run("exact", "--process", THREE_LEVEL, "--window", "1", "--start", "m", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"start\" : \"m\""), r.out());
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    /**
     * Issue 15's stiff 3-level file (rates 1e-291 .. 4e296): populations [1, 0, 0] and "|0.00| is
     * below the resolution 0.00" were printed with exit 0. Now the populations are the exact ones
     * (tree theorem, exact rationals) to the last bits, h and w are resolved, c (flows of 1e95 each
     * way netting 1e-145) is unresolved with a true resolution, and what the double arithmetic of
     * the rate function and the waiting times cannot hold is refused with one line.
     */
    @Test
    void aStiffFileGivesExactPopulationsAndHonestCurrents(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("stiff.json");
        Files.writeString(f, "{\"reservoirs\":[{\"name\":\"c\",\"beta\":0.959},{\"name\":\"h\",\"beta\":1.149},"
                + "{\"name\":\"w\",\"beta\":1.741}],\"levels\":[{\"name\":\"0\",\"energy\":-2},{\"name\":\"1\","
                + "\"energy\":-1},{\"name\":\"2\",\"energy\":2}],\"channels\":["
                + "{\"from\":\"0\",\"to\":\"1\",\"reservoir\":\"h\",\"rate\":1.3938324452696672e-173},"
                + "{\"from\":\"0\",\"to\":\"2\",\"reservoir\":\"w\",\"rate\":5.308337468880924e-146},"
                + "{\"from\":\"1\",\"to\":\"0\",\"reservoir\":\"h\",\"rate\":1.4830387256211667e+56},"
                + "{\"from\":\"1\",\"to\":\"2\",\"reservoir\":\"c\",\"rate\":4.325589791201536e+296},"
                + "{\"from\":\"2\",\"to\":\"0\",\"reservoir\":\"c\",\"rate\":1.7664362056213563e-291},"
                + "{\"from\":\"2\",\"to\":\"1\",\"reservoir\":\"c\",\"rate\":3.570221956507119e+214}]}");
        QarCliTest.Result r = QarCliTest.run("exact", "--process", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        qar.exact.oracle.TreeTheorem exact = qar.exact.oracle.TreeTheorem.of(qar.exact.StiffChainTestAccess.issueChain());
        for (int i = 0; i < 3; i++) {
            double p = j.get("populations").get(i).asDouble();
            double want = exact.population(i).doubleValue();
            assertEquals(want, p, 3 * 0x1p-52 * want, "population " + i);
        }
        assertTrue(j.at("/reservoirs/h/current").isNumber() && j.at("/reservoirs/w/current").isNumber(), r.out());
        assertTrue(j.at("/reservoirs/c/current").isNull());
        assertTrue(j.at("/reservoirs/c/resolution/0").asDouble() > 1e60, r.out());
        assertFalse(r.out().contains("resolution 0.00"), r.out());
        QarCliTest.assertRefused(QarCliTest.run("exact", "--process", f.toString(), "--rate-function", "h"),
                "the rate function of h: lambda(s) is not finite");
        QarCliTest.assertRefused(QarCliTest.run("exact", "--process", f.toString(), "--wtd", "all"),
                "the waiting-time survival stays above");
        // Gallavotti-Cohen there: a rounding tolerance of 1e99 max|lambda| passed anything; now unresolved
        QarCliTest.Result ft = QarCliTest.run("exact", "--process", f.toString(), "--ft");
        assertEquals(0, ft.code(), ft.err());
        assertTrue(ft.out().contains("lambda(beta - s): unresolved: the rates' rounding allows"), ft.out());
        assertFalse(ft.out().contains(": pass"), ft.out());
    }
}
