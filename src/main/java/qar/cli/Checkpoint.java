package qar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import qar.job.CampaignId;
import qar.report.Json;
import qar.sample.CampaignState;
import qar.sample.GroupTally;

/**
 * A campaign's checkpoint file ({@code --checkpoint FILE}): its identity as a shard file has it
 * ({@link CampaignFile}), the shard i, the exact state of the finished blocks
 * ({@link CampaignState}) and a SHA-256 over all of it. With {@code --out}, the finished replicas'
 * rows are kept beside it in {@code FILE.rows} ({@link ReplicaCsv#durable}); the checkpoint records
 * their length, row count and SHA-256. Written atomically: {@code .FILE.tmp} in the same folder,
 * forced to disk, renamed over FILE. One process at a time holds {@code FILE.lock}
 * ({@link #lock}).
 *
 * @param shard the shard, 1 for a whole campaign
 * @param rows  the sum of FILE.rows's valid part, null when the rows are not kept
 */
record Checkpoint(Path file, CampaignId identity, int shard, CampaignState state, ReplicaCsv.Sum rows) {
    static final String FORMAT = "qar checkpoint 3";
    private static final List<String> FIELDS = List.of("format", "campaign", "shard", "shards", "state", "sha256");
    private static final List<String> STATE = List.of("firstGroup", "groupCount", "nextBlock", "replicas", "jumps",
            "steps", "threadSeconds", "rowsBytes", "rowsCount", "rowsSha256", "tallies");

    int shards() {
        return identity.shards();
    }

    /** The file of the finished replicas' rows beside checkpoint {@code file}. */
    static Path rows(Path file) {
        return file.resolveSibling(file.getFileName() + ".rows");
    }

