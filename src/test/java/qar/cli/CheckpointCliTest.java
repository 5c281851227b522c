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

    @Test
    void badCheckpointsAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        // a checkpoint of a short campaign, stopped by hand: written by the saver as a run would
        Path ck = dir.resolve("ck.json");
        qar.sample.CampaignState none = new qar.sample.CampaignState(0, 2, 0, 0, 0, 0, 0, -1,
                new byte[] {0, 0, 0, 2, 0, 0});
        qar.job.CampaignId id = new qar.job.CampaignId(new qar.job.CampaignId.Refrigerator(
                qar.model.ModelParameters.defaults().withN(5)), 7, 1, 200, 16, "auto", List.of(), List.of(), 200, false);
        new Checkpoint(ck, id, 1, none, null).write();

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
