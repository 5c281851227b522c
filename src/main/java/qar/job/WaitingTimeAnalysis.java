package qar.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import qar.estimate.GoodnessOfFit;
import qar.estimate.WaitingTimeEstimate;
import qar.estimate.WaitingTimeTally;
import qar.sample.GroupPart;
import qar.sample.Probe;
import qar.sample.WaitingTimeProbe;

/**
 * The waiting times between jumps of each watched set (--wtd), sampled and exact: the sampled
 * histogram of every set against its exact distribution (chi-square test across the groups). Its
 * part of a group is the recording's built-in waiting-time part ({@link qar.sample.Recording}:
 * the watched sets and their ranges are part of the campaign), so it adds no probe of its own.
 * Immutable.
 */
public final class WaitingTimeAnalysis implements Analysis {
    private final ExactJob.Result exact;
    private final double time;

    private WaitingTimeAnalysis(ExactJob.Result exact, double time) {
        this.exact = exact;
        this.time = time;
    }

    /** The analysis of every watched set of {@code setup}'s exact solution, or null without one. */
    public static WaitingTimeAnalysis of(Analysis.Setup setup) {
        return setup.exact().waitingTimes().isEmpty() ? null : new WaitingTimeAnalysis(setup.exact(), setup.time());
    }

    /** Null: the recording records waiting times from its watched sets ({@link qar.sample.Recording#waitsPart}). */
    @Override
    public Probe probe() {
        return null;
    }

    @Override
    public Result result(List<GroupPart> groups) {
        List<WaitingTimeEstimate> waits = new ArrayList<>();
        for (int w = 0; w < exact.waitingTimes().size(); w++) {
            final int index = w;
            ExactJob.WaitingTime wt = exact.waitingTimes().get(w);
            List<WaitingTimeTally> tallies = groups.stream().map(g -> ((WaitingTimeProbe.Tally) g).watch(index))
                    .toList();
            waits.add(WaitingTimeEstimate.of(tallies, wt.grid().tau(), wt.distribution()::cdf,
                    wt.distribution()::survival, time));
        }
        return new Result(exact, List.copyOf(waits));
    }

    /**
     * The sampled waiting times of every watched set, next to the exact ones.
     *
     * @param estimates per watched set, in the order of the exact solution's
     */
    public record Result(ExactJob.Result exact, List<WaitingTimeEstimate> estimates) implements Analysis.Result {
        @Override
        public String table() {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < estimates.size(); w++) {
                ExactJob.WaitingTime ex = exact.waitingTimes().get(w);
                sb.append(String.format(Locale.ROOT, "  waiting times %-10s %d waits, exact mean %.4e: %s%n",
                        ex.watch().label(), estimates.get(w).waits(), ex.distribution().mean(),
                        testText(estimates.get(w).test())));
            }
            return sb.toString();
        }

        @Override
        public void json(ObjectNode root) {
            ArrayNode a = root.putArray("waitingTimes");
            for (int w = 0; w < estimates.size(); w++) {
                ExactJob.WaitingTime ex = exact.waitingTimes().get(w);
                ObjectNode o = a.addObject();
                o.put("watched", ex.watch().label());
                o.put("waits", estimates.get(w).waits());
                qar.text.Json.put(o, "exactMean", ex.distribution().mean());
                o.set("chiSquare", test(estimates.get(w).test()));
            }
        }

        @Override
        public Map<String, String> files() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(DistributionCsv.WAITING_TIMES, DistributionCsv.waitingTimes(exact, estimates));
            return m;
        }
    }

    /** A goodness-of-fit test as JSON; a note where there were too few counts. */
    static ObjectNode test(GoodnessOfFit t) {
        ObjectNode o = qar.text.Json.object();
        if (t == null) {
            o.putNull("pValue");
            o.put("note", "too few counts for a test");
            return o;
        }
        qar.text.Json.put(o, "statistic", t.statistic());
        o.put("dof", t.dof());
        qar.text.Json.put(o, "designEffect", t.designEffect());
        qar.text.Json.put(o, "pValue", t.pValue());
        return o;
    }

    /** A goodness-of-fit test in a table line. */
    static String testText(GoodnessOfFit t) {
        return t == null ? "no test (too few counts)"
                : String.format(Locale.ROOT, "Hotelling T2 %.1f on %d dof (design effect %.2f), p = %.3g", t.statistic(),
                        t.dof(), t.designEffect(), t.pValue());
    }
}
