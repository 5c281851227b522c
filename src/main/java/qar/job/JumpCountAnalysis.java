package qar.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.estimate.GoodnessOfFit;
import qar.estimate.WindowEstimate;
import qar.estimate.WindowTally;
import qar.exact.CountingDistribution;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.sample.GroupPart;
import qar.sample.JumpCountProbe;
import qar.sample.Probe;

/**
 * P(k, t), the number k of jumps through each reservoir (both directions, every jump counts 1) in
 * a window of length t, sampled in the consecutive windows of every --window length and exact.
 * Exact: the tilt machinery of P(n, t) ({@link CountingDistribution}) on a process with the same
 * levels and rates in which every channel of the counted reservoir carries one quantum, from the
 * stationary state. Sampled: the windows' histograms ({@link JumpCountProbe}); intervals and the
 * goodness of fit come from the independent groups ({@link WindowEstimate}), since the windows of
 * one replica are dependent. Immutable.
 */
public final class JumpCountAnalysis implements Analysis {
    /** The CSV file of an output folder: per window length, reservoir and k, exact and sampled P(k, t). */
    public static final String CSV = "jump_counts.csv";

    private final JumpProcess process;
    private final double[] lengths;
    /** [length][reservoir] exact P(k, t). */
    private final CountingDistribution.Result[][] exact;
    private final JumpCountProbe probe;

    private JumpCountAnalysis(JumpProcess process, double[] lengths, CountingDistribution.Result[][] exact,
            JumpCountProbe probe) {
        this.process = process;
        this.lengths = lengths;
        this.exact = exact;
        this.probe = probe;
    }

    /** @throws IllegalArgumentException without a window length */
    public static JumpCountAnalysis of(Analysis.Setup setup) {
        double[] lengths = setup.windows();
        if (lengths.length == 0) {
            throw new IllegalArgumentException("the jump counts need at least one window length");
        }
        JumpProcess p = setup.process();
        double[] pi = setup.exact().solution().populations();
        int k = p.reservoirs().size();
        double[] rate = new double[k];
        for (Channel ch : p.channels()) {
            rate[ch.reservoir()] += ch.rate() * pi[ch.from()];
        }
        CountingDistribution.Result[][] exact = new CountingDistribution.Result[lengths.length][k];
        for (int r = 0; r < k; r++) {
            CountingDistribution d = CountingDistribution.of(counted(p, r), r);
            for (int w = 0; w < lengths.length; w++) {
                exact[w][r] = d.distribution(lengths[w], pi, CountingDistribution.DEFAULT_TAIL);
            }
        }
        return new JumpCountAnalysis(p, lengths, exact, JumpCountProbe.of(lengths, rate));
    }

    /** The process whose counted energy of reservoir r is its number of jumps: each of its channels carries 1. */
    static JumpProcess counted(JumpProcess p, int reservoir) {
        List<Channel> channels = p.channels().stream().map(ch -> ch.reservoir() != reservoir ? ch
                : new Channel(ch.from(), ch.to(), reservoir, ch.rate(), 1)).toList();
        return JumpProcess.of(p.dimension(), p.energyUnit(), p.reservoirs(), channels);
    }

    /** Exact P(k, t) of reservoir r in windows of length index w. */
    public CountingDistribution.Result exact(int w, int reservoir) {
        return exact[w][reservoir];
    }

    @Override
    public Probe probe() {
        return probe;
    }

    @Override
    public Result result(List<GroupPart> groups) {
        List<List<WindowEstimate>> out = new ArrayList<>();
        for (int w = 0; w < lengths.length; w++) {
            final int index = w;
            List<WindowTally> tallies = groups.stream().map(g -> ((JumpCountProbe.Tally) g).window(index)).toList();
            long windows = tallies.stream().mapToLong(WindowTally::windows).sum();
            List<WindowEstimate> perReservoir = new ArrayList<>();
            for (int r = 0; r < exact[w].length; r++) {
                CountingDistribution.Result p = exact[w][r];
                double[] c = cumulants(p);
                perReservoir.add(WindowEstimate.of(tallies, r, BatchCumulants.effectiveExchanges(windows, c[1], 1),
                        BatchCumulants.effectiveEvents(windows, c), k -> {
                            double v = p.at(k);
                            return Double.isNaN(v) ? 0 : v;
                        }));
            }
            out.add(List.copyOf(perReservoir));
        }
        return new Counts(out);
    }

