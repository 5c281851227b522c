package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/** The first items of the hardening issue that this change fixes; each reproduces a report. */
class HardeningCliTest {
    private static void oneLineExit2(QarCliTest.Result r, String expected) {
        QarCliTest.assertRefused(r, expected);
    }

    @Test
    void aRepeatedFlagMeansTheSameAsOne() throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--json", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(5, j.get("model").get("N").asInt());
    }

    @Test
    void unknownCommandsNameTheOnesThatExist() {
        oneLineExit2(QarCliTest.run("foo"), "unknown command 'foo'; the commands are exact, sample, sweep, relax");
        QarCliTest.Result help = QarCliTest.run("help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("exact") && help.out().contains("sample"), help.out());
        QarCliTest.Result version = QarCliTest.run("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().matches("qar \\d+\\.\\d+\\.\\d+.*\\R"), version.out());
    }

    @Test
    void atFilesThatIncludeThemselvesOrAreNotTextAreRefused(@TempDir Path dir) throws IOException {
        Path self = dir.resolve("self.args");
        Files.writeString(self, "@" + self + "\n");
        oneLineExit2(QarCliTest.run("exact", "@" + self), "includes itself");
        Path a = dir.resolve("a.args");
        Path b = dir.resolve("b.args");
        Files.writeString(a, "--N\n5\n@" + b + "\n");
        Files.writeString(b, "@" + a + "\n");
        oneLineExit2(QarCliTest.run("exact", "@" + a), "includes itself");
        Path binary = dir.resolve("binary.args");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, '-', '-', 'N'});
        oneLineExit2(QarCliTest.run("exact", "@" + binary), "is not UTF-8 text");
        oneLineExit2(QarCliTest.run("exact", "@" + dir.resolve("missing.args")), "cannot be read");
        // a file that includes another, without a cycle, still works
        Path inner = dir.resolve("inner.args");
        Path outer = dir.resolve("outer.args");
        Files.writeString(inner, "--N\n7\n");
        Files.writeString(outer, "@" + inner + "\n--json\n");
        QarCliTest.Result ok = QarCliTest.run("exact", "@" + outer);
        assertEquals(0, ok.code(), ok.err());
        assertEquals(7, Json.MAPPER.readTree(ok.out()).get("model").get("N").asInt());
    }

    @Test
    void anEmptyOutputFolderIsRefused() {
        oneLineExit2(QarCliTest.run("exact", "--out", ""), "--out = \"\": must name a directory");
        oneLineExit2(QarCliTest.run("sample", "--out", "", "--replicas", "16"), "--out = \"\": must name a directory");
    }

    /** A replica length whose inverse overflows gave NaN for every estimate and "Infinity ns per jump". */
    @Test
    void aSubnormalTimeIsRefusedAndTheShortestAllowedGivesNumbers() throws IOException {
        oneLineExit2(QarCliTest.run("sample", "--time", "4.9e-324", "--replicas", "32"), "--time = 4.9e-324:");
        QarCliTest.Result r = QarCliTest.run("sample", "--time", "1e-300", "--replicas", "32", "--seed", "1",
                "--json");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(0.0, j.get("reservoirs").get("c").get("current").get("estimate").asDouble());
        assertTrue(j.get("nsPerJumpPerThread").isNull(), "no jump: no cost per jump");
    }

    @Test
    void outputsLeaveNoTemporaryFileAndAreRewrittenInPlace(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        for (int run = 0; run < 2; run++) {
            QarCliTest.Result r = QarCliTest.run("exact", "--N", "5", "--window", "1", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
        }
        OutputSetCliTest.assertOneCompleteSet(out, Json.MAPPER.readTree(out.resolve("summary.json").toFile()));
    }

    /**
     * A write that fails after the work (here summary.json is taken by a non-empty folder) names
     * the file, exits 1, and loses nothing: the results are on stdout.
     */
    @Test
    void aFailedWriteNamesTheFileAndKeepsTheResults(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        Files.createDirectories(out.resolve("summary.json"));
        Files.writeString(out.resolve("summary.json").resolve("x"), "x");
        String[][] commands = {{"exact", "--N", "5", "--json", "--out", out.toString()},
            {"sample", "--N", "5", "--replicas", "16", "--time", "5", "--seed", "3", "--json", "--quiet", "--out",
                out.toString()}};
        for (String[] command : commands) {
            QarCliTest.Result r = QarCliTest.run(command);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("could not write " + out.resolve("summary.json")), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertEquals(5, Json.MAPPER.readTree(r.out()).get("model").get("N").asInt());
        }
    }
}
