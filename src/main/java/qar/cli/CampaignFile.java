package qar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import qar.job.CampaignId;
import qar.model.Bath;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.Spectral;
import qar.report.Json;

/**
 * A campaign's identity ({@link CampaignId}) as the JSON that shard and checkpoint files carry
 * under "campaign", read back strictly (a missing, mistyped or unknown field is refused: the file
 * is not qar's), and the SHA-256 sums that bind those files' contents. Nothing read here is ever
 * @-expanded or parsed as command-line words.
 */
final class CampaignFile {
    private static final List<String> FIELDS = List.of("model", "seed", "shards", "time", "replicas", "engine",
            "windows", "wtd", "wtdPoints", "ft", "analyses");
    private static final List<String> BATHS = List.of("C", "H", "W");

    private CampaignFile() {
    }

    static ObjectNode json(CampaignId id) {
        ObjectNode o = Json.object();
        ObjectNode m = o.putObject("model");
        if (id.model() instanceof CampaignId.Refrigerator r) {
            ModelParameters p = r.parameters();
            ObjectNode q = m.putObject("refrigerator");
            q.put("model", p.kind().label());
            q.put("N", p.n());
            q.put("omega", p.omega());
            Bath[] baths = {p.cold(), p.hot(), p.work()};
            for (int k = 0; k < 3; k++) {
                q.put("beta" + BATHS.get(k), baths[k].beta());
                q.put("eps" + BATHS.get(k), baths[k].eps());
                q.put("delta" + BATHS.get(k), baths[k].delta());
                q.put("gamma" + BATHS.get(k), baths[k].gamma());
            }
            q.put("spectral", p.cold().spectral().shape().label());
            q.put("cutoff", p.cold().spectral().cutoff());
        } else {
            CampaignId.ProcessFile f = (CampaignId.ProcessFile) id.model();
            m.put("processFile", f.source());
            m.set("process", f.content());
        }
        o.put("seed", id.seed());
        o.put("shards", id.shards());
        o.put("time", id.time());
        o.put("replicas", id.replicas());
        o.put("engine", id.engine());
        ArrayNode w = o.putArray("windows");
        id.windows().forEach(w::add);
        ArrayNode t = o.putArray("wtd");
        id.wtd().forEach(t::add);
        o.put("wtdPoints", id.wtdPoints());
        o.put("ft", id.ft());
        // absent without optional analyses: such a campaign's files are as before they existed
        if (!id.analyses().isEmpty()) {
            ArrayNode a = o.putArray("analyses");
            id.analyses().forEach(a::add);
        }
        return o;
    }

    /** The identity of a "campaign" object; {@link IOException} says what is wrong with it. */
    static CampaignId read(JsonNode o) throws IOException {
        fields(o, "campaign", o.has("analyses") ? FIELDS : FIELDS.subList(0, FIELDS.size() - 1));
        JsonNode m = o.get("model");
        CampaignId.Model model;
        if (m.isObject() && m.has("refrigerator")) {
            fields(m, "campaign.model", List.of("refrigerator"));
            model = new CampaignId.Refrigerator(parameters(m.get("refrigerator")));
        } else if (m.isObject() && m.has("process")) {
            fields(m, "campaign.model", List.of("processFile", "process"));
            if (!m.get("processFile").isTextual() || !m.get("process").isObject()) {
                throw new IOException("campaign.model is not a process file's");
            }
            model = new CampaignId.ProcessFile(m.get("processFile").asText(), m.get("process"));
        } else {
            throw new IOException("campaign.model is neither the refrigerator nor a process file");
        }
        List<Double> windows = new ArrayList<>();
        for (JsonNode w : array(o, "windows")) {
            windows.add(real(w, "campaign.windows"));
        }
        List<String> wtd = new ArrayList<>();
        for (JsonNode w : array(o, "wtd")) {
            if (!w.isTextual()) {
                throw new IOException("campaign.wtd holds " + w);
            }
            wtd.add(w.asText());
        }
        List<String> analyses = new ArrayList<>();
        if (o.has("analyses")) {
            for (JsonNode a : array(o, "analyses")) {
                if (!a.isTextual() || !qar.job.Analyses.names().contains(a.asText())) {
                    throw new IOException("campaign.analyses holds " + a);
                }
                analyses.add(a.asText());
            }
            if (analyses.isEmpty()) {
                throw new IOException("campaign.analyses is empty (it is absent without analyses)");
            }
        }
        if (!o.get("engine").isTextual() || !o.get("ft").isBoolean()) {
            throw new IOException("campaign.engine or campaign.ft is mistyped");
        }
        return new CampaignId(model, integer(o, "seed"), (int) integer(o, "shards", 1, qar.sample.Campaign.MAX_GROUPS),
                real(o.get("time"), "campaign.time"), integer(o, "replicas"), o.get("engine").asText(), windows, wtd,
                (int) integer(o, "wtdPoints", 0, Integer.MAX_VALUE), o.get("ft").asBoolean(), analyses);
    }

