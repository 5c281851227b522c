package qar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import qar.job.DistributionCsv;
import qar.report.FluctuationReport;

/**
 * The files of one run with {@code --out DIR}, published together: a reader never sees one run's
 * summary next to another run's table.
 *
 * <p>Layout. The files are written into a work folder {@code DIR/.qar/tmp-K} (K a slot, below);
 * when all are complete the folder is renamed to {@code DIR/.qar/sets/ID} and the symbolic link
 * {@code DIR/.qar/current} is switched to it by renaming a new link over the old one, so readers
 * see the old set or the new one, whole. Each file name users rely on, {@code DIR/summary.json},
 * {@code DIR/replicas.csv}, {@code DIR/counting.csv}, ..., is a fixed relative link to
 * {@code .qar/current/NAME}; it never changes, so one rename switches every name at once. Then
 * the sets that are not current are deleted. DIR itself stays an ordinary folder (it may exist
 * already and hold other files), which is why the switch happens one level down: a folder cannot
 * be renamed onto a non-empty one, and moving the old one aside first leaves a moment with none.
 *
 * <p>Concurrent runs. Switching, deleting old sets and making links is done under an exclusive
 * lock on {@code DIR/.qar/lock} (across processes, and a lock in this JVM for runs inside one
 * process), so the last run to publish wins and none deletes a set another is about to publish.
 * Each run writes in its own work folder: slot K is the lowest whose lock file
 * {@code DIR/.qar/tmp-K.lock} no live run holds. The operating system drops a lock with its
 * process, so a killed run's slot is free again.
 *
 * <p>Interruption. The work folder has a fixed name, so a run killed with SIGKILL leaves at most
 * one behind, which the next run in that slot empties and reuses; on SIGINT or SIGTERM a
 * shutdown hook deletes it. Nothing of an unpublished run is ever visible through DIR.
 *
 * <p>Not thread-safe except {@link #close()}, which the shutdown hook may race with.
 */
final class OutputSet implements AutoCloseable {
    /** The hidden folder inside DIR that holds the sets, the work folders and the locks. */
    static final String HIDDEN = ".qar";
    static final String SETS = "sets";
    static final String CURRENT = "current";
    static final String SUMMARY = "summary.json";
    static final String REPLICAS = "replicas.csv";
    /** A shard's tallies and campaign (qar sample --shard). */
    static final String SHARD = "shard.json";
    /** Every name qar writes in DIR: when a set is published, those it lacks are removed from DIR. */
    static final List<String> NAMES = names(SUMMARY, REPLICAS, SHARD, DistributionCsv.COUNTING,
            DistributionCsv.WAITING_TIMES, DistributionCsv.RATE_FUNCTION, DistributionCsv.LARGE_DEVIATIONS,
            DistributionCsv.FINITE_TIME_CUMULANTS,
            FluctuationReport.GALLAVOTTI_COHEN, qar.job.FluctuationAnalysis.FLUCTUATION_THEOREM,
            qar.job.FluctuationAnalysis.EFFICIENCY, qar.report.SweepCsv.NAME, qar.report.RelaxReport.RELAX,
            qar.report.RelaxReport.THERMALISATION);
    private static final int MAX_SLOTS = 1024;

    /** These names and those of every registered analysis's files. */
    private static List<String> names(String... fixed) {
        List<String> all = new java.util.ArrayList<>(List.of(fixed));
        all.addAll(qar.job.Analyses.files());
        return List.copyOf(all);
    }
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    /**
     * Lock files this JVM holds. Closing any channel of a file drops every POSIX lock the process
     * has on it, so no second channel may be opened on one of these while it is held.
     */
    private static final Set<Path> HELD = new HashSet<>();
    /** Publishing inside this JVM, one at a time (the file lock serializes processes). */
    private static final ReentrantLock PUBLISH = new ReentrantLock();

    private final Path dir;
    private final Path root;
    private final Path work;
    private final Path slotLock;
    private final FileChannel slot;
    private final String id;
    private final Thread hook;
    /** The folder to delete if the run ends before publishing; null once published or deleted. */
    private Path inFlight;
    private boolean closed;
    /** Set once the results are written out ({@link #id()} names them in a summary): a signal then waits for them. */
    private boolean finishing;
    /** Set by the shutdown hook when it discarded the set: the run's later writes wait for the JVM to end. */
    private volatile boolean ending;
    /** Longest wait of a signal for the results being written, in seconds. */
    static final long FINISH_SECONDS = 60;

