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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qar.report.Json;
import qar.sample.Campaign;
import qar.sample.GroupTally;

/**
 * The shard file (shard.json) of {@code qar sample --shard i/n}: the campaign's identity (every
 * option that changes the tallies, as given, with the effective seed and n), i, and the group
 * tallies, written exactly ({@link GroupTally#write}, base64).
 */
final class Shards {
    static final String FORMAT = "qar shard 1";
    /** Options that change no tally (how and where a run goes): left out of a campaign's identity. */
    private static final Set<String> NO_VALUE_FREE = Set.of("--quiet", "--json");
    private static final Set<String> VALUED_FREE = Set.of("--shard", "--out", "--threads", "--checkpoint",
            "--checkpoint-every", "--resume");
    private static final Pattern SPEC = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");

    private Shards() {
    }

    /** {i, n} from "i/n", 1 <= i <= n. */
    static int[] parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        }
        throw UsageException.of("--shard", spec, "must be i/n with integers 1 <= i <= n");
    }

    /** The campaign: options as given (less those that change no tally), the seed and n. */
    static Map<String, String> identity(List<String> arguments, long seed, int shards) {
        Map<String, String> id = new LinkedHashMap<>();
        for (int k = 0; k < arguments.size(); k++) {
            String a = arguments.get(k);
            boolean valued = k + 1 < arguments.size() && !arguments.get(k + 1).startsWith("--");
            String v = valued ? arguments.get(++k) : "";
            if (!NO_VALUE_FREE.contains(a) && !VALUED_FREE.contains(a)) {
                // a repeated option (--window 1 --window 3) keeps every value: --window, --window#2, ...
                String key = a;
                for (int n = 2; id.containsKey(key); n++) {
                    key = a + "#" + n;
                }
                id.put(key, v);
            }
        }
        id.put("--seed", Long.toString(seed));
        id.put("shards", Integer.toString(shards));
        return id;
    }

    /** The arguments that rebuild the campaign from its identity. */
    static List<String> arguments(Map<String, String> identity) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : identity.entrySet()) {
            if (e.getKey().equals("shards")) {
                continue;
            }
            int hash = e.getKey().indexOf('#');
            out.add(hash < 0 ? e.getKey() : e.getKey().substring(0, hash));
            if (!e.getValue().isEmpty()) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    static String write(Map<String, String> identity, int shard, int shards, Campaign.Result part) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.set("campaign", Json.MAPPER.valueToTree(identity));
        root.put("shard", shard);
        root.put("shards", shards);
        root.put("jumps", part.jumps());
        root.put("engineSteps", part.steps());
        // timing only: the thread-seconds the shard took, summed by qar merge for its throughput line
        root.put("threadSeconds", part.wallSeconds() * part.threads());
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(part.groups().size());
            for (GroupTally g : part.groups()) {
                g.write(out);
            }
            out.flush();
            root.put("tallies", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.write(root) + System.lineSeparator();
    }

    /** One shard output read back. */
    record Shard(Path dir, Map<String, String> identity, int shard, int shards, long jumps, long steps,
                 double threadSeconds, List<GroupTally> groups) {
    }

    /** Reads DIR/shard.json; a folder without it, or a file cut short or not qar's, is refused in one line. */
    static Shard read(Path dir) {
        Path file = dir.resolve(OutputSet.SHARD);
        for (String name : List.of(OutputSet.SHARD, OutputSet.REPLICAS)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new UsageException(dir + " is not a shard output (no " + name + ")");
            }
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("campaign").isObject()
                    || !root.path("shard").isInt() || !root.path("shards").isInt()
                    || !root.path("jumps").isIntegralNumber() || !root.path("tallies").isTextual()) {
                throw new IOException("not a qar shard file");
            }
            Map<String, String> id = campaign(root);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                    Base64.getDecoder().decode(root.get("tallies").asText())));
            int n = in.readInt();
            if (n < 1 || n > Campaign.MAX_GROUPS) {
                throw new IOException("bad number of groups " + n);
            }
            List<GroupTally> groups = new ArrayList<>(n);
            for (int g = 0; g < n; g++) {
                groups.add(GroupTally.read(in));
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the tallies");
            }
            return new Shard(dir, id, root.get("shard").asInt(), root.get("shards").asInt(), root.get("jumps").asLong(),
                    root.path("engineSteps").asLong(-1), root.path("threadSeconds").asDouble(0), groups);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(file + " is truncated or not a qar shard file: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The campaign identity a shard or checkpoint file holds under "campaign", in its order. */
    static Map<String, String> campaign(JsonNode root) {
        Map<String, String> id = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("campaign").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            id.put(e.getKey(), e.getValue().asText());
        }
        return id;
    }

    /** Refuses shards of different campaigns, and missing or duplicated shards; returns them in order. */
    static List<Shard> check(List<Shard> shards) {
        Shard first = shards.get(0);
        for (Shard s : shards) {
            Set<String> keys = new java.util.TreeSet<>(first.identity.keySet());
            keys.addAll(s.identity.keySet());
            for (String k : keys) {
                String a = first.identity.get(k);
                String b = s.identity.get(k);
                if (!java.util.Objects.equals(a, b)) {
                    throw new UsageException("shards of different campaigns: " + k + " is "
                            + (a == null ? "absent" : a.isEmpty() ? "given" : a) + " in " + first.dir + " but "
                            + (b == null ? "absent" : b.isEmpty() ? "given" : b) + " in " + s.dir);
                }
            }
        }
        int n = first.shards;
        Shard[] byIndex = new Shard[n];
        for (Shard s : shards) {
            if (s.shard < 1 || s.shard > n) {
                throw new UsageException(s.dir + " holds shard " + s.shard + " of " + n);
            }
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
}