    /** kappa_1 .. kappa_4 of k from the exact P(k, t) (the unresolved far tail left out). */
    static double[] cumulants(CountingDistribution.Result p) {
        double[] m = new double[5];
        for (int i = 0; i < p.probability().length; i++) {
            double v = p.probability()[i];
            if (!Double.isNaN(v)) {
                double k = p.n(i);
                m[0] += v;
                m[1] += v * k;
            }
        }
        double mean = m[1] / m[0];
        double[] c = new double[5];
        for (int i = 0; i < p.probability().length; i++) {
            double v = p.probability()[i];
            if (!Double.isNaN(v)) {
                double x = p.n(i) - mean;
                c[2] += v * x * x;
                c[3] += v * x * x * x;
                c[4] += v * x * x * x * x;
            }
        }
        double var = c[2] / m[0];
        return new double[] {mean, var, c[3] / m[0], c[4] / m[0] - 3 * var * var};
    }

    /** The sampled P(k, t) of every window length and reservoir, next to the exact one. */
    private final class Counts implements Result {
        private final List<List<WindowEstimate>> estimates;

        Counts(List<List<WindowEstimate>> estimates) {
            this.estimates = estimates;
        }

        @Override
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%njumps per window (--analysis jumps): k jumps through a reservoir, both directions%n"));
            for (int w = 0; w < lengths.length; w++) {
                for (WindowEstimate e : estimates.get(w)) {
                    double[] c = cumulants(exact[w][e.reservoir()]);
                    Estimate mean = e.cumulants()[0];
                    GoodnessOfFit t = e.test();
                    sb.append(String.format(Locale.ROOT, "  t = %-8.4g %-4s mean k %.6g +- %.2g (exact %.6g), %s%n",
                            lengths[w], name(e.reservoir()), mean.value(), mean.stderr(), c[0],
                            t == null ? "no test (too few counts)" : String.format(Locale.ROOT,
                                    "P(k, t): Hotelling T2 %.1f on %d dof, p = %.3g", t.statistic(), t.dof(),
                                    t.pValue())));
                }
            }
            return sb.toString();
        }

        @Override
        public void json(ObjectNode root) {
            ArrayNode a = root.putArray("jumpCounts");
            for (int w = 0; w < lengths.length; w++) {
                for (WindowEstimate e : estimates.get(w)) {
                    double[] c = cumulants(exact[w][e.reservoir()]);
                    ObjectNode o = a.addObject();
                    o.put("window", lengths[w]);
                    o.put("reservoir", name(e.reservoir()));
                    o.put("windows", e.windows());
                    for (int n = 0; n < 2; n++) {
                        ObjectNode m = o.putObject(n == 0 ? "mean" : "variance");
                        put(m, "value", e.cumulants()[n].value());
                        put(m, "stderr", e.cumulants()[n].stderr());
                        put(m, "exact", c[n]);
                    }
                    ObjectNode t = o.putObject("test");
                    if (e.test() == null) {
                        t.putNull("pValue");
                    } else {
                        put(t, "statistic", e.test().statistic());
                        t.put("dof", e.test().dof());
                        put(t, "pValue", e.test().pValue());
                    }
                }
            }
        }

        @Override
        public Map<String, String> files() {
            StringBuilder sb = new StringBuilder("window,reservoir,k,exact,sampled,stderr\n");
            for (int w = 0; w < lengths.length; w++) {
                for (WindowEstimate e : estimates.get(w)) {
                    CountingDistribution.Result p = exact[w][e.reservoir()];
                    long lo = Math.min(p.nMin(), e.probability().length == 0 ? p.nMin() : e.nMin());
                    long hi = Math.max(p.nMax(), e.nMin() + e.probability().length - 1);
                    for (long k = lo; k <= hi; k++) {
                        int i = (int) (k - e.nMin());
                        boolean seen = i >= 0 && i < e.probability().length;
                        double x = k >= p.nMin() && k <= p.nMax() ? p.at(k) : 0;
                        sb.append(lengths[w]).append(',').append(name(e.reservoir())).append(',').append(k).append(',')
                                .append(Double.isNaN(x) ? "" : Double.toString(x)).append(',')
                                .append(seen ? e.probability()[i] : 0.0).append(',')
                                .append(seen ? e.stderr()[i] : 0.0).append('\n');
                    }
                }
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put(CSV, sb.toString());
            return m;
        }

        private String name(int reservoir) {
            return process.reservoirs().get(reservoir).name();
        }

        private static void put(ObjectNode o, String field, double v) {
            if (Double.isFinite(v)) {
                o.put(field, v);
            } else {
                o.putNull(field);
            }
        }
    }
}