    private static ModelParameters parameters(JsonNode q) throws IOException {
        List<String> names = new ArrayList<>(List.of("model", "N", "omega"));
        for (String b : BATHS) {
            names.addAll(List.of("beta" + b, "eps" + b, "delta" + b, "gamma" + b));
        }
        names.addAll(List.of("spectral", "cutoff"));
        fields(q, "campaign.model.refrigerator", names);
        try {
            ModelKind kind = null;
            for (ModelKind k : ModelKind.values()) {
                if (k.label().equals(q.get("model").asText())) {
                    kind = k;
                }
            }
            Spectral spectral = "ohmic".equals(q.get("spectral").asText())
                    ? Spectral.ohmic(real(q.get("cutoff"), "cutoff"))
                    : "lorentzian".equals(q.get("spectral").asText()) ? Spectral.lorentzian() : null;
            Bath[] baths = new Bath[3];
            for (int k = 0; k < 3; k++) {
                String b = BATHS.get(k);
                baths[k] = new Bath(real(q.get("beta" + b), "beta" + b), real(q.get("eps" + b), "eps" + b),
                        real(q.get("delta" + b), "delta" + b), real(q.get("gamma" + b), "gamma" + b), spectral);
            }
            return new ModelParameters(kind, (int) integer(q, "N", 0, Integer.MAX_VALUE), real(q.get("omega"), "omega"),
                    baths[0], baths[1], baths[2]);
        } catch (IllegalArgumentException e) {
            throw new IOException("campaign.model.refrigerator is not a valid model (" + e.getMessage() + ")");
        }
    }

    /** The model to run: the refrigerator, or the embedded process file's process. */
    static ModelSpec spec(CampaignId id) {
        if (id.model() instanceof CampaignId.Refrigerator r) {
            return r.parameters();
        }
        CampaignId.ProcessFile f = (CampaignId.ProcessFile) id.model();
        return ProcessFile.of(ModelOptions.PROCESS, f.source(), f.content());
    }

    /**
     * The JSON of a shard or checkpoint FILE (a regular file of bounded size) whose format is
     * {@code format} ("qar shard 3") and whose top-level fields are {@code names}.
     *
     * @param kind  what the file is, for messages ("a qar shard file")
     * @param again what to do with a file of another qar version, appended to that message
     */
    static JsonNode open(java.nio.file.Path file, String format, String kind, String again, List<String> names)
            throws IOException {
        JsonNode root = ProcessFile.READER.readTree(InputFile.read(file.toString(), file.toString(),
                InputFile.MAX_RESULT_BYTES, kind));
        String found = root == null ? "" : root.path("format").asText();
        if (!format.equals(found)) {
            String family = format.substring(0, format.lastIndexOf(' ') + 1);
            throw new IOException(found.startsWith(family) ? "it is of format '" + found + "' (another qar version);"
                    + " this qar reads '" + format + "'" + again : "not " + kind);
        }
        fields(root, "the file", names);
        return root;
    }

    /** Refuses an object without exactly these fields. */
    static void fields(JsonNode o, String where, List<String> names) throws IOException {
        if (o == null || !o.isObject()) {
            throw new IOException(where + " is not an object");
        }
        Set<String> have = new java.util.TreeSet<>();
        o.fieldNames().forEachRemaining(have::add);
        if (!have.equals(new java.util.TreeSet<>(names))) {
            throw new IOException(where + " has the fields " + have + ", expected " + new java.util.TreeSet<>(names));
        }
    }

    private static JsonNode array(JsonNode o, String name) throws IOException {
        if (!o.get(name).isArray()) {
            throw new IOException("campaign." + name + " is not an array");
        }
        return o.get(name);
    }

