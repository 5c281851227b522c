package qar.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.NamedProcess;
import qar.model.Reachability;
import qar.model.Reservoir;
import qar.report.Json;

/**
 * Reads {@code --process FILE}: a rate equation written as levels with energies, reservoirs with
 * inverse temperatures, and channels between named levels (src/site/markdown/usage.md, "Models from a file"). Levels
 * become the process's indices in file order, reservoirs in file order too. Every defect is a
 * {@link UsageException} naming the file, the JSON location (such as {@code channels[2].rate}), the
 * value found there and what is allowed: a typo is refused, never ignored or guessed.
 */
final class ProcessFile {
    /** |E| at most 2^52 quanta: every gap E_to - E_from is then exact in a long and in a double. */
    static final long MAX_ENERGY = 1L << 52;

    private static final Pattern LEVEL_NAME = Pattern.compile("[A-Za-z0-9_./+]+");
    private static final Pattern RESERVOIR_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final String LEVEL_NAME_ALLOWED =
            "must be a non-empty name of letters, digits and _ . / + (no spaces, no - : or ,)";
    private static final String RESERVOIR_NAME_ALLOWED =
            "must be a non-empty name of letters, digits and _, other than all";
    /** Shown names of levels or reservoirs in a message: at most this many. */
    private static final int LISTED = 12;

    private static final Map<String, Boolean> TOP = fields("energyUnit", false, "reservoirs", true, "levels", true,
            "channels", true, "description", false);
    private static final Map<String, Boolean> RESERVOIR = fields("name", true, "beta", true);
    private static final Map<String, Boolean> LEVEL = fields("name", true, "energy", true);
    private static final Map<String, Boolean> CHANNEL = fields("from", true, "to", true, "reservoir", true,
            "rate", true, "quanta", false);

    static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String option;
    private final String path;

    private ProcessFile(String option, String path) {
        this.option = option;
        this.path = path;
    }

    /**
     * @param option the option that named the file, for messages
     * @param path   the file as typed
     * @throws UsageException for an unreadable file, text that is not JSON, or any defect of the model
     */
    static NamedProcess read(String option, String path) {
        ProcessFile f = new ProcessFile(option, path);
        return f.parse(f.tree());
    }

    /** A process and the JSON it was read from (numbers exact), which a campaign's identity embeds. */
    record Read(NamedProcess process, JsonNode content) {
    }

    /** As {@link #read}, with the file's JSON. */
    static Read readWithContent(String option, String path) {
        ProcessFile f = new ProcessFile(option, path);
        JsonNode root = f.tree();
        return new Read(f.parse(root), root);
    }

    /** The process of JSON read before ({@link #readWithContent}); {@code source} names it in messages and reports. */
    static NamedProcess of(String option, String source, JsonNode content) {
        return new ProcessFile(option, source).parse(content);
    }

