package qar.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import qar.estimate.Estimate;
import qar.text.Json;

/** The JSON fields of a sampled estimate, one way for every output (the summary, the analyses). */
public final class EstimateJson {
    private EstimateJson() {
    }

    /** Value, error, interval, and whether the interval is printed (and why not). */
    public static void put(ObjectNode o, Estimate e) {
        Json.put(o, "estimate", e.value());
        Json.put(o, "stderr", e.stderr());
        o.put("degreesOfFreedom", e.degreesOfFreedom());
        Json.put(o, "ciLow", e.ciLow());
        Json.put(o, "ciHigh", e.ciHigh());
        o.put("reliable", e.reliable());
        if (!e.reliable()) {
            o.put("unreliable", e.reason());
        }
    }
}
