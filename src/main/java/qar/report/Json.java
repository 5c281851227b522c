package qar.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON helpers of {@link qar.text.Json} (the one ObjectMapper), by their old name for report and cli. */
public final class Json {
    public static final ObjectMapper MAPPER = qar.text.Json.MAPPER;

    private Json() {
    }

    public static ObjectNode object() {
        return qar.text.Json.object();
    }

    /** Puts a number, or null where it is NaN or infinite (JSON has no such numbers). */
    public static void put(ObjectNode node, String key, double value) {
        qar.text.Json.put(node, key, value);
    }

    public static void put(ObjectNode node, String key, Double value) {
        qar.text.Json.put(node, key, value);
    }

    public static ArrayNode array(double[] values) {
        return qar.text.Json.array(values);
    }

    public static String write(Object node) {
        return qar.text.Json.write(node);
    }
}