    private JsonNode tree() {
        byte[] bytes = InputFile.read(option + " = " + UsageException.shown(path), path, InputFile.MAX_PROCESS_BYTES,
                "a JSON file");
        JsonNode root;
        try {
            root = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw refused("is not JSON" + where + ": " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw refused("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw refused("is empty; expected a JSON object with reservoirs, levels and channels");
        }
        return root;
    }

    private NamedProcess parse(JsonNode root) {
        if (!root.isObject()) {
            throw at("(top level)", root, "must be a JSON object with reservoirs, levels and channels");
        }
        check(root, "", TOP, "the file");
        double unit = 1.0;
        if (root.has("energyUnit")) {
            unit = real(root.get("energyUnit"), "energyUnit");
            if (!(unit > 0)) {
                throw at("energyUnit", root.get("energyUnit"), "must be a finite number > 0");
            }
        }
        if (root.has("description") && !root.get("description").isTextual()) {
            throw at("description", root.get("description"), "must be a string (free text)");
        }
        List<Reservoir> reservoirs = reservoirs(root.get("reservoirs"));
        Map<String, Integer> reservoirIndex = index(reservoirs.stream().map(Reservoir::name).toList());
        List<String> names = new ArrayList<>();
        List<Long> energies = new ArrayList<>();
        levels(root.get("levels"), names, energies);
        Map<String, Integer> levelIndex = index(names);
        List<Channel> channels = channels(root.get("channels"), unit, names, energies, levelIndex, reservoirIndex);
        JumpProcess process = JumpProcess.of(names.size(), unit, reservoirs, channels);
        Reachability.Cut cut = Reachability.firstCut(process);
        if (cut != null) {
            String broken = cut.from() == 0
                    ? "level " + names.get(cut.to()) + " cannot be reached from level " + names.get(0)
                    : "level " + names.get(cut.from()) + " cannot reach level " + names.get(0);
            throw refused("channels: the chain is disconnected: " + broken + " through channels of positive"
                    + " rate; every level must reach every other (else the stationary state is not unique)");
        }
        return new NamedProcess(path, names, process);
    }

    private List<Reservoir> reservoirs(JsonNode array) {
        nonEmptyArray(array, "reservoirs", 1, "must be an array of reservoirs {\"name\": ..., \"beta\": ...},"
                + " at least one");
        List<Reservoir> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "reservoirs[" + i + "]";
            JsonNode o = object(array.get(i), where, RESERVOIR, "a reservoir");
            String name = name(o.get("name"), where + ".name", RESERVOIR_NAME, RESERVOIR_NAME_ALLOWED);
            if (name.equals("all")) {
                throw at(where + ".name", o.get("name"), RESERVOIR_NAME_ALLOWED + " (--wtd all watches every jump)");
            }
            distinct(seen, name, i, "reservoirs", o.get("name"));
            double beta = real(o.get("beta"), where + ".beta");
            if (!(beta >= 0)) {
                throw at(where + ".beta", o.get("beta"), "must be a finite inverse temperature >= 0");
            }
            out.add(new Reservoir(name, beta, Reservoir.Role.ofName(name)));
        }
        return out;
    }

    private void levels(JsonNode array, List<String> names, List<Long> energies) {
        nonEmptyArray(array, "levels", 2, "must be an array of at least 2 levels {\"name\": ..., \"energy\": ...}");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "levels[" + i + "]";
            JsonNode o = object(array.get(i), where, LEVEL, "a level");
            String name = name(o.get("name"), where + ".name", LEVEL_NAME, LEVEL_NAME_ALLOWED);
            distinct(seen, name, i, "levels", o.get("name"));
            names.add(name);
            energies.add(quanta(o.get("energy"), where + ".energy"));
        }
    }

    private List<Channel> channels(JsonNode array, double unit, List<String> names, List<Long> energies,
            Map<String, Integer> levels, Map<String, Integer> reservoirs) {
        nonEmptyArray(array, "channels", 1, "must be an array of channels {\"from\": ..., \"to\": ...,"
                + " \"reservoir\": ..., \"rate\": ...}, at least one");
        List<Channel> out = new ArrayList<>();
        Map<List<Integer>, Integer> seen = new HashMap<>();
        for (int k = 0; k < array.size(); k++) {
            String where = "channels[" + k + "]";
            JsonNode o = object(array.get(k), where, CHANNEL, "a channel");
            int from = lookup(o.get("from"), where + ".from", levels, "level", names);
            int to = lookup(o.get("to"), where + ".to", levels, "level", names);
            if (from == to) {
                throw at(where + ".to", o.get("to"), "equals from: a self-loop changes nothing; a channel joins"
                        + " two different levels");
            }
            int r = lookup(o.get("reservoir"), where + ".reservoir", reservoirs, "reservoir",
                    List.copyOf(reservoirs.keySet()));
            Integer before = seen.putIfAbsent(List.of(from, to, r), k);
            if (before != null) {
                throw refused(where + ": repeats channels[" + before + "] (" + names.get(from) + " -> "
                        + names.get(to) + " through " + o.get("reservoir").asText()
                        + "); give each jump once, with its total rate");
            }
            double rate = real(o.get("rate"), where + ".rate");
            if (!(rate >= 0)) {
                throw at(where + ".rate", o.get("rate"), "must be a finite rate >= 0");
            }
            long q = energies.get(to) - energies.get(from);
            if (o.has("quanta")) {
                long given = quanta(o.get("quanta"), where + ".quanta");
                if (given != q) {
                    throw at(where + ".quanta", o.get("quanta"), "does not match the levels: E(" + names.get(to)
                            + ") - E(" + names.get(from) + ") = " + q + " quanta enter the system in this jump");
                }
            }
            if (!Double.isFinite(q * unit)) {
                throw at(where, o, "moves " + q + " quanta of energyUnit " + unit + ", beyond the doubles");
            }
            out.add(new Channel(from, to, r, rate, q));
        }
        return out;
    }