    /** The lock file beside checkpoint {@code file}. */
    static Path lockFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** The temporary file a write goes through (only the lock's holder writes it). */
    private static Path tmp(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp");
    }

    /**
     * Refuses, naming {@code option}, a checkpoint path that cannot be written: checked before any
     * work by writing and deleting a file beside it.
     */
    static void probe(String option, Path file) {
        if (file.toString().isBlank()) {
            throw UsageException.of(option, "\"" + file + "\"", "must name a file");
        }
        if (Files.isDirectory(file)) {
            throw UsageException.of(option, file, "is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Path probe = Files.createTempFile(parent, "." + file.getFileName(), ".probe");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw UsageException.of(option, file, "cannot be written (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    /**
     * Held while a process uses a checkpoint; closing releases it, and removes the lock file where
     * there is no checkpoint left to guard (a completed or refused run).
     */
    static final class Lock implements AutoCloseable {
        private final Path checkpoint;
        private final Path path;
        private final FileChannel channel;

        private Lock(Path checkpoint, Path path, FileChannel channel) {
            this.checkpoint = checkpoint;
            this.path = path;
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                if (!Files.exists(checkpoint)) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // a lock file left behind is harmless
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closing drops the lock whatever happens
            }
        }
    }

    /**
     * Takes {@code FILE.lock}, so that no two processes continue or write one checkpoint; refuses
     * at once, naming {@code option}, if another holds it. A temporary file left by a write that
     * was killed is removed.
     */
    static Lock lock(String option, Path file) {
        return lock(option, file, () -> { });
    }

    /** Tries before a lock file that keeps being replaced under us counts as in use. */
    private static final int LOCK_TRIES = 10;

    /**
     * As {@link #lock(String, Path)}; {@code afterOpen} runs between opening the lock file and
     * locking it (tests put a rival's close and lock there).
     *
     * <p>A holder deletes the lock file before it lets go, so the file this run opened may no
     * longer be the one at the path once it is locked, and another run may lock the new one. So
     * the file key (device and inode) at the path is read before the open and after the lock:
     * the same key both times is the opened file (its inode cannot be reused while this run holds
     * it open); another key, or none, and it opens the path again. Only stat is used: on POSIX
     * systems closing any other descriptor of the locked file would drop this process's lock.
     */
    static Lock lock(String option, Path file, Runnable afterOpen) {
        if (file.toString().isEmpty() || Files.isDirectory(file)) {
            throw UsageException.of(option, UsageException.shown(file.toString()), "must name a checkpoint file, not a folder");
        }
        Path path = lockFile(file);
        for (int attempt = 0; attempt < LOCK_TRIES; attempt++) {
            FileChannel ch = null;
            try {
                try {
                    Files.createFile(path);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another run's (held or left) lock file
                }
                Object before = fileKey(path);
                ch = FileChannel.open(path, StandardOpenOption.WRITE);
                afterOpen.run();
                FileLock held;
                try {
                    held = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    held = null; // held by this JVM already
                }
                if (held == null) {
                    ch.close();
                    throw UsageException.of(option, file, "is in use by another process (it holds " + path + ")");
                }
                if (!java.util.Objects.equals(before, fileKey(path))) {
                    ch.close();
                    continue;
                }
                Files.deleteIfExists(tmp(file));
                return new Lock(file, path, ch);
            } catch (java.nio.file.NoSuchFileException e) {
                close(ch); // deleted by the holder that let go: open the new one
            } catch (IOException e) {
                close(ch);
                throw UsageException.of(option, file, "cannot be locked (" + FileTrees.describe(e) + ")");
            }
        }
        throw UsageException.of(option, file, "is in use by another process (its lock file " + path
                + " was replaced " + LOCK_TRIES + " times while this run took it)");
    }

    /** The path's file key by stat; null on a file system without keys (where an open file cannot be deleted). */
    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private static void close(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException again) {
            // nothing held
        }
    }

    /** Refuses, naming {@code option}, a FILE that is not an existing regular file (before it is locked). */
    static void requireFile(String option, Path file) {
        if (file.toString().isEmpty() || !Files.isRegularFile(file)) {
            throw UsageException.of(option, UsageException.shown(file.toString()), "must be a checkpoint file written by qar sample --checkpoint"
                    + (Files.exists(file) ? "" : " (there is no such file)"));
        }
    }

    /** Every field but the seal, from the values. */
    private static ObjectNode content(CampaignId identity, int shard, CampaignState state, ReplicaCsv.Sum rows) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.set("campaign", CampaignFile.json(identity));
        root.put("shard", shard);
        root.put("shards", identity.shards());
        ObjectNode s = root.putObject("state");
        s.put("firstGroup", state.firstGroup());
        s.put("groupCount", state.groupCount());
        s.put("nextBlock", state.nextBlock());
        s.put("replicas", state.replicas());
        s.put("jumps", state.jumps());
        s.put("steps", state.steps());
        s.put("threadSeconds", state.threadSeconds());
        s.put("rowsBytes", state.rowsPosition());
        if (rows == null) {
            s.putNull("rowsCount");
            s.putNull("rowsSha256");
        } else {
            s.put("rowsCount", rows.rows());
            s.put("rowsSha256", rows.sha256());
        }
        s.put("tallies", Base64.getEncoder().encodeToString(state.tallies()));
        return root;
    }

    /** Writes the checkpoint atomically. */
    void write() throws IOException {
        ObjectNode root = content(identity, shard, state, rows);
        root.put("sha256", CampaignFile.seal(root));
        byte[] bytes = (Json.write(root) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        Path abs = file.toAbsolutePath();
        Path tmp = tmp(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads and checks a checkpoint; a missing, truncated, edited or foreign file is refused in one
     * line naming {@code option}.
     */
    static Checkpoint read(String option, Path file) {
        requireFile(option, file);
        try {
            JsonNode root = CampaignFile.open(file, FORMAT, "a qar checkpoint", "", FIELDS);
            JsonNode s = root.get("state");
            CampaignFile.fields(s, "state", STATE);
            CampaignId id = CampaignFile.read(root.get("campaign"));
            int shard = (int) CampaignFile.integer(root, "shard", 1, id.shards());
            if (CampaignFile.integer(root, "shards") != id.shards() || !root.get("sha256").isTextual()
                    || !s.get("tallies").isTextual()) {
                throw new IOException("not a qar checkpoint (shards, sha256 or tallies)");
            }
            long rowsBytes = CampaignFile.integer(s, "rowsBytes", -1, Long.MAX_VALUE);
            ReplicaCsv.Sum rows = null;
            if (rowsBytes >= 0) {
                if (!s.get("rowsSha256").isTextual()) {
                    throw new IOException("state.rowsSha256 is not text");
                }
                rows = new ReplicaCsv.Sum(CampaignFile.integer(s, "rowsCount", 0, Long.MAX_VALUE), rowsBytes,
                        s.get("rowsSha256").asText());
            } else if (!s.get("rowsCount").isNull() || !s.get("rowsSha256").isNull()) {
                throw new IOException("state.rowsCount and rowsSha256 must be null without rows");
            }
            CampaignState state = new CampaignState((int) CampaignFile.integer(s, "firstGroup", 0, Integer.MAX_VALUE),
                    (int) CampaignFile.integer(s, "groupCount", 1, Integer.MAX_VALUE),
                    CampaignFile.integer(s, "nextBlock", 0, Long.MAX_VALUE),
                    CampaignFile.integer(s, "replicas", 0, Long.MAX_VALUE),
                    CampaignFile.integer(s, "jumps", 0, Long.MAX_VALUE),
                    CampaignFile.integer(s, "steps", -1, Long.MAX_VALUE),
                    CampaignFile.real(s.get("threadSeconds"), "threadSeconds"), rowsBytes,
                    Base64.getDecoder().decode(s.get("tallies").asText()));
            if (!CampaignFile.seal(content(id, shard, state, rows)).equals(root.get("sha256").asText())) {
                throw new IOException("its content does not match its sha256 (edited or damaged)");
            }
            // sums that must agree: the tallies' replicas and jumps, and the kept rows
            long replicas = 0;
            long jumps = 0;
            for (GroupTally g : state.groups(qar.job.Analyses.readers(id.analyses()))) {
                if (g != null) {
                    replicas += g.moments().replicas();
                    for (long j : g.moments().jumps()) {
                        jumps += j;
                    }
                }
            }
            if (replicas != state.replicas() || jumps != state.jumps()
                    || (rows != null && rows.rows() != state.replicas())) {
                throw new IOException("its tallies hold " + replicas + " replicas and " + jumps + " jumps"
                        + (rows == null ? "" : ", its rows " + rows.rows()) + "; it says " + state.replicas()
                        + " and " + state.jumps());
            }
            return new Checkpoint(file, id, shard, state, rows);
        } catch (IOException | RuntimeException e) {
            throw UsageException.of(option, file, "is truncated or not a qar checkpoint ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }
}