    private OutputSet(Path dir, Path root, Path work, Path slotLock, FileChannel slot, String id) {
        this.dir = dir;
        this.root = root;
        this.work = work;
        this.slotLock = slotLock;
        this.slot = slot;
        this.id = id;
        this.inFlight = work;
        this.hook = new Thread(this::onShutdown, "qar-output-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Body of a write; may throw. */
    interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    /**
     * Prepares an empty work folder under {@code dir}, before any work, so that an output folder
     * that could not take the set fails at once: permission bits alone say nothing for root or
     * for special file systems such as /proc, so this creates folders, a file and a link.
     *
     * @throws UsageException naming {@code option} if {@code dir} cannot take the set
     */
    static OutputSet open(String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw UsageException.of(option, "\"" + dir + "\"", "must name a directory");
        }
        Path d = dir.toAbsolutePath();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw UsageException.of(option, dir, "exists and is not a directory");
        }
        Path root = d.resolve(HIDDEN);
        FileChannel slot = null;
        Path slotLock = null;
        Path work = null;
        try {
            Files.createDirectories(root.resolve(SETS));
            FileTrees.Slot s = FileTrees.claimSlot(root, HELD, MAX_SLOTS);
            slot = s.channel();
            slotLock = s.lock();
            work = root.resolve(slotLock.getFileName().toString().replace(".lock", ""));
            FileTrees.deleteTree(work);
            Files.createDirectory(work);
            Path probe = work.resolve(".probe");
            Files.createSymbolicLink(probe, Path.of(SUMMARY));
            Files.delete(probe);
            Files.newOutputStream(probe).close();
            Files.delete(probe);
            String id = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                    + String.format("%08x", ThreadLocalRandom.current().nextInt());
            return new OutputSet(d, root, work, slotLock, slot, id);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            if (work != null) {
                try {
                    FileTrees.deleteTree(work);
                } catch (IOException | SecurityException again) {
                    // what is left is reused by the next run in this slot
                }
            }
            release(slotLock, slot);
            throw UsageException.of(option, dir, "is not a writable directory that can hold symbolic links ("
                    + FileTrees.describe(e) + ")");
        }
    }

    /**
     * The name of this set's folder under {@code DIR/.qar/sets}, unique to the run. A command asks
     * for it when its results are ready to be printed and written: from then on a SIGINT or
     * SIGTERM lets the run finish writing the set (atomically, as always) before the JVM ends.
     */
    String id() {
        synchronized (this) {
            finishing = true;
        }
        return id;
    }

    /** Where users find a file of the set. */
    Path shown(String name) {
        return dir.resolve(name);
    }

    /** A writer for one file of the set, in the work folder; the caller closes it. */
    BufferedWriter writer(String name) throws IOException {
        awaitEndIfDiscarded();
        try {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(work.resolve(name)),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw failure(name, e);
        }
    }

    /** Writes one file of the set. */
    void write(String name, Body body) throws IOException {
        try (BufferedWriter out = writer(name)) {
            body.write(out);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("could not write ") ? e : failure(name, e);
        }
    }

    /** The exception for a failed write of {@code name}: names the file users would read. */
    IOException failure(String name, IOException cause) {
        return new IOException("could not write " + shown(name) + " (" + FileTrees.describe(cause)
                + "); the results are on standard output", cause);
    }

    /**
     * Makes the written files the current set: afterwards {@code DIR/NAME} is this run's file for
     * every name in {@code names}, and no name of {@link #NAMES} outside it exists in DIR.
     *
     * @throws IOException naming the file or folder that could not be written; the previous set
     *                     then stays current and whole
     */
    void publish(List<String> names) throws IOException {
        if (!NAMES.containsAll(names)) {
            throw new IllegalArgumentException("unknown output names " + names);
        }
        awaitEndIfDiscarded();
        try {
            publishLocked(names);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("could not ") ? e
                    : new IOException("could not publish the files in " + dir + " (" + FileTrees.describe(e)
                            + "); the results are on standard output", e);
        }
    }

