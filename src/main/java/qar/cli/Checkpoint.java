package qar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import qar.report.Json;
import qar.sample.CampaignState;

/**
 * A campaign's checkpoint file ({@code --checkpoint FILE}): its identity as a shard file has it
 * (options as given, effective seed, n), the shard i, and the exact state of the finished blocks
 * ({@link CampaignState}). With {@code --out}, the finished replicas' rows are kept beside it in
 * {@code FILE.rows} ({@link ReplicaCsv#durable}); the checkpoint records how many bytes of it are valid.
 * Written atomically: a temporary file in the same folder, forced to disk, renamed over FILE.
 *
 * @param shard  the shard, 1 for a whole campaign
 * @param shards the number of shards, 1 for a whole campaign
 */
record Checkpoint(Path file, Map<String, String> identity, int shard, int shards, CampaignState state) {
    static final String FORMAT = "qar checkpoint 1";

    /** The file of the finished replicas' rows beside checkpoint {@code file}. */
    static Path rows(Path file) {
        return file.resolveSibling(file.getFileName() + ".rows");
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

    /** Writes the checkpoint atomically. */
    void write() throws IOException {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.set("campaign", Json.MAPPER.valueToTree(identity));
        root.put("shard", shard);
        root.put("shards", shards);
        ObjectNode s = root.putObject("state");
        s.put("firstGroup", state.firstGroup());
        s.put("groupCount", state.groupCount());
        s.put("nextBlock", state.nextBlock());
        s.put("replicas", state.replicas());
        s.put("jumps", state.jumps());
        s.put("steps", state.steps());
        s.put("threadSeconds", state.threadSeconds());
        s.put("rowsBytes", state.rowsPosition());
        s.put("tallies", Base64.getEncoder().encodeToString(state.tallies()));
        byte[] bytes = (Json.write(root) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try {
                // a temporary file is private; the checkpoint is an ordinary file like the outputs
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep what it gives
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
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

    /** Reads a checkpoint; a missing, truncated or foreign file is refused in one line naming {@code option}. */
    static Checkpoint read(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw UsageException.of(option, file, "must be a checkpoint file written by qar sample --checkpoint"
                    + (Files.exists(file) ? "" : " (there is no such file)"));
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            JsonNode s = root == null ? null : root.path("state");
            if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("campaign").isObject()
                    || !root.path("shard").isInt() || !root.path("shards").isInt() || !s.isObject()
                    || !s.path("firstGroup").isInt() || !s.path("groupCount").isInt()
                    || !s.path("nextBlock").isIntegralNumber() || !s.path("replicas").isIntegralNumber()
                    || !s.path("jumps").isIntegralNumber() || !s.path("rowsBytes").isIntegralNumber()
                    || !s.path("tallies").isTextual()) {
                throw new IOException("not a qar checkpoint");
            }
            Map<String, String> id = Shards.campaign(root);
            CampaignState state = new CampaignState(s.get("firstGroup").asInt(), s.get("groupCount").asInt(),
                    s.get("nextBlock").asLong(), s.get("replicas").asLong(), s.get("jumps").asLong(),
                    s.path("steps").asLong(-1), s.path("threadSeconds").asDouble(0), s.get("rowsBytes").asLong(),
                    Base64.getDecoder().decode(s.get("tallies").asText()));
            state.groups(); // the tallies decode, whole
            int shard = root.get("shard").asInt();
            int shards = root.get("shards").asInt();
            if (shards < 1 || shard < 1 || shard > shards || !id.containsKey("--seed")) {
                throw new IOException("bad shard " + shard + "/" + shards + " or no seed");
            }
            return new Checkpoint(file, id, shard, shards, state);
        } catch (IOException | RuntimeException e) {
            throw UsageException.of(option, file, "is truncated or not a qar checkpoint ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }
}
