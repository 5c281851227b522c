package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/**
 * --checkpoint, --resume and signals, end to end: a real qar process is stopped by SIGTERM (and
 * SIGINT where this JVM's parent does not ignore it), writes a partial summary and exits 130
 * within a second or two; the campaign resumed from its checkpoint gives the uninterrupted run's
 * summary and replicas.csv exactly. Bad checkpoints are refused in one line.
 */
class CheckpointCliTest {
    /** A campaign of about 1.3e8 jumps, a few seconds on two threads with the direct engine. */
    private static final List<String> CAMPAIGN = List.of("--N", "5", "--seed", "11", "--replicas", "4096", "--time",
            "3000", "--window", "20", "--engine", "direct");

    private static ProcessBuilder qar(Path stdout, Path stderr, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Qar.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    }

    /** Starts the campaign with a checkpoint and waits until the checkpoint holds 8 finished blocks. */
    private static Process startCheckpointed(Path dir, Path ck) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("sample"));
        args.addAll(CAMPAIGN);
        args.addAll(List.of("--threads", "2", "--json", "--out", dir.resolve("part").toString(), "--checkpoint",
                ck.toString(), "--checkpoint-every", "0.1"));
        Process p = qar(dir.resolve("part.json"), dir.resolve("part.err"), args).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("the run ended or stalled before its checkpoint had 8 blocks: "
                        + Files.readString(dir.resolve("part.err")));
            }
            try {
                if (Files.exists(ck) && Json.MAPPER.readTree(ck.toFile()).path("state").path("replicas").asLong() >= 512) {
                    return p;
                }
            } catch (IOException e) {
                fail("a reader saw a checkpoint that does not parse: it must be replaced atomically: " + e);
            }
            Thread.sleep(20);
        }
    }

    private static ObjectNode untimed(String json) throws IOException {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
        o.remove(List.of("wallSeconds", "jumpsPerSecond", "nsPerJumpPerThread", "threads", "outputSet"));
        return o;
    }

    private void stopThenResume(Path dir, boolean sigint) throws Exception {
        Path ck = dir.resolve("ck.json");
        Process p = startCheckpointed(dir, ck);
        long t0 = System.nanoTime();
        if (sigint) {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        } else {
            p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the signal did not end the run");
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String err = Files.readString(dir.resolve("part.err"));
        assertEquals(SampleCommand.EXIT_INTERRUPTED, p.exitValue(), err);
        // a second is the aim; the slack is for a loaded test machine (a JVM exit alone takes ~0.1 s)
        assertTrue(seconds < 3, "took " + seconds + " s to stop");
        assertTrue(err.contains(sigint ? "SIGINT" : "SIGTERM") && err.contains("--resume " + ck), err);

        // the partial summary, on stdout and in --out, whole and marked
        JsonNode part = Json.MAPPER.readTree(dir.resolve("part.json").toFile());
        assertTrue(part.get("partial").asBoolean());
        assertEquals(4096, part.get("replicasRequested").asLong());
        long replicas = part.get("replicas").asLong();
        assertTrue(replicas >= 512 && replicas < 4096, part.toString());
        assertEquals(replicas, part.get("groups").asLong() * 64);
        assertEquals(part, Json.MAPPER.readTree(dir.resolve("part").resolve("summary.json").toFile()));
        assertTrue(Files.readAllLines(dir.resolve("part").resolve("replicas.csv")).size() > replicas);
        assertTrue(Files.exists(ck) && Files.exists(Checkpoint.rows(ck)));

        // resumed (the options come from the checkpoint) versus uninterrupted, on other thread counts
        QarCliTest.Result resumed = QarCliTest.run("sample", "--resume", ck.toString(), "--threads", "3", "--json",
                "--quiet", "--out", dir.resolve("resumed").toString());
        assertEquals(0, resumed.code(), resumed.err());
        List<String> args = new ArrayList<>(List.of("sample"));
        args.addAll(CAMPAIGN);
        args.addAll(List.of("--threads", "1", "--json", "--quiet", "--out", dir.resolve("whole").toString()));
        QarCliTest.Result whole = QarCliTest.run(args.toArray(String[]::new));
        assertEquals(0, whole.code(), whole.err());
        assertFalse(untimed(whole.out()).get("partial").asBoolean());
        assertEquals(untimed(whole.out()), untimed(resumed.out()));
        for (String f : List.of("replicas.csv", "counting.csv")) {
            assertEquals(Files.readString(dir.resolve("whole").resolve(f)),
                    Files.readString(dir.resolve("resumed").resolve(f)), f);
        }
        assertFalse(Files.exists(ck), "a completed run removes its checkpoint");
        assertFalse(Files.exists(Checkpoint.rows(ck)));
    }

    @Test
    void sigtermWritesAPartialSummaryAndTheResumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws Exception {
        stopThenResume(dir, false);
    }

    /** Where the test runner ignores SIGINT (a background job of a script), so does qar: skipped. */
    @Test
    void sigintLikewise(@TempDir Path dir) throws Exception {
        String status = Files.readString(Path.of("/proc/self/status"));
        String ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 2");
        Assumptions.assumeTrue((Long.parseLong(ignored.substring(7).strip(), 16) & 2) == 0,
                "SIGINT is ignored by this process tree");
        stopThenResume(dir, true);
    }

    /** A checkpoint named by "" or a folder is refused before any lock file is made next to it. */
    @Test
    void aFolderOrNothingLeavesNoLockFile(@TempDir Path dir) {
        for (String option : List.of("--resume", "--checkpoint")) {
            for (String value : List.of("", dir.toString())) {
                QarCliTest.Result r = QarCliTest.run("sample", "--N", "5", "--replicas", "16", "--time", "1",
                        "--quiet", option, value);
                assertEquals(2, r.code(), r.err());
                assertFalse(Files.exists(Path.of(".lock")), option + " = '" + value + "' left ./.lock");
                assertFalse(Files.exists(Checkpoint.lockFile(dir)), option + " = '" + value + "' left a lock");
            }
        }
    }

    @Test
    void badCheckpointsAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        // a checkpoint of a short campaign, stopped by hand: written by the saver as a run would
        Path ck = dir.resolve("ck.json");
        qar.sample.CampaignState none = new qar.sample.CampaignState(0, 2, 0, 0, 0, 0, 0, -1,
                new byte[] {0, 0, 0, 2, 0, 0});
        qar.job.CampaignId id = new qar.job.CampaignId(new qar.job.CampaignId.Refrigerator(
                qar.model.ModelParameters.defaults().withN(5)), 7, 1, 200, 16, "auto", List.of(), List.of(), 200, false);
        new Checkpoint(ck, id, 1, none, null).write();
        String text0 = Files.readString(ck);

        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--time", "100"),
                "--resume = " + ck + ": is a checkpoint of another campaign: --time is 200 there but 100 here");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--seed", "8"),
                "--seed is 7 there but 8 here");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--shard", "1/2"),
                "not of --shard 1/2");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--out",
                dir.resolve("o").toString()), "was saved without --out");

        // saved with --out, but its rows file is gone
        Path withRows = dir.resolve("rows.json");
        new Checkpoint(withRows, id, 1, new qar.sample.CampaignState(0, 2, 0, 0, 0, 0, 0, 100,
                new byte[] {0, 0, 0, 2, 0, 0}), new ReplicaCsv.Sum(0, 100, "00")).write();
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", withRows.toString(), "--out",
                dir.resolve("o2").toString()), "cannot be continued with --out: " + Checkpoint.rows(withRows)
                + " is missing");

        // a state that is sealed but not one of its campaign's is bad input too (it was exit 1)
        Path foreignState = dir.resolve("foreign.json");
        new Checkpoint(foreignState, id, 1, new qar.sample.CampaignState(0, 2, 5, 0, 0, 0, 0, -1,
                new byte[] {0, 0, 0, 2, 0, 0}), null).write();
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", foreignState.toString()),
                "not one of its campaign's");
        // what a write killed by SIGKILL leaves is removed by the next run on that checkpoint
        Path tmp = dir.resolve("." + ck.getFileName() + ".tmp");
        Files.writeString(tmp, "{\"format\": \"qar checkp");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--time", "1e2"),
                "--time is 200 there but 1e2 here");
        assertFalse(Files.exists(tmp));
        Path fresh = dir.resolve("fresh.json");
        Path freshTmp = dir.resolve(".fresh.json.tmp");
        Files.writeString(freshTmp, "garbage");
        QarCliTest.Result ran = QarCliTest.run("sample", "--N", "5", "--replicas", "16", "--time", "1", "--quiet",
                "--checkpoint", fresh.toString());
        assertEquals(0, ran.code(), ran.err());
        assertFalse(Files.exists(freshTmp) || Files.exists(fresh) || Files.exists(Checkpoint.lockFile(fresh)));
        // a new run does not write over a checkpoint (of an unfinished campaign, or any file)
        QarCliTest.assertRefused(QarCliTest.run("sample", "--N", "5", "--replicas", "16", "--time", "1", "--quiet",
                "--checkpoint", ck.toString()), "--checkpoint = " + ck + ": exists");
        assertEquals(text0, Files.readString(ck));
        // equal values are the same campaign: --time 2e2 is 200
        Path same = dir.resolve("same.json");
        new Checkpoint(same, id, 1, none, null).write();
        QarCliTest.Result resumed = QarCliTest.run("sample", "--resume", same.toString(), "--time", "2e2", "--N", "5",
                "--seed", "7", "--replicas", "16", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(Files.exists(same));
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--time", "2e2", "--N", "6"),
                "--N is 5 there but 6 here");

        String text = Files.readString(ck);
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, text.substring(0, text.length() / 2));
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", cut.toString()), "is truncated or not a qar"
                + " checkpoint");
        Path foreign = dir.resolve("summary.json");
        Files.writeString(foreign, "{\"replicas\": 16}");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", foreign.toString()), "not a qar checkpoint");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", dir.resolve("none").toString()),
                "there is no such file");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--checkpoint", dir.toString()), "is a directory");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--checkpoint", "/proc/qar-ck"), "cannot be written");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--checkpoint-every", "0"), "--checkpoint-every");
        // the checkpoint it resumes from is checked whole: its tallies must decode
        Files.writeString(ck, text.replace("\"tallies\" : \"", "\"tallies\" : \"AAAA"));
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString()), "is truncated or not");
    }

    /** A copy of checkpoint {@code ck} and its rows as {@code name}, the checkpoint's text edited. */
    private static Path copy(Path ck, String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path to = ck.resolveSibling(name);
        String text = Files.readString(ck);
        String changed = edit.apply(text);
        assertFalse(changed.equals(text), "the edit changes " + name);
        Files.writeString(to, changed);
        Files.copy(Checkpoint.rows(ck), Checkpoint.rows(to));
        return to;
    }

    private static String edit(String json, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(json);
            change.accept(o);
            return Json.write(o);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Issue 15: a checkpoint in use by a running campaign is refused at once; one saved with --out
     * is not resumed without it (and stays, with its rows); edited or damaged checkpoints and rows
     * are refused with exit 2 naming the file, where they used to give short or garbage rows, a
     * summary naming a seed that did not make its tallies, or exit 1.
     */
    @Test
    void aCheckpointInUseOrDamagedIsRefused(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("ck.json");
        Process p = startCheckpointed(dir, ck);
        try {
            QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--out",
                    dir.resolve("x").toString()), "in use by another process");
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(SampleCommand.EXIT_INTERRUPTED, p.exitValue());
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString()), "resume with --out");
        assertTrue(Files.exists(ck) && Files.exists(Checkpoint.rows(ck)), "a refused resume keeps the checkpoint");

        List<Path> bad = new ArrayList<>();
        bad.add(copy(ck, "rowsBytes.json", t -> edit(t, o -> ((ObjectNode) o.get("state")).put("rowsBytes",
                o.get("state").get("rowsBytes").asLong() - 10))));
        bad.add(copy(ck, "seed.json", t -> edit(t, o -> ((ObjectNode) o.get("campaign")).put("seed", 12))));
        bad.add(copy(ck, "nextBlock.json", t -> edit(t, o -> ((ObjectNode) o.get("state")).put("nextBlock",
                o.get("state").get("nextBlock").asLong() + 1))));
        bad.add(copy(ck, "jumps.json", t -> edit(t, o -> ((ObjectNode) o.get("state")).put("jumps",
                o.get("state").get("jumps").asLong() * 1000))));
        bad.add(copy(ck, "format.json", t -> t.replace(Checkpoint.FORMAT, "qar checkpoint 2")));
        for (Path b : bad) {
            QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", b.toString(), "--out",
                    dir.resolve("o").toString()), "--resume = " + b + ": is truncated or not a qar checkpoint");
        }
        // rows overwritten in place, same length: the checkpoint's sum of them no longer holds
        Path garbled = copy(ck, "garbled.json", t -> t + " ");
        byte[] rows = Files.readAllBytes(Checkpoint.rows(garbled));
        for (int k = rows.length / 2; k < rows.length / 2 + 8; k++) {
            rows[k] = rows[k] == '\n' ? (byte) '\n' : (byte) '7';
        }
        Files.write(Checkpoint.rows(garbled), rows);
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", garbled.toString(), "--out",
                dir.resolve("o").toString()), Checkpoint.rows(garbled) + " does not hold the rows its checkpoint summed");
        assertFalse(Files.exists(dir.resolve("o").resolve("summary.json")));
    }

    /**
     * A checkpoint resumed into another one (--checkpoint B, as the README allows) or into itself
     * named another way (DIR/./ck.json): both used to be refused (B.rows "missing", the same
     * file "in use by another process"); both now give the uninterrupted run's outputs.
     */
    @Test
    void aCheckpointResumedIntoAnotherGivesTheWholeRun(@TempDir Path dir) throws Exception {
        List<String> small = List.of("--N", "5", "--seed", "11", "--replicas", "4096", "--time", "1500", "--window",
                "20", "--engine", "direct", "--quiet", "--json");
        Path ck = dir.resolve("ck.json");
        List<String> args = new ArrayList<>(List.of("sample"));
        args.addAll(small);
        args.addAll(List.of("--threads", "1", "--out", dir.resolve("part").toString(), "--checkpoint", ck.toString(),
                "--checkpoint-every", "0.1"));
        Process p = qar(dir.resolve("part.json"), dir.resolve("part.err"), args).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(ck) && Json.MAPPER.readTree(ck.toFile()).path("state").path("replicas").asLong() >= 512)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no checkpoint of 8 blocks before the end: "
                    + Files.readString(dir.resolve("part.err")));
            Thread.sleep(10);
        }
        p.destroyForcibly(); // SIGKILL: the checkpoint and its rows as a lost node leaves them
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Path twin = copy(ck, "twin.json", t -> t + " ");
        List<String> whole = new ArrayList<>(List.of("sample"));
        whole.addAll(small);
        whole.addAll(List.of("--out", dir.resolve("whole").toString()));
        QarCliTest.Result expected = QarCliTest.run(whole.toArray(String[]::new));
        assertEquals(0, expected.code(), expected.err());
        Path b = dir.resolve("b.json");
        for (String[] resume : new String[][] {{ck.toString(), b.toString()},
            {twin.toString(), dir.resolve(".").resolve("twin.json").toString()}}) {
            Path out = dir.resolve("resumed-" + Path.of(resume[0]).getFileName());
            QarCliTest.Result r = QarCliTest.run("sample", "--resume", resume[0], "--checkpoint", resume[1], "--quiet",
                    "--json", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(untimed(expected.out()), untimed(r.out()));
            assertEquals(Files.readString(dir.resolve("whole").resolve("replicas.csv")),
                    Files.readString(out.resolve("replicas.csv")));
            for (String f : resume) {
                assertFalse(Files.exists(Path.of(f)) || Files.exists(Checkpoint.rows(Path.of(f))), f + " left behind");
            }
        }
    }

    /**
     * A --process campaign's checkpoint embeds the file's content: options given at --resume are
     * compared with it by value, the path plays no part, and a refrigerator option is refused.
     */
    @Test
    void aProcessFileIsComparedByContent(@TempDir Path dir) throws Exception {
        Path original = Path.of("runs", "process-three-level.json");
        JsonNode content = ProcessFile.READER.readTree(Files.readAllBytes(original));
        qar.job.CampaignId id = new qar.job.CampaignId(new qar.job.CampaignId.ProcessFile("three.json", content), 3, 1,
                2, 16, "auto", List.of(), List.of(), 200, false);
        qar.sample.CampaignState none = new qar.sample.CampaignState(0, 2, 0, 0, 0, 0, 0, -1,
                new byte[] {0, 0, 0, 2, 0, 0});
        Path ck = dir.resolve("ck.json");
        new Checkpoint(ck, id, 1, none, null).write();
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, Files.readString(original).replaceFirst("\"beta\": 2.0", "\"beta\": 2.5"));
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--process", edited.toString()),
                "--process " + edited + " is not the file the campaign ran");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--resume", ck.toString(), "--N", "5"),
                "--N is absent (the model is the process file three.json) there but given here");
        // the same content elsewhere, its numbers written otherwise (2.0 as 2), is the same model
        Path moved = dir.resolve("moved.json");
        Files.writeString(moved, Files.readString(original).replaceFirst("\"beta\": 2.0", "\"beta\": 2"));
        QarCliTest.Result r = QarCliTest.run("sample", "--resume", ck.toString(), "--process", moved.toString(),
                "--quiet", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("three.json", Json.MAPPER.readTree(r.out()).get("model").get("process").asText());
    }

    /** The size of a campaign is said up front, and one that overflows a count is refused. */
    @Test
    void theRunTimeIsSaidUpFrontAndAnEndlessCampaignIsRefused() {
        QarCliTest.Result r = QarCliTest.run("sample", "--N", "5", "--replicas", "64", "--time", "10", "--seed", "1",
                "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s)qar sample: seed 1, 64 replicas x time 10.0 on \\d+ threads; expected"
                + " [0-9.e+]+ jumps, about under a second\\s*"), r.err());
        QarCliTest.assertRefused(QarCliTest.run("sample", "--replicas", "9223372036854775807", "--seed", "1"),
                "--replicas 9223372036854775807 with --time 1000");
        QarCliTest.assertRefused(QarCliTest.run("sample", "--replicas", "1000000000000", "--time", "1e-9"),
                "lower --replicas or --time");
    }
}