    private void publishLocked(List<String> names) throws IOException {
        PUBLISH.lock();
        try (FileChannel ch = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the run was interrupted before its files were published");
                }
                // first every name of the set becomes a link to .qar/current/NAME (each rename
                // switches one name from the old set's file to the old set's or none, never to
                // this set's), and files an older qar left under names this set lacks go
                for (String name : NAMES) {
                    Path p = dir.resolve(name);
                    try {
                        if (names.contains(name)) {
                            link(p, name);
                        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                            Files.delete(p);
                        }
                    } catch (IOException e) {
                        throw failure(name, e);
                    }
                }
                Path set = root.resolve(SETS).resolve(id);
                try {
                    Files.move(work, set, StandardCopyOption.ATOMIC_MOVE);
                    inFlight = set;
                    Path next = root.resolve(CURRENT + ".tmp");
                    Files.deleteIfExists(next);
                    Files.createSymbolicLink(next, Path.of(SETS, id));
                    // the switch: one rename replaces the link, so every name changes at once
                    Files.move(next, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
                    inFlight = null;
                } catch (IOException e) {
                    throw new IOException("could not publish the files in " + dir + " (" + FileTrees.describe(e)
                            + "); the results are on standard output", e);
                }
            }
            // best effort: what stays behind is removed by the next publication
            for (String name : NAMES) {
                Path p = dir.resolve(name);
                if (!names.contains(name) && isLink(p, name)) {
                    Files.deleteIfExists(p);
                }
            }
            try (DirectoryStream<Path> sets = Files.newDirectoryStream(root.resolve(SETS))) {
                for (Path old : sets) {
                    if (!old.getFileName().toString().equals(id)) {
                        FileTrees.deleteTree(old);
                    }
                }
            }
        } finally {
            PUBLISH.unlock();
        }
    }

    private void link(Path p, String name) throws IOException {
        if (isLink(p, name)) {
            return;
        }
        Path next = root.resolve("link.tmp");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, target(name));
        try {
            Files.move(next, p, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    private static Path target(String name) {
        return Path.of(HIDDEN, CURRENT, name);
    }

    private static boolean isLink(Path p, String name) throws IOException {
        return Files.isSymbolicLink(p) && Files.readSymbolicLink(p).equals(target(name));
    }

    /**
     * The shutdown hook (SIGINT, SIGTERM): while the results are being written it lets the run
     * finish and publish them (at most {@link #FINISH_SECONDS}), with the standard output flushed;
     * before that it deletes the unpublished files at once, and DIR keeps its previous set. Either
     * way it says so in one line.
     */
    void onShutdown() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (finishing) {
                System.err.println("qar: interrupted while writing the outputs in " + dir + ": finishing them first");
                long until = System.nanoTime() + FINISH_SECONDS * 1_000_000_000L;
                while (!closed && System.nanoTime() - until < 0) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            }
            if (!closed) {
                ending = true;
                System.err.println("qar: interrupted before the outputs were written: " + dir
                        + " keeps its previous files");
            }
        }
        discard();
        Qar.flushStandardOutput();
    }

    /** After the hook discarded the set the JVM is ending: a write would only fail with a confusing message. */
    private void awaitEndIfDiscarded() {
        while (ending) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes the unpublished files, if any. */
    private synchronized void discard() {
        closed = true;
        if (inFlight != null) {
            // a worker may still be creating a file in it: try a few times
            for (int attempt = 0; attempt < 10 && Files.exists(inFlight, LinkOption.NOFOLLOW_LINKS); attempt++) {
                try {
                    FileTrees.deleteTree(inFlight);
                } catch (IOException e) {
                    // retried; what is left is reused by the next run in this slot
                }
            }
            inFlight = null;
        }
        notifyAll();
    }

    /** Deletes what was not published and frees the slot. */
    @Override
    public void close() {
        discard();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook anyway
        }
        release(slotLock, slot);
    }

    private static void release(Path lock, FileChannel channel) {
        if (channel == null) {
            return;
        }
        synchronized (HELD) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing drops the lock whatever happens
            }
            HELD.remove(lock);
        }
    }
}