    /** Checks that {@code node} is an object whose fields are known and complete. */
    private JsonNode object(JsonNode node, String where, Map<String, Boolean> fields, String what) {
        if (!node.isObject()) {
            throw at(where, node, "must be an object, " + what + " with " + describe(fields));
        }
        check(node, where, fields, what);
        return node;
    }

    private void check(JsonNode node, String where, Map<String, Boolean> fields, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!fields.containsKey(f.getKey())) {
                throw at(child(where, f.getKey()), f.getValue(), "unknown field; " + what + " has "
                        + describe(fields));
            }
        }
        for (Map.Entry<String, Boolean> f : fields.entrySet()) {
            if (f.getValue() && !node.has(f.getKey())) {
                throw refused((where.isEmpty() ? "the top level" : where) + ": missing field " + f.getKey() + "; "
                        + what + " has " + describe(fields));
            }
        }
    }

    private void nonEmptyArray(JsonNode node, String where, int least, String allowed) {
        if (!node.isArray()) {
            throw at(where, node, allowed);
        }
        if (node.size() < least) {
            throw at(where, node, allowed);
        }
    }

    private String name(JsonNode node, String where, Pattern pattern, String allowed) {
        if (!node.isTextual() || !pattern.matcher(node.textValue()).matches()) {
            throw at(where, node, allowed);
        }
        return node.textValue();
    }

    private void distinct(Map<String, Integer> seen, String name, int i, String list, JsonNode node) {
        Integer before = seen.putIfAbsent(name, i);
        if (before != null) {
            throw at(list + "[" + i + "].name", node, "repeats " + list + "[" + before + "]; names must be distinct");
        }
    }

    private int lookup(JsonNode node, String where, Map<String, Integer> index, String kind, List<String> names) {
        Integer i = node.isTextual() ? index.get(node.textValue()) : null;
        if (i == null) {
            throw at(where, node, "must name a " + kind + " of the file: " + listed(names));
        }
        return i;
    }

    /** A JSON number that is a finite double and does not round to 0. */
    private double real(JsonNode node, String where) {
        if (!node.isNumber()) {
            throw at(where, node, "must be a number (JSON has no NaN or Infinity)");
        }
        BigDecimal exact = node.decimalValue();
        double v = exact.doubleValue();
        if (Double.isInfinite(v)) {
            throw at(where, node, "must be at most " + Double.MAX_VALUE + " in magnitude");
        }
        if (v == 0 && exact.signum() != 0) {
            throw at(where, node, "must be 0 or at least " + Double.MIN_VALUE + " in magnitude (it would round to 0)");
        }
        return v;
    }

    /** An integer number of quanta (written 2, 2.0 or 2e0), at most {@link #MAX_ENERGY} in magnitude. */
    private long quanta(JsonNode node, String where) {
        String allowed = "must be an integer number of quanta of energyUnit, at most " + MAX_ENERGY + " in magnitude";
        if (!node.isNumber()) {
            throw at(where, node, allowed);
        }
        BigDecimal exact = node.decimalValue();
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0
                || exact.abs().compareTo(BigDecimal.valueOf(MAX_ENERGY)) > 0) {
            throw at(where, node, allowed);
        }
        return exact.longValueExact();
    }

    private static Map<String, Boolean> fields(Object... nameRequired) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (int i = 0; i < nameRequired.length; i += 2) {
            m.put((String) nameRequired[i], (Boolean) nameRequired[i + 1]);
        }
        return m;
    }

    /** "from, to, reservoir, rate and optionally quanta". */
    private static String describe(Map<String, Boolean> fields) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        fields.forEach((k, v) -> (v ? required : optional).add(k));
        int last = required.size() - 1;
        String s = last == 0 ? required.get(0)
                : String.join(", ", required.subList(0, last)) + " and " + required.get(last);
        return optional.isEmpty() ? "the fields " + s : "the fields " + s + " and optionally " + String.join(", ", optional);
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.putIfAbsent(names.get(i), i);
        }
        return m;
    }

    private static String listed(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + ", ... (" + names.size() + " in all)" : shown;
    }

    private static String child(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    private UsageException at(String where, JsonNode value, String allowed) {
        return refused(where + " = " + shown(value) + ": " + allowed);
    }

    private UsageException refused(String what) {
        return new UsageException(option + " = " + UsageException.shown(path) + ": " + what);
    }

    /** The value as JSON text, cut short where long. */
    private static String shown(JsonNode value) {
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Jackson's message on one line, without its hints to programmers ("enable `Feature` to allow"). */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").replaceAll(":? *enable `[^`]*` to allow.*$", "")
                .trim();
    }
}