    static long integer(JsonNode o, String name) throws IOException {
        return integer(o, name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static long integer(JsonNode o, String name, long min, long max) throws IOException {
        JsonNode v = o.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IOException(name + " = " + v + " is not an integer from " + min + " to " + max);
        }
        return v.asLong();
    }

    static double real(JsonNode v, String name) throws IOException {
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new IOException(name + " = " + v + " is not a finite number");
        }
        return v.doubleValue();
    }

    /** A number as the messages show it: 200 for 200.0, 0.001 for 1e-3. */
    static String shown(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The first field in which two identities differ, as "--time is 200 in A but 100 in B" reads: {name, a, b}. */
    static String[] difference(CampaignId a, CampaignId b) {
        if (!a.model().equals(b.model())) {
            return modelDifference(a, b);
        }
        if (a.seed() != b.seed()) {
            return new String[] {"--seed", Long.toString(a.seed()), Long.toString(b.seed())};
        }
        if (a.shards() != b.shards()) {
            return new String[] {"the number of shards", Integer.toString(a.shards()), Integer.toString(b.shards())};
        }
        if (Double.compare(a.time(), b.time()) != 0) {
            return new String[] {"--time", shown(a.time()), shown(b.time())};
        }
        if (a.replicas() != b.replicas()) {
            return new String[] {"--replicas", Long.toString(a.replicas()), Long.toString(b.replicas())};
        }
        if (!a.engine().equals(b.engine())) {
            return new String[] {"--engine", a.engine(), b.engine()};
        }
        if (!a.windows().equals(b.windows())) {
            return new String[] {"--window", windows(a.windows()), windows(b.windows())};
        }
        if (!a.wtd().equals(b.wtd())) {
            return new String[] {"--wtd", a.wtd().isEmpty() ? "absent" : String.join(" ", a.wtd()),
                b.wtd().isEmpty() ? "absent" : String.join(" ", b.wtd())};
        }
        if (a.wtdPoints() != b.wtdPoints()) {
            return new String[] {"--wtd-points", Integer.toString(a.wtdPoints()), Integer.toString(b.wtdPoints())};
        }
        if (a.ft() != b.ft()) {
            return new String[] {"--ft", a.ft() ? "given" : "absent", b.ft() ? "given" : "absent"};
        }
        if (!a.analyses().equals(b.analyses())) {
            return new String[] {"--analysis", analyses(a.analyses()), analyses(b.analyses())};
        }
        return null;
    }

    /** The analyses as --analysis takes them, or "absent". */
    static String analyses(List<String> names) {
        return names.isEmpty() ? "absent" : String.join(" ", names);
    }

    /** The first field of the models that differs ("N is 5 in A but 7 in B"), not the whole models. */
    private static String[] modelDifference(CampaignId a, CampaignId b) {
        JsonNode ma = json(a).get("model");
        JsonNode mb = json(b).get("model");
        if (ma.has("refrigerator") != mb.has("refrigerator")) {
            return new String[] {"the model", model(a), model(b)};
        }
        String[] d = ma.has("refrigerator") ? firstDifference("", ma.get("refrigerator"), mb.get("refrigerator"))
                : firstDifference("the process file's ", ma.get("process"), mb.get("process"));
        return d != null ? d : new String[] {"the model", model(a), model(b)};
    }

    /** {path, a, b} of the first leaf where two JSON values differ (numbers by value); null if none. */
    private static String[] firstDifference(String path, JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                String[] d = firstDifference(path + (path.isEmpty() || path.endsWith(" ") ? "" : ".") + n, a.get(n), b.get(n));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String[] d = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        boolean same = a != null && b != null && (a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) == 0 : a.equals(b));
        return same ? null : new String[] {path, leaf(a), leaf(b)};
    }

    private static String leaf(JsonNode v) {
        if (v == null) {
            return "absent";
        }
        if (v.isNumber()) {
            return shown(v.doubleValue());
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static String windows(List<Double> w) {
        return w.isEmpty() ? "absent" : String.join(" ", w.stream().map(CampaignFile::shown).toList());
    }

    private static String model(CampaignId id) {
        return id.model() instanceof CampaignId.ProcessFile f ? "the process file " + f.source() + " (as it was read)"
                : "the refrigerator";
    }

    /** SHA-256 of text, in lower-case hex. */
    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum that binds a shard or checkpoint file: over the canonical text of every field but
     * "sha256" itself, as rebuilt from the values read, so any edit of a value breaks it.
     */
    static String seal(ObjectNode withoutSeal) {
        return sha256(Json.write(withoutSeal));
    }
}
