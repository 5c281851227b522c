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

    /** An option merge does not have (sample's --quiet, a typo) is named as such, not as a missing folder. */
    @Test
    void anUnknownOptionIsNamed() {
        refused(List.of("merge", "--quiet", "s1"), "--quiet is not an option of qar merge", "--out DIR");
        refused(List.of("merge", "s1", "--bogus"), "--bogus is not an option of qar merge");
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

    /** Shards of different models name the first field that differs, not the whole models. */
    @Test
    void shardsOfDifferentModelsNameTheField(@TempDir Path dir) throws IOException {
        List<Path> parts = shards(dir, 3);
        Path other = dir.resolve("n7");
        assertEquals(0, qar(List.of("sample", "--N", "7", "--seed", "5", "--time", "6", "--replicas", "100",
                "--window", "1", "--window", "3", "--wtd", "all", "--ft", "--quiet", "--shard", "2/3", "--out",
                other.toString())).code());
        refused(merge(dir.resolve("m"), List.of(parts.get(0), other, parts.get(2))),
                "different campaigns: N is 4 in " + parts.get(0) + " but 7 in " + other);
        QarCliTest.Result r = qar(merge(dir.resolve("m"), List.of(parts.get(0), other, parts.get(2))));
        assertTrue(!r.err().contains("betaC") && r.err().length() < 300, r.err());
    }

    /**
     * A shard read through its folder's .qar/current (where its files really are), merged into that
     * folder: publishing there deletes the old set, so the shard's files would be gone with exit 0.
     */
    @Test
    void aShardInsideTheOutputFolderIsNotDeleted(@TempDir Path dir) throws IOException {
        List<Path> parts = shards(dir, 3);
        Path inside = parts.get(0).resolve(OutputSet.HIDDEN).resolve(OutputSet.CURRENT);
        String before = Files.readString(inside.resolve(OutputSet.SHARD));
        refused(merge(parts.get(0), List.of(inside, parts.get(1), parts.get(2))), "--out", "shard 1/3",
                "would delete it");
        assertEquals(before, Files.readString(parts.get(0).resolve(OutputSet.SHARD)));
        // the parent folder of the shards is a fine output folder
        QarCliTest.Result r = qar(merge(dir, parts));
        assertEquals(0, r.code(), r.err());
        assertEquals(before, Files.readString(parts.get(0).resolve(OutputSet.SHARD)));
    }

    /** Replaces a file's text (through the link DIR/NAME), runs {@code check}, puts the text back. */
    private static void edited(Path file, java.util.function.UnaryOperator<String> edit, Runnable check)
            throws IOException {
        String text = Files.readString(file);
        String changed = edit.apply(text);
        assertTrue(!changed.equals(text), "the edit changes " + file);
        Files.writeString(file, changed);
        try {
            check.run();
        } finally {
            Files.writeString(file, text);
        }
    }

    private static String json(String text, java.util.function.Consumer<ObjectNode> edit) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(text);
            edit.accept(o);
            return Json.write(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Issue 15: shards whose files were damaged or edited after they were written are refused,
     * exit 2, in one line naming the file, where the merge used to copy them with exit 0; the
     * shards themselves stay whole and merge once put back.
     */
    @Test
    void damagedOrEditedShardsAreRefused(@TempDir Path dir) throws IOException {
        List<Path> parts = shards(dir, 3);
        Path m = dir.resolve("m");
        Path csv2 = parts.get(1).resolve(OutputSet.REPLICAS);
        Path json2 = parts.get(1).resolve(OutputSet.SHARD);
        String csv1 = Files.readString(parts.get(0).resolve(OutputSet.REPLICAS));
        String shard1 = Files.readString(parts.get(0).resolve(OutputSet.SHARD));
        List<String> merge = merge(m, parts);
        edited(csv2, t -> "", () -> refused(merge, csv2.toString(), "0 rows"));
        edited(csv2, t -> t.substring(0, t.length() / 2), () -> refused(merge, csv2.toString(), "cut short"));
        edited(csv2, t -> t.substring(0, t.lastIndexOf('\n', t.length() - 2) + 1), () -> refused(merge,
                csv2.toString(), "rows"));
        edited(csv2, t -> csv1, () -> refused(merge, csv2.toString()));
        // siblings: the same rows with a digit changed, or two rows swapped
        edited(csv2, t -> t.replaceFirst("\n(\\d+),(\\d+),", "\n$1,9$2,"), () -> refused(merge, csv2.toString()));
        edited(csv2, t -> {
            List<String> l = new ArrayList<>(t.lines().toList());
            java.util.Collections.swap(l, 1, 2);
            return String.join("\n", l) + "\n";
        }, () -> refused(merge, csv2.toString(), "is not replica"));
        String tallies1 = Json.MAPPER.readTree(shard1).get("tallies").asText();
        edited(json2, t -> json(t, o -> o.put("tallies", tallies1)), () -> refused(merge, json2.toString(), "sha256"));
        edited(json2, t -> json(t, o -> o.put("jumps", (o.get("jumps").asLong() + 1) * 1000)),
                () -> refused(merge, json2.toString()));
        edited(json2, t -> json(t, o -> o.put("firstReplica", 0)), () -> refused(merge, json2.toString()));
        edited(json2, t -> json(t, o -> ((ObjectNode) o.get("campaign")).put("seed", 6)),
                () -> refused(merge, json2.toString()));
        edited(json2, t -> json(t, o -> ((ObjectNode) o.get("campaign")).put("@/etc/hostname", "")),
                () -> refused(merge, json2.toString(), "@/etc/hostname"));
        edited(json2, t -> json(t, o -> o.put("format", "qar shard 2")), () -> refused(merge, json2.toString(),
                "qar shard 2", "qar shard 3"));
        // a value written differently but equal is the same file: 6 and 6.0, spaces
        edited(json2, t -> json(t, o -> ((ObjectNode) o.get("campaign")).put("time", new java.math.BigDecimal("6E0")))
                .replace("  ", "   "), () -> assertEquals(0, qar(merge).code()));
        // the merge must not write into a shard's folder: its shard.json would go
        refused(merge(parts.get(0), parts), "--out", "shard 1/3");
        assertTrue(Files.isRegularFile(parts.get(0).resolve(OutputSet.SHARD)));
        QarCliTest.Result r = qar(merge);
        assertEquals(0, r.code(), r.err());
    }

    /**
     * Issue 15: the campaign travels in the shard files as values. An args file holding --seed
     * merges; editing it (N = 4 to N = 5) between the shards and the merge changes nothing; the
     * shards of --time 6 and --time 6.0e0 are one campaign; a --process file is embedded, so that
     * editing it afterwards changes nothing either.
     */
    @Test
    void theCampaignTravelsInTheShardFiles(@TempDir Path dir) throws IOException {
        Path args = dir.resolve("campaign.args");
        List<String> lines = new ArrayList<>(List.of(CAMPAIGN));
        lines.removeAll(List.of("--time", "6"));
        Files.writeString(args, String.join("\n", lines) + "\n");
        QarCliTest.Result one = qar(sample("--json", "--threads", "1", "--out", dir.resolve("one").toString()));
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path d = dir.resolve("s" + i);
            QarCliTest.Result r = qar(List.of("sample", "@" + args, "--shard", i + "/2", "--out", d.toString(),
                    "--time", i == 1 ? "6" : "6.0e0"));
            assertEquals(0, r.code(), r.err());
            parts.add(d);
        }
        Files.writeString(args, String.join("\n", lines).replace("--N\n4", "--N\n5") + "\n");
        QarCliTest.Result merged = qar(merge(dir.resolve("m"), parts));
        assertEquals(0, merged.code(), merged.err());
        assertEquals(withoutTiming(one.out()), withoutTiming(merged.out()));

        Path process = dir.resolve("three.json");
        Files.copy(Path.of("runs", "process-three-level.json"), process);
        List<String> base = List.of("sample", "--process", process.toString(), "--seed", "3", "--time", "5",
                "--replicas", "64", "--quiet", "--json", "--threads", "1");
        List<String> wholeArgs = new ArrayList<>(base);
        wholeArgs.addAll(List.of("--out", dir.resolve("whole").toString()));
        QarCliTest.Result whole = qar(wholeArgs);
        assertEquals(0, whole.code(), whole.err());
        List<Path> p = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            List<String> a = new ArrayList<>(base);
            a.addAll(List.of("--shard", i + "/2", "--out", dir.resolve("p" + i).toString()));
            assertEquals(0, qar(a).code());
            p.add(dir.resolve("p" + i));
        }
        Files.writeString(process, Files.readString(process).replaceFirst("\"rate\"\\s*:\\s*[0-9.eE+-]+",
                "\"rate\": 123"));
        QarCliTest.Result fromFiles = qar(merge(dir.resolve("pm"), p));
        assertEquals(0, fromFiles.code(), fromFiles.err());
        assertEquals(withoutTiming(whole.out()), withoutTiming(fromFiles.out()));
    }

    /**
     * A sibling the seal alone does not catch: s1's tallies and jumps pasted into s2's shard.json
     * and the seal recomputed. The shards hold as many replicas, so the counts agree; the rows of
     * s2's replicas.csv, summed, do not hold s1's jumps.
     */
    @Test
    void resealedTalliesOfAnotherShardAreRefused(@TempDir Path dir) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Path d = dir.resolve("s" + i);
            assertEquals(0, qar(List.of("sample", "--N", "5", "--seed", "5", "--time", "20", "--replicas", "128",
                    "--quiet", "--threads", "1", "--shard", i + "/2", "--out", d.toString())).code());
            parts.add(d);
        }
        ObjectNode s1 = (ObjectNode) Json.MAPPER.readTree(parts.get(0).resolve(OutputSet.SHARD).toFile());
        Path file = parts.get(1).resolve(OutputSet.SHARD);
        ObjectNode s2 = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        assertEquals(s1.get("replicas"), s2.get("replicas"));
        s2.set("tallies", s1.get("tallies"));
        s2.set("jumps", s1.get("jumps"));
        s2.remove("sha256");
        s2.put("sha256", CampaignFile.seal(s2.deepCopy().without("sha256")));
        Files.writeString(file, Json.write(s2));
        refused(merge(dir.resolve("m"), parts), parts.get(1).resolve(OutputSet.REPLICAS).toString(),
                "jumps per reservoir");
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
