package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/**
 * {@code qar sample --analysis NAME}: bad names refused in one line, the analysis's JSON and CSV in
 * the outputs, and its tallies through shards, merge and checkpoints bit for bit.
 */
class AnalysisCliTest {
    private static final List<String> CAMPAIGN = List.of("sample", "--N", "4", "--seed", "5", "--time", "6",
            "--replicas", "100", "--window", "1", "--window", "3", "--analysis", "jumps", "--quiet");

    private static QarCliTest.Result qar(List<String> args) {
        return QarCliTest.run(args.toArray(String[]::new));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    private static void refused(List<String> args, String... words) {
        QarCliTest.Result r = qar(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), r.err() + " lacks " + w);
        }
    }

    private static ObjectNode withoutTiming(String json) throws IOException {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
        o.remove(List.of("wallSeconds", "jumpsPerSecond", "nsPerJumpPerThread", "threads", "outputSet"));
        return o;
    }

    @Test
    void badAnalysesAreRefused() {
        refused(List.of("sample", "--N", "4", "--window", "1", "--analysis", "nope"), "--analysis", "nope", "jumps");
        refused(List.of("sample", "--N", "4", "--analysis", "jumps"), "--analysis jumps needs at least one --window");
        refused(List.of("sample", "--N", "4", "--window", "1", "--analysis", "jumps", "--analysis", "jumps"),
                "--analysis", "twice");
    }

    @Test
    void theOutputsCarryTheJumpCounts(@TempDir Path dir) throws IOException {
        QarCliTest.Result r = qar(with(CAMPAIGN, "--json", "--out", dir.resolve("o").toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode counts = Json.MAPPER.readTree(r.out()).get("jumpCounts");
        assertEquals(6, counts.size(), "2 windows times 3 reservoirs");
        assertEquals(600, counts.get(0).get("windows").asLong(), "floor(6 / 1) windows of 100 replicas");
        Map<String, String> files = FiniteTimeCliTest.files(dir.resolve("o"));
        String csv = files.get("jump_counts.csv");
        assertTrue(csv.startsWith("window,reservoir,k,exact,sampled,stderr\n"), csv);
        QarCliTest.Result table = qar(CAMPAIGN);
        assertTrue(table.out().contains("jumps per window (--analysis jumps)"), table.out());
    }

    @Test
    void shardsMergeAndResumeKeepTheAnalysis(@TempDir Path dir) throws IOException {
        QarCliTest.Result one = qar(with(CAMPAIGN, "--json", "--out", dir.resolve("one").toString()));
        assertEquals(0, one.code(), one.err());
        Map<String, String> expected = FiniteTimeCliTest.files(dir.resolve("one"));
        List<String> merge = new ArrayList<>(List.of("merge", "--json", "--out", dir.resolve("m").toString()));
        for (int i = 1; i <= 3; i++) {
            Path d = dir.resolve("s" + i);
            QarCliTest.Result s = qar(with(CAMPAIGN, "--shard", i + "/3", "--out", d.toString(), "--threads", "1"));
            assertEquals(0, s.code(), s.err());
            merge.add(d.toString());
        }
        QarCliTest.Result m = qar(merge);
        assertEquals(0, m.code(), m.err());
        Map<String, String> got = FiniteTimeCliTest.files(dir.resolve("m"));
        assertEquals(expected.keySet(), got.keySet());
        assertEquals(expected.get("jump_counts.csv"), got.get("jump_counts.csv"));
        assertEquals(withoutTiming(one.out()), withoutTiming(m.out()));
        // a shard without the analysis is another campaign
        Path other = dir.resolve("plain");
        List<String> plain = new ArrayList<>(CAMPAIGN);
        plain.removeAll(List.of("--analysis", "jumps"));
        assertEquals(0, qar(with(plain, "--shard", "2/3", "--out", other.toString())).code());
        refused(List.of("merge", "--out", dir.resolve("m2").toString(), dir.resolve("s1").toString(),
                other.toString(), dir.resolve("s3").toString()), "different campaigns", "--analysis");
    }
}
