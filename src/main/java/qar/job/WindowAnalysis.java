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
import qar.estimate.WindowEstimate;
import qar.estimate.WindowTally;
import qar.exact.CountingDistribution;
import qar.model.JumpProcess;
import qar.model.Reservoir;
import qar.sample.GroupPart;
import qar.sample.Probe;
import qar.sample.WindowProbe;

/**
 * The energy exchanged with each reservoir in consecutive windows of every --window length t,
 * sampled and exact: the cumulants kappa_1..4 of Q_t and P(n, t) with its test across the groups,
 * and the CSV tables of P(n, t), the large deviations and the rate functions. Its part of a group
 * is the recording's built-in window part ({@link qar.sample.Recording}: the window lengths are
 * part of the campaign), so it adds no probe of its own. Immutable.
 */
public final class WindowAnalysis implements Analysis {
    private static final List<String> KAPPA = List.of("kappa1", "kappa2", "kappa3", "kappa4");

    private final JumpProcess process;
    private final ExactJob.Result exact;

    private WindowAnalysis(JumpProcess process, ExactJob.Result exact) {
        this.process = process;
        this.exact = exact;
    }

    /** The analysis of every window length of {@code setup}'s exact solution, or null without one. */
    public static WindowAnalysis of(Analysis.Setup setup) {
        return setup.exact().windows().isEmpty() ? null : new WindowAnalysis(setup.process(), setup.exact());
    }

    /** Null: the recording records the windows from its lengths ({@link qar.sample.Recording#windowsPart}). */
    @Override
    public Probe probe() {
        return null;
    }

    @Override
    public Result result(List<GroupPart> groups) {
        List<List<WindowEstimate>> windows = new ArrayList<>();
        double unit = process.energyUnit();
        for (int w = 0; w < exact.windows().size(); w++) {
            final int index = w;
            List<WindowTally> tallies = groups.stream().map(g -> ((WindowProbe.Tally) g).window(index)).toList();
            List<WindowEstimate> perReservoir = new ArrayList<>();
            for (int res = 0; res < process.reservoirs().size(); res++) {
                CountingDistribution.Result p = exact.windows().get(w).distributions().get(res);
                long windowCount = tallies.stream().mapToLong(WindowTally::windows).sum();
                double nEff = BatchCumulants.effectiveExchanges(windowCount,
                        exact.windows().get(w).cumulants().get(res)[1] / (unit * unit), process.largestQuanta()[res]);
                double nEvents = BatchCumulants.effectiveEvents(windowCount, exact.windows().get(w).cumulants().get(res));
                perReservoir.add(WindowEstimate.of(tallies, res, nEff, nEvents, n -> {
                    double v = p.at(n);
                    return Double.isNaN(v) ? 0 : v;
                }));
            }
            windows.add(List.copyOf(perReservoir));
        }
        return new Result(exact, process.reservoirs().stream().map(Reservoir::name).toList(), unit,
                List.copyOf(windows));
    }

    /**
     * The sampled windows of every length, next to the exact values.
     *
     * @param names     the reservoirs' names
     * @param unit      the energy unit (the estimates are in quanta)
     * @param estimates per window length, per reservoir
     */
    public record Result(ExactJob.Result exact, List<String> names, double unit, List<List<WindowEstimate>> estimates)
            implements Analysis.Result {
        @Override
        public String table() {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < estimates.size(); w++) {
                ExactJob.Window ex = exact.windows().get(w);
                sb.append(String.format(Locale.ROOT,
                        "  windows t = %s (%d windows): <<Q_t^n>> estimate +- stderr, exact, z, 95%% CI%n",
                        qar.text.Format.num(ex.length()), estimates.get(w).get(0).windows()));
                for (int k = 0; k < names.size(); k++) {
                    WindowEstimate s = estimates.get(w).get(k);
                    for (int n = 0; n < KAPPA.size(); n++) {
                        Estimate e = s.cumulants()[n].scaled(Math.pow(unit, n + 1));
                        double exactValue = ex.cumulants().get(k)[n];
                        sb.append(String.format(Locale.ROOT, "    %-3s %-7s %32s %16.9e %8s  %s%n",
                                n == 0 ? names.get(k) : "", KAPPA.get(n),
                                String.format(Locale.ROOT, "%.9e +- %.2e", e.value(), e.stderr()), exactValue,
                                qar.text.Format.z(e.z(exactValue)), e.reliable()
                                        ? String.format(Locale.ROOT, "[%.6e, %.6e]", e.ciLow(), e.ciHigh())
                                        : "no interval** (" + e.reason() + ")"));
                    }
                    sb.append(String.format(Locale.ROOT, "    %-3s P(n,t): %s%n", "",
                            WaitingTimeAnalysis.testText(s.test())));
                }
            }
            return sb.toString();
        }

        @Override
        public void json(ObjectNode root) {
            ArrayNode a = root.putArray("windows");
            for (int w = 0; w < estimates.size(); w++) {
                ExactJob.Window ex = exact.windows().get(w);
                ObjectNode o = a.addObject();
                qar.text.Json.put(o, "t", ex.length());
                o.put("windows", estimates.get(w).get(0).windows());
                ObjectNode res = o.putObject("reservoirs");
                for (int k = 0; k < names.size(); k++) {
                    WindowEstimate s = estimates.get(w).get(k);
                    ObjectNode x = res.putObject(names.get(k));
                    for (int n = 0; n < KAPPA.size(); n++) {
                        Estimate e = s.cumulants()[n].scaled(Math.pow(unit, n + 1));
                        double exactValue = ex.cumulants().get(k)[n];
                        ObjectNode c = x.putObject(KAPPA.get(n));
                        EstimateJson.put(c, e);
                        qar.text.Json.put(c, "exact", exactValue);
                        qar.text.Json.put(c, "z", e.z(exactValue));
                    }
                    x.set("chiSquare", WaitingTimeAnalysis.test(s.test()));
                }
            }
        }

        @Override
        public Map<String, String> files() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(DistributionCsv.COUNTING, DistributionCsv.counting(exact, names, estimates));
            m.put(DistributionCsv.LARGE_DEVIATIONS, DistributionCsv.largeDeviations(exact, names, unit, estimates));
            m.put(DistributionCsv.RATE_FUNCTION, DistributionCsv.rateFunctions(exact.rateFunctions()));
            return m;
        }
    }
}
