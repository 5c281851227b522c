package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qar.report.Json;

/**
 * {@code --out DIR} publishes a run's files as one set (issue 7, "results lost or mixed up"): a
 * failed or concurrent run never leaves one run's summary next to another's table, a signal
 * leaves no temporary file, and rows are streamed rather than kept.
 */
class OutputSetCliTest {
    /** N = 5, short replicas: about 0.1 s a run. */
    private static String[] sample(Path out, long seed, int replicas, String... extra) {
        return Stream.concat(Stream.of("sample", "--N", "5", "--time", "20", "--quiet", "--json", "--seed",
                String.valueOf(seed), "--replicas", String.valueOf(replicas), "--out", out.toString()),
                Stream.of(extra)).toArray(String[]::new);
    }

    /**
     * DIR holds exactly one complete set, the one {@code summary} describes, and nothing
     * temporary: in .qar only the current link, the lock files and that set; in DIR, each listed
     * file as a link into the current set and no other name qar writes.
     */
    static void assertOneCompleteSet(Path out, JsonNode summary) throws IOException {
        Path root = out.resolve(OutputSet.HIDDEN);
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                assertTrue(name.equals(OutputSet.SETS) || name.equals(OutputSet.CURRENT) || name.equals("lock")
                        || name.matches("tmp-\\d+\\.lock") && Files.isRegularFile(p), "left behind: " + p);
            }
        }
        String id = summary.get("outputSet").asText();
        try (Stream<Path> s = Files.list(root.resolve(OutputSet.SETS))) {
            assertEquals(List.of(id), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(Path.of(OutputSet.SETS, id), Files.readSymbolicLink(root.resolve(OutputSet.CURRENT)));
        Set<String> listed = new TreeSet<>();
        summary.get("files").forEach(f -> listed.add(f.asText()));
        listed.add(OutputSet.SUMMARY);
        try (Stream<Path> s = Files.list(root.resolve(OutputSet.SETS).resolve(id))) {
            assertEquals(listed, s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors
                    .toCollection(TreeSet::new)));
        }
        for (String name : OutputSet.NAMES) {
            Path p = out.resolve(name);
            if (listed.contains(name)) {
                assertEquals(Path.of(OutputSet.HIDDEN, OutputSet.CURRENT, name), Files.readSymbolicLink(p), name);
                assertTrue(Files.isRegularFile(p), name);
            } else {
                assertFalse(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), name + " of another run");
            }
        }
        assertEquals(summary, Json.MAPPER.readTree(out.resolve(OutputSet.SUMMARY).toFile()));
    }

    private static JsonNode ok(QarCliTest.Result r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    /**
     * The report: a second run into the same folder failed after writing, and the first
     * run's summary sat next to the second run's CSV. Here the second run (other seed, other
     * replicas, no windows) fails when it publishes, because waiting_times.csv is taken by a
     * folder: the first run's set stays whole, down to the counting.csv the second run lacks.
     */
    @Test
    void aFailedSecondRunLeavesTheFirstSetWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        JsonNode first = ok(QarCliTest.run(sample(out, 1, 64, "--window", "2")));
        String replicas = Files.readString(out.resolve("replicas.csv"));
        String counting = Files.readString(out.resolve("counting.csv"));
        Files.createDirectories(out.resolve("waiting_times.csv").resolve("x"));
        QarCliTest.Result second = QarCliTest.run(sample(out, 2, 96, "--wtd", "c"));
        assertEquals(1, second.code(), second.err());
        assertTrue(second.err().contains("could not write " + out.resolve("waiting_times.csv")), second.err());
        assertEquals(96, Json.MAPPER.readTree(second.out()).get("replicas").asLong(), "the results are on stdout");
        assertEquals(first, Json.MAPPER.readTree(out.resolve("summary.json").toFile()));
        assertEquals(replicas, Files.readString(out.resolve("replicas.csv")));
        assertEquals(counting, Files.readString(out.resolve("counting.csv")));
        assertTrue(Files.isDirectory(out.resolve("waiting_times.csv")));
        // a third run that succeeds replaces the whole set: counting.csv goes with the first run
        Files.delete(out.resolve("waiting_times.csv").resolve("x"));
        Files.delete(out.resolve("waiting_times.csv"));
        JsonNode third = ok(QarCliTest.run(sample(out, 3, 80, "--wtd", "c")));
        assertOneCompleteSet(out, third);
        assertEquals(81, Files.readAllLines(out.resolve("replicas.csv")).size());
    }

    /**
     * Files of an older qar, written straight into DIR, are replaced: a name of the new set
     * becomes its link, a name the new set lacks goes, other files stay.
     */
    @Test
    void filesOfTheOldLayoutAreReplacedNotMixedIn(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("o"));
        Files.writeString(out.resolve("summary.json"), "{\"old\": true}\n");
        Files.writeString(out.resolve("counting.csv"), "old\n");
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        JsonNode j = ok(QarCliTest.run("exact", "--N", "5", "--json", "--wtd", "c", "--out", out.toString()));
        assertOneCompleteSet(out, j);
        assertEquals("mine\n", Files.readString(out.resolve("notes.txt")));
    }

    /**
     * Two writers into one folder, five runs each, while a reader reads it: the reader resolves
     * .qar/current once per read and must always find a whole set (the summary names the folder
     * and counts the CSV's rows; the writers' replica counts differ, so a mix is seen). At the end
     * one complete set is left.
     */
    @Test
    void concurrentRunsLeaveTheLastCompleteSetNeverAMix(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> mix = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get() && mix.get() == null) {
                try {
                    Path set = out.resolve(OutputSet.HIDDEN).resolve(OutputSet.CURRENT).toRealPath();
                    JsonNode s = Json.MAPPER.readTree(Files.readString(set.resolve("summary.json")));
                    long rows = Files.readAllLines(set.resolve("replicas.csv")).size() - 1;
                    if (!s.get("outputSet").asText().equals(set.getFileName().toString())
                            || rows != s.get("replicas").asLong()) {
                        mix.set(set + ": " + rows + " rows, summary " + s.get("replicas") + " " + s.get("outputSet"));
                    }
                    reads.incrementAndGet();
                } catch (NoSuchFileException e) {
                    // before the first set, or a set deleted after it was resolved: not a mix
                } catch (IOException e) {
                    mix.compareAndSet(null, e.toString());
                }
            }
        });
        reader.start();
        List<Thread> writers = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 2; w++) {
            final int replicas = 64 + 32 * w;
            writers.add(new Thread(() -> {
                for (int run = 0; run < 5; run++) {
                    QarCliTest.Result r = QarCliTest.run(sample(out, 100 * replicas + run, replicas));
                    if (r.code() != 0) {
                        failures.add(r.err());
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }
        writing.set(false);
        reader.join();
        assertEquals(List.of(), failures);
        assertNull(mix.get());
        assertTrue(reads.get() > 0, "the reader never found a set");
        JsonNode last = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertOneCompleteSet(out, last);
        assertEquals(last.get("replicas").asLong() + 1, Files.readAllLines(out.resolve("replicas.csv")).size());
    }

    /** The JVM that runs the tests, on the same classes, as a separate process. */
    private static ProcessBuilder qar(Path stderr, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx24m", "-cp", System.getProperty("java.class.path"), Qar.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
    }

    /** Starts a run that would take hours and waits until its replicas.csv is being written. */
    private static Process startWriting(Path out, Path stderr) throws IOException, InterruptedException {
        Process p = qar(stderr, "sample", "--N", "5", "--replicas", "1000000000", "--time", "1e-6", "--seed", "1",
                "--threads", "1", "--quiet", "--out", out.toString()).start();
        Path csv = out.resolve(OutputSet.HIDDEN).resolve("tmp-0").resolve("replicas.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(csv) && Files.size(csv) > 0)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("the run did not start writing: " + Files.readString(stderr));
            }
            Thread.sleep(20);
        }
        return p;
    }

    /**
     * SIGTERM while replicas.csv is being written, before any error group is whole: exit 130 with
     * nothing to summarise, and the work folder is deleted.
     * SIGKILL: the one work folder left is emptied and reused by the next run, which leaves none.
     */
    /**
     * Issue 15: SIGTERM to qar exact while it wrote its outputs gave "could not write ...
     * NoSuchFileException ...tmp-0/..." and a cut stdout. The shutdown hook now lets a run that is
     * writing its results finish and publish them; before that it discards the work folder at
     * once and the previous set stays current.
     */
    @Test
    void aSignalWhileTheOutputsAreWrittenLetsThemFinish(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        try (OutputSet first = OutputSet.open("--out", out)) {
            first.write(OutputSet.SUMMARY, w -> w.write("{\"first\": true}"));
            first.publish(List.of(OutputSet.SUMMARY));
        }
        OutputSet writing = OutputSet.open("--out", out);
        writing.id();
        Thread hook = new Thread(writing::onShutdown);
        hook.start();
        hook.join(300);
        assertTrue(hook.isAlive(), "the hook waits for the outputs being written");
        writing.write(OutputSet.SUMMARY, w -> w.write("{\"second\": true}"));
        writing.publish(List.of(OutputSet.SUMMARY));
        writing.close();
        hook.join(10_000);
        assertFalse(hook.isAlive());
        assertEquals("{\"second\": true}", Files.readString(out.resolve(OutputSet.SUMMARY)));

        OutputSet early = OutputSet.open("--out", out);
        Thread discard = new Thread(early::onShutdown);
        discard.start();
        discard.join(10_000);
        assertFalse(discard.isAlive(), "before the outputs the hook does not wait");
        early.close();
        assertEquals("{\"second\": true}", Files.readString(out.resolve(OutputSet.SUMMARY)));
        try (Stream<Path> left = Files.list(out.resolve(OutputSet.HIDDEN))) {
            assertEquals(List.of(), left.filter(Files::isDirectory).map(q -> q.getFileName().toString())
                    .filter(n -> n.startsWith("tmp-")).toList());
        }
    }

    @Test
    void aSignalLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        Path stderr = dir.resolve("stderr.txt");
        Process term = startWriting(out, stderr);
        term.destroy();
        assertTrue(term.waitFor(20, TimeUnit.SECONDS), "SIGTERM did not end the run");
        assertEquals(130, term.exitValue(), Files.readString(stderr));
        try (Stream<Path> s = Files.list(out.resolve(OutputSet.HIDDEN))) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock") && !n.equals(OutputSet.SETS)).toList();
            assertEquals(List.of(), left, "left behind after SIGTERM");
        }
        try (Stream<Path> s = Files.list(out.resolve(OutputSet.HIDDEN).resolve(OutputSet.SETS))) {
            assertEquals(0, s.count());
        }
        assertFalse(Files.exists(out.resolve("summary.json")));

        Process kill = startWriting(out, stderr);
        kill.destroyForcibly();
        assertTrue(kill.waitFor(20, TimeUnit.SECONDS));
        assertTrue(Files.isDirectory(out.resolve(OutputSet.HIDDEN).resolve("tmp-0")), "SIGKILL leaves its folder");
        JsonNode next = ok(QarCliTest.run(sample(out, 4, 64)));
        assertOneCompleteSet(out, next);
    }

    /**
     * Rows are streamed, not kept: 250,000 replicas in a 24 MiB heap (the run needs about 16).
     * Kept, each row costs about 130 bytes (the record and its two long[3]), 32 MB in all: before
     * this change the run ran out of memory (and hung).
     */
    @Test
    void manyReplicasFitInASmallHeap(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        Path stderr = dir.resolve("stderr.txt");
        Process p = qar(stderr, "sample", "--N", "5", "--replicas", "250000", "--time", "1e-6", "--seed", "2",
                "--threads", "2", "--quiet", "--out", out.toString()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not end");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(stderr));
        try (Stream<String> lines = Files.lines(out.resolve("replicas.csv"))) {
            assertEquals(250_001, lines.count());
        }
    }
}
