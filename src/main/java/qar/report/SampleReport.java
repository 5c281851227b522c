package qar.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import qar.estimate.Comparison;
import qar.estimate.Estimate;
import qar.model.ModelSpec;
import qar.model.RecordValues;

/** {@code qar sample} output: the summary JSON, the terminal table and the per-replica CSV header. */
public final class SampleReport {
    /** Names of the estimated quantities, kappa_1 .. kappa_4. */
    public static final List<String> QUANTITIES = List.of("current", "noise", "kappa3", "kappa4");

    private SampleReport() {
    }

    /**
     * Everything a summary needs.
     *
     * @param comparisons [reservoir][n-1]
     * @param jumps       per reservoir
     */
    public record Summary(ModelSpec parameters, long seed, double time, long replicas, int groups,
                          int threads, List<String> reservoirs, Comparison[][] comparisons, long[] jumps,
                          long totalJumps, double wallSeconds, String engine, long steps, boolean partial,
                          long replicasRequested, String engineNote) {

        /** A finished campaign: {@code replicas} of as many requested, no note on the engine. */
        public Summary(ModelSpec parameters, long seed, double time, long replicas, int groups, int threads,
                List<String> reservoirs, Comparison[][] comparisons, long[] jumps, long totalJumps,
                double wallSeconds, String engine, long steps) {
            this(parameters, seed, time, replicas, groups, threads, reservoirs, comparisons, jumps, totalJumps,
                    wallSeconds, engine, steps, false, replicas, null);
        }

        /** A summary without the engine: its name null, its steps unknown (-1). */
        public Summary(ModelSpec parameters, long seed, double time, long replicas, int groups, int threads,
                List<String> reservoirs, Comparison[][] comparisons, long[] jumps, long totalJumps,
                double wallSeconds) {
            this(parameters, seed, time, replicas, groups, threads, reservoirs, comparisons, jumps, totalJumps,
                    wallSeconds, null, -1);
        }

        public double jumpsPerSecond() {
            return wallSeconds > 0 ? totalJumps / wallSeconds : Double.NaN;
        }

        /** Wall nanoseconds per jump per thread: the engine's cost of one jump. */
        public double nsPerJumpPerThread() {
            return totalJumps > 0 ? wallSeconds * threads * 1e9 / totalJumps : Double.NaN;
        }

        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    public static ObjectNode json(Summary s) {
        ObjectNode root = Json.object();
        root.set("model", ModelReport.json(s.parameters()));
        root.put("seed", s.seed());
        root.put("time", s.time());
        root.put("replicas", s.replicas());
        root.put("groups", s.groups());
        // an interrupted run: the replicas and groups that finished, of those requested
        root.put("partial", s.partial());
        if (s.partial()) {
            root.put("replicasRequested", s.replicasRequested());
        }
        root.put("threads", s.threads());
        ObjectNode res = root.putObject("reservoirs");
        for (int r = 0; r < s.reservoirs().size(); r++) {
            ObjectNode o = res.putObject(s.reservoirs().get(r));
            for (int n = 0; n < QUANTITIES.size(); n++) {
                o.set(QUANTITIES.get(n), comparison(s.comparisons()[r][n]));
            }
            o.put("jumps", s.jumps()[r]);
        }
        root.put("jumps", s.totalJumps());
        if (s.engine() != null) {
            root.put("engine", s.engine());
            if (s.engineNote() != null) {
                root.put("engineNote", s.engineNote());
            }
        }
        if (s.steps() >= 0) {
            root.put("engineSteps", s.steps());
        } else {
            root.putNull("engineSteps");
        }
        Json.put(root, "wallSeconds", s.wallSeconds());
        Json.put(root, "jumpsPerSecond", s.jumpsPerSecond());
        Json.put(root, "nsPerJumpPerThread", s.nsPerJumpPerThread());
        return root;
    }

    private static ObjectNode comparison(Comparison c) {
        ObjectNode o = Json.object();
        putEstimate(o, c.estimate());
        Json.put(o, "exact", c.exact());
        Json.put(o, "z", c.z());
        Json.put(o, "exactFiniteTime", c.exactFiniteTime());
        Json.put(o, "zFiniteTime", c.zFiniteTime());
        o.put("biased", c.biased());
        return o;
    }

    /** The fields of a sampled estimate: value, error, interval, and whether the interval is printed. */
    static void putEstimate(ObjectNode o, Estimate e) {
        qar.job.EstimateJson.put(o, e);
    }

    public static String table(Summary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("qar sample: ").append(ModelReport.header(s.parameters()));
        sb.append(String.format(Locale.ROOT, "  %d replicas x time %s, %d groups, seed %d%n%n",
                s.replicas(), ModelReport.num(s.time()), s.groups(), s.seed()));
        if (s.partial()) {
            sb.append(String.format(Locale.ROOT, "  PARTIAL: interrupted; these are the %d of %d replicas whose"
                    + " error groups finished%n%n", s.replicas(), s.replicasRequested()));
        }
        sb.append(String.format(Locale.ROOT, "  %-3s %-8s %32s %17s %8s %17s  %s%n", "res", "quantity",
                "estimate +- stderr", "exact at T", "z", "exact T -> inf", "95% CI"));
        boolean anyBiased = false;
        String unreliable = null;
        for (int r = 0; r < s.reservoirs().size(); r++) {
            for (int n = 0; n < QUANTITIES.size(); n++) {
                Comparison c = s.comparisons()[r][n];
                Estimate e = c.estimate();
                anyBiased |= c.biased();
                sb.append(String.format(Locale.ROOT, "  %-3s %-8s %32s %17.9e %8s %16.9e%s  [%.6e, %.6e]%n",
                        n == 0 ? s.reservoirs().get(r) : "", QUANTITIES.get(n),
                        String.format(Locale.ROOT, "%.9e +- %.2e", e.value(), e.stderr()),
                        c.exactFiniteTime(), ModelReport.z(c.zFiniteTime()), c.exact(), c.biased() ? "*" : " ", e.ciLow(),
                        e.ciHigh()).replace("[NaN, NaN]", "no interval**"));
                if (!e.reliable()) {
                    unreliable = unreliable == null ? e.reason() : unreliable;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "  z compares with the exact <<Q_T^n>>/T at the run's T = %s from a"
                + " stationary start, transients included.%n", ModelReport.num(s.time())));
        if (anyBiased) {
            sb.append(String.format(Locale.ROOT,
                    "  * at this T the long-time value differs from the finite-time one by more than %.0f%% of the"
                            + " standard error:%n    the run measures <<Q_T^n>>/T, not kappa_n; raise --time to"
                            + " measure kappa_n%n", Comparison.BIAS_SHARE * 100));
        }
        if (unreliable != null) {
            sb.append(String.format(Locale.ROOT, "  ** no 95%% interval where it would not cover at its level; first case: %s%n",
                    unreliable));
        }
        sb.append('\n');
        StringBuilder per = new StringBuilder();
        for (int r = 0; r < s.reservoirs().size(); r++) {
            per.append(r == 0 ? "" : ", ").append(s.reservoirs().get(r)).append(' ').append(s.jumps()[r]);
        }
        sb.append(String.format(Locale.ROOT, "  jumps %d (%s) in %.2f s wall on %d threads%n",
                s.totalJumps(), per, s.wallSeconds(), s.threads()));
        if (s.engine() != null) {
            sb.append(String.format(Locale.ROOT, "  engine %s: %s steps%s%n", s.engine(),
                    s.steps() >= 0 ? Long.toString(s.steps()) : "unknown",
                    s.steps() > 0 ? String.format(Locale.ROOT, ", %.1f jumps per step",
                            (double) s.totalJumps() / s.steps()) : ""));
            if (s.engineNote() != null) {
                sb.append("  (").append(s.engineNote()).append(")\n");
            }
        }
        if (s.totalJumps() > 0) {
            sb.append(String.format(Locale.ROOT, "  throughput %.1f million jumps/s, %.2f ns per jump per thread%n",
                    s.jumpsPerSecond() / 1e6, s.nsPerJumpPerThread()));
        } else {
            sb.append("  throughput n/a (no jump)\n");
        }
        return sb.toString();
    }

    /** Header of the per-replica CSV; energies in quanta of Omega. */
    public static String csvHeader(List<String> reservoirs) {
        StringBuilder sb = new StringBuilder("replica,start_level,end_level");
        for (String r : reservoirs) {
            sb.append(",energy_").append(r);
        }
        for (String r : reservoirs) {
            sb.append(",jumps_").append(r);
        }
        return sb.toString();
    }

    public static String csvRow(qar.sample.ReplicaResult row) {
        StringBuilder sb = new StringBuilder();
        sb.append(row.index()).append(',').append(row.startLevel()).append(',').append(row.endLevel());
        for (long e : row.energy()) {
            sb.append(',').append(e);
        }
        for (long j : row.jumps()) {
            sb.append(',').append(j);
        }
        return sb.toString();
    }
}
