package qar.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import qar.model.ModelParameters;

/**
 * What a sampling campaign is, as typed values: the model and every option that changes a number
 * it reports. Shard and checkpoint files carry it, and {@code qar merge} and {@code --resume}
 * rebuild the job from it; two campaigns are the same when their values are ({@code --time 1000}
 * and {@code --time 1e3} are one campaign). Options of how and where a run goes (threads, output
 * folder, checkpoints, quiet, json) are not part of it.
 *
 * @param model     the refrigerator's parameters or a process file's content
 * @param seed      the master seed
 * @param shards    the number of shards n of {@code --shard i/n} (1 for a whole campaign)
 * @param time      the replica length
 * @param replicas  the number of replicas of the whole campaign
 * @param engine    the engine choice as labelled on the command line (direct, aggregated, auto)
 * @param windows   the window lengths, in the order given
 * @param wtd       the watched sets of the waiting times, as labelled ({@code c}, {@code c:3/2-1/2})
 * @param wtdPoints the waiting times' grid points
 * @param ft        whether the fluctuation checks run
 * @param analyses  the optional analyses ({@link Analyses}), in the order given
 */
public record CampaignId(Model model, long seed, int shards, double time, long replicas, String engine,
                         List<Double> windows, List<String> wtd, int wtdPoints, boolean ft, List<String> analyses) {

    public CampaignId {
        windows = List.copyOf(windows);
        wtd = List.copyOf(wtd);
        analyses = List.copyOf(analyses);
    }

    /** A campaign without optional analyses. */
    public CampaignId(Model model, long seed, int shards, double time, long replicas, String engine,
            List<Double> windows, List<String> wtd, int wtdPoints, boolean ft) {
        this(model, seed, shards, time, replicas, engine, windows, wtd, wtdPoints, ft, List.of());
    }

    /** The model of a campaign. */
    public sealed interface Model permits Refrigerator, ProcessFile {
    }

    /** The refrigerator of these parameters (compared as the record compares: every value, bit for bit). */
    public record Refrigerator(ModelParameters parameters) implements Model {
    }

    /**
     * A process read from a file: its JSON content, embedded (the path only says where it came
     * from and takes no part in the comparison); numbers compare by value.
     *
     * @param source  the path as typed, for messages and the reports
     * @param content the file's JSON
     */
    public record ProcessFile(String source, JsonNode content) implements Model {
        @Override
        public boolean equals(Object o) {
            return o instanceof ProcessFile f && sameValue(content, f.content);
        }

        @Override
        public int hashCode() {
            return content.size();
        }
    }

    /** The same campaign, shards apart. */
    public CampaignId withShards(int n) {
        return new CampaignId(model, seed, n, time, replicas, engine, windows, wtd, wtdPoints, ft, analyses);
    }

    /** JSON trees equal with numbers compared by value (1000 and 1e3 alike; ints and decimals alike). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameValue(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
