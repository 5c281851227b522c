package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/**
 * qar sample --shard i/n and qar merge: the merged outputs equal those of the one-process run bit
 * for bit (summary.json up to its timing and output-set fields), and every wrong input is refused
 * in one line with exit code 2.
 */
class ShardCliTest {
    /** 100 replicas: 12 error groups, so 3 shards hold 4 groups and 5 shards 2 or 3, cutting blocks. */
    private static final String[] CAMPAIGN = {"--N", "4", "--seed", "5", "--time", "6", "--replicas", "100",
        "--window", "1", "--window", "3", "--wtd", "all", "--ft", "--quiet"};

    private static QarCliTest.Result qar(List<String> args) {
        return QarCliTest.run(args.toArray(String[]::new));
    }

    private static List<String> sample(String... more) {
        List<String> a = new ArrayList<>(List.of("sample"));
        a.addAll(List.of(CAMPAIGN));
        a.addAll(List.of(more));
        return a;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        return FiniteTimeCliTest.files(dir);
    }

    private static ObjectNode withoutTiming(String json) throws IOException {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
        o.remove(List.of("wallSeconds", "jumpsPerSecond", "nsPerJumpPerThread", "threads", "outputSet"));
        return o;
    }

    private static List<Path> shards(Path dir, int n, String... extra) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path d = dir.resolve("s" + i + "of" + n);
            List<String> a = sample("--shard", i + "/" + n, "--out", d.toString(), "--threads", "1");
            a.addAll(List.of(extra));
            QarCliTest.Result r = qar(a);
            assertEquals(0, r.code(), r.err());
            out.add(d);
        }
        return out;
    }

    private static List<String> merge(Path out, List<Path> dirs) {
        List<String> a = new ArrayList<>(List.of("merge", "--json", "--out", out.toString()));
        dirs.forEach(d -> a.add(d.toString()));
        return a;
    }

    @Test
    void mergedShardsEqualTheOneProcessRun(@TempDir Path dir) throws IOException {
        QarCliTest.Result one = qar(sample("--out", dir.resolve("one").toString(), "--json", "--threads", "2"));
        assertEquals(0, one.code(), one.err());
        Map<String, String> expected = files(dir.resolve("one"));
        for (int n : new int[] {3, 5}) {
            List<Path> parts = shards(dir, n);
            Path m = dir.resolve("merged" + n);
            QarCliTest.Result r = qar(merge(m, parts));
            assertEquals(0, r.code(), r.err());
            Map<String, String> got = files(m);
            assertEquals(expected.keySet(), got.keySet());
            for (String name : expected.keySet()) {
                if (name.equals(OutputSet.SUMMARY)) {
                    assertEquals(withoutTiming(expected.get(name)), withoutTiming(got.get(name)), n + " shards");
                } else {
                    assertEquals(expected.get(name), got.get(name), name + " from " + n + " shards");
                }
            }
            assertEquals(withoutTiming(one.out()), withoutTiming(r.out()), "stdout, " + n + " shards");
        }
    }

    private static void refused(List<String> args, String... words) {
        QarCliTest.Result r = qar(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), r.err() + " lacks " + w);
        }
    }

    @Test
    void wrongShardsAreRefused(@TempDir Path dir) throws IOException {
        List<Path> parts = shards(dir, 3);
        refused(merge(dir.resolve("m1"), List.of(parts.get(0), parts.get(2))), "missing shard 2/3");
        refused(merge(dir.resolve("m2"), List.of(parts.get(0), parts.get(1), parts.get(1), parts.get(2))),
                "shard 2/3 given twice");
        Path other = dir.resolve("seed6");
        assertEquals(0, qar(List.of("sample", "--N", "4", "--seed", "6", "--time", "6", "--replicas", "100",
                "--window", "1", "--window", "3", "--wtd", "all", "--ft", "--quiet", "--shard", "2/3", "--out",
                other.toString())).code());
        refused(merge(dir.resolve("m3"), List.of(parts.get(0), other, parts.get(2))), "different campaigns", "--seed");
        List<Path> two = shards(dir.resolve("two"), 2);
        refused(merge(dir.resolve("m4"), List.of(parts.get(0), two.get(1))), "different campaigns", "shards");
        refused(merge(dir.resolve("m5"), List.of(dir)), "is not a shard output");
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        String text = Files.readString(parts.get(1).resolve(OutputSet.SHARD));
        Files.writeString(cut.resolve(OutputSet.SHARD), text.substring(0, text.length() / 2));
        refused(merge(dir.resolve("m6"), List.of(parts.get(0), cut, parts.get(2))), "not a shard output",
                "replicas.csv");
        Files.writeString(cut.resolve(OutputSet.REPLICAS), "");
        refused(merge(dir.resolve("m7"), List.of(parts.get(0), cut, parts.get(2))), "truncated");
        refused(List.of("merge"), "shard");
    }

    @Test
    void badShardSpecsAreRefused(@TempDir Path dir) {
        for (String spec : new String[] {"0/3", "4/3", "1/0", "x", "1/", "-1/3", "1/3/4"}) {
            refused(sample("--shard", spec, "--out", dir.resolve("x").toString()), "--shard");
        }
        refused(sample("--shard", "1/3"), "--shard needs --out");
        refused(sample("--shard", "1/13", "--out", dir.resolve("y").toString()), "--shard", "12");
    }
}
