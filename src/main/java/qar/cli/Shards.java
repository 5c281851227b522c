package qar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qar.job.CampaignId;
import qar.job.ShardIndex;
import qar.report.Json;
import qar.sample.Campaign;
import qar.sample.GroupRange;
import qar.sample.GroupTally;

/**
 * The shard file (shard.json) of {@code qar sample --shard i/n}: the campaign's identity
 * ({@link CampaignFile}), i, the replicas it holds, the group tallies written exactly
 * ({@link GroupTally#write}, base64), the sum of its replicas.csv (rows, bytes, SHA-256) and a
 * SHA-256 over all of that. {@code qar merge} checks every one before it uses any.
 */
final class Shards {
    static final String FORMAT = "qar shard 3";
    private static final Pattern SPEC = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");
    private static final List<String> FIELDS = List.of("format", "campaign", "shard", "shards", "firstReplica",
            "replicas", "groups", "jumps", "engineSteps", "threadSeconds", "tallies", "replicasCsv", "sha256");

    private Shards() {
    }

    /** Shard i of n from "i/n", 1 <= i <= n. */
    static ShardIndex parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (i >= 1 && i <= n) {
                return new ShardIndex(i, n);
            }
        }
        throw UsageException.of("--shard", spec, "must be i/n with integers 1 <= i <= n");
    }

    /** The content of shard.json but its seal, from the values. */
    private static ObjectNode content(CampaignId id, int shard, long firstReplica, long replicas, int groups,
            long jumps, long steps, double threadSeconds, String tallies, ReplicaCsv.Sum rows) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.set("campaign", CampaignFile.json(id));
        root.put("shard", shard);
        root.put("shards", id.shards());
        root.put("firstReplica", firstReplica);
        root.put("replicas", replicas);
        root.put("groups", groups);
        root.put("jumps", jumps);
        root.put("engineSteps", steps);
        // timing only: the thread-seconds the shard took, summed by qar merge for its throughput line
        root.put("threadSeconds", threadSeconds);
        root.put("tallies", tallies);
        root.set("replicasCsv", rows.json());
        return root;
    }

    static String write(CampaignId id, int shard, long firstReplica, Campaign.Result part, ReplicaCsv.Sum rows) {
        String tallies;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(part.groups().size());
            for (GroupTally g : part.groups()) {
                g.write(out);
            }
            out.flush();
            tallies = Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode root = content(id, shard, firstReplica, part.replicas(), part.groups().size(), part.jumps(),
                part.steps(), part.wallSeconds() * part.threads(), tallies, rows);
        root.put("sha256", CampaignFile.seal(root));
        return Json.write(root) + System.lineSeparator();
    }

    /** One shard output read back. */
    record Shard(Path dir, CampaignId identity, int shard, int shards, long firstReplica, long replicas, long jumps,
                 long steps, double threadSeconds, List<GroupTally> groups, ReplicaCsv.Sum rows) {
        Path file() {
            return dir.resolve(OutputSet.SHARD);
        }
    }

    /** Reads and checks DIR/shard.json; a folder without it, or a file cut short, edited or not qar's, is refused in one line. */
    static Shard read(Path dir) {
        Path file = dir.resolve(OutputSet.SHARD);
        for (String name : List.of(OutputSet.SHARD, OutputSet.REPLICAS)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new UsageException(dir + " is not a shard output (no " + name + ")");
            }
        }
        try {
            JsonNode root = CampaignFile.open(file, FORMAT, "a qar shard file", ": run the shards again", FIELDS);
            CampaignId id = CampaignFile.read(root.get("campaign"));
            int shard = (int) CampaignFile.integer(root, "shard", 1, id.shards());
            if (CampaignFile.integer(root, "shards") != id.shards()) {
                throw new IOException("shards is not the campaign's");
            }
            if (!root.get("tallies").isTextual() || !root.get("sha256").isTextual()) {
                throw new IOException("tallies or sha256 is not text");
            }
            long first = CampaignFile.integer(root, "firstReplica", 0, Long.MAX_VALUE);
            long replicas = CampaignFile.integer(root, "replicas", 1, Long.MAX_VALUE);
            int count = (int) CampaignFile.integer(root, "groups", 1, Campaign.MAX_GROUPS);
            long jumps = CampaignFile.integer(root, "jumps", 0, Long.MAX_VALUE);
            long steps = CampaignFile.integer(root, "engineSteps", -1, Long.MAX_VALUE);
            double threadSeconds = CampaignFile.real(root.get("threadSeconds"), "threadSeconds");
            String tallies = root.get("tallies").asText();
            ReplicaCsv.Sum rows = ReplicaCsv.Sum.read(root.get("replicasCsv"), "replicasCsv");
            ObjectNode content = content(id, shard, first, replicas, count, jumps, steps, threadSeconds, tallies, rows);
            if (!CampaignFile.seal(content).equals(root.get("sha256").asText())) {
                throw new IOException("its content does not match its sha256 (edited or damaged)");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(tallies)));
            int n = in.readInt();
            if (n != count) {
                throw new IOException("it holds " + n + " group tallies, it says " + count);
            }
            List<GroupTally> groups = new ArrayList<>(n);
            for (int g = 0; g < n; g++) {
                groups.add(GroupTally.read(in, qar.job.Analyses.readers(id.analyses())));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the tallies");
            }
            // sums that must agree: the tallies' replicas and jumps, and the rows of replicas.csv
            long talliedReplicas = 0;
            long talliedJumps = 0;
            for (GroupTally g : groups) {
                talliedReplicas += g.moments().replicas();
                for (long j : g.moments().jumps()) {
                    talliedJumps += j;
                }
            }
            if (talliedReplicas != replicas || rows.rows() != replicas) {
                throw new IOException("its tallies hold " + talliedReplicas + " replicas and its replicas.csv "
                        + rows.rows() + " rows, it says " + replicas);
            }
            if (talliedJumps != jumps) {
                throw new IOException("its tallies hold " + talliedJumps + " jumps, it says " + jumps);
            }
            return new Shard(dir, id, shard, id.shards(), first, replicas, jumps, steps, threadSeconds, groups, rows);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(file + " is truncated or not a qar shard file: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Refuses shards of different campaigns, and missing or duplicated shards; returns them in order. */
    static List<Shard> check(List<Shard> shards) {
        Shard first = shards.get(0);
        for (Shard s : shards) {
            String[] d = CampaignFile.difference(first.identity, s.identity);
            if (d != null) {
                throw new UsageException("shards of different campaigns: " + d[0] + " is " + d[1] + " in " + first.dir
                        + " but " + d[2] + " in " + s.dir);
            }
        }
        int n = first.shards;
        Shard[] byIndex = new Shard[n];
        for (Shard s : shards) {
            if (byIndex[s.shard - 1] != null) {
                throw new UsageException("shard " + s.shard + "/" + n + " given twice: " + byIndex[s.shard - 1].dir
                        + " and " + s.dir);
            }
            byIndex[s.shard - 1] = s;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (byIndex[i] == null) {
                missing.add((i + 1) + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("missing shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        return List.of(byIndex);
    }

    /**
     * Checks each shard's replicas.csv against what its shard.json recorded: rows, length,
     * SHA-256, replica indices from its first replica, and the jumps per reservoir of its tallies.
     */
    static void verifyRows(List<Shard> shards) throws IOException {
        for (Shard s : shards) {
            long[] jumps = new long[s.groups.get(0).moments().reservoirs()];
            for (GroupTally t : s.groups) {
                long[] j = t.moments().jumps();
                for (int r = 0; r < jumps.length; r++) {
                    jumps[r] += j[r];
                }
            }
            Path csv = s.dir.resolve(OutputSet.REPLICAS);
            String wrong = ReplicaCsv.verify(csv, s.rows, s.firstReplica, jumps);
            if (wrong != null) {
                throw new UsageException(csv + " is not the replicas.csv its shard.json summed: " + wrong);
            }
        }
    }

    /**
     * The shards' tallies in group order as one run of {@code groups} groups (one thread, the shards'
     * thread-seconds as its wall time).
     */
    static qar.sample.Campaign.Result combined(List<Shard> shards, int groups) {
        List<GroupTally> all = new java.util.ArrayList<>();
        long jumps = 0;
        long steps = 0;
        double threadSeconds = 0;
        for (Shard s : shards) {
            all.addAll(s.groups());
            jumps += s.jumps();
            // a shard whose engine steps are unknown leaves them unknown
            steps = steps < 0 || s.steps() < 0 ? -1 : steps + s.steps();
            threadSeconds += s.threadSeconds();
        }
        if (all.size() != groups) {
            throw new UsageException("the shards hold " + all.size() + " groups, the campaign has " + groups);
        }
        return new qar.sample.Campaign.Result(all, jumps, steps, threadSeconds, 1);
    }

    /** Checks each shard against the campaign's job: its groups and replica range are those of its index. */
    static void verifyRanges(List<Shard> shards, qar.job.SampleJob job) {
        for (Shard s : shards) {
            GroupRange g = job.shardGroups(s.shard, s.shards);
            long first = job.firstReplica(g.first());
            if (s.groups.size() != g.size() || s.firstReplica != first
                    || s.replicas != job.shardReplicas(s.shard, s.shards)) {
                throw new UsageException(s.file() + " does not hold shard " + s.shard + "/" + s.shards + " of its"
                        + " campaign: groups " + g.first() + ".." + (g.end() - 1) + ", replicas " + first + ".."
                        + (first + job.shardReplicas(s.shard, s.shards) - 1));
            }
        }
    }
}
