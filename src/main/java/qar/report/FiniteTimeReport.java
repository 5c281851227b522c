package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import qar.estimate.Estimate;
import qar.estimate.GoodnessOfFit;
import qar.estimate.WaitingTimeEstimate;
import qar.estimate.WindowEstimate;
import qar.exact.CountingDistribution;
import qar.exact.RateFunction;
import qar.job.ExactJob;

/**
 * JSON sections and table lines for waiting times, windows and rate functions, exact and sampled.
 * Cumulants of windows are in energy units (quanta times Omega to the power n), not divided by t.
 */
public final class FiniteTimeReport {
    private static final List<String> KAPPA = List.of("kappa1", "kappa2", "kappa3", "kappa4");

    private FiniteTimeReport() {
    }

    /** Adds the exact sections that were asked for; {@code start} names the windows' start. */
    public static void exactJson(ObjectNode root, ExactJob.Result r, List<String> names, String start) {
        if (!r.waitingTimes().isEmpty()) {
            ArrayNode a = root.putArray("waitingTimes");
            for (ExactJob.WaitingTime w : r.waitingTimes()) {
                ObjectNode o = a.addObject();
                o.put("watched", w.watch().label());
                Json.put(o, "mean", w.distribution().mean());
                Json.put(o, "variance", w.distribution().variance());
                Json.put(o, "rate", w.distribution().watchedRate());
                double[] tau = w.grid().tau();
                Json.put(o, "tauMin", tau[0]);
                Json.put(o, "tauMax", tau[tau.length - 1]);
                o.put("points", tau.length);
            }
        }
        if (!r.windows().isEmpty()) {
            ArrayNode a = root.putArray("windows");
            for (ExactJob.Window w : r.windows()) {
                ObjectNode o = a.addObject();
                Json.put(o, "t", w.length());
                o.put("start", start);
                ObjectNode res = o.putObject("reservoirs");
                for (int k = 0; k < names.size(); k++) {
                    ObjectNode x = res.putObject(names.get(k));
                    x.set("cumulants", Json.array(w.cumulants().get(k)));
                    CountingDistribution.Result p = w.distributions().get(k);
                    x.put("nMin", p.nMin());
                    x.put("nMax", p.nMax());
                    x.put("step", p.step());
                    Json.put(x, "massLeftOut", p.massLeftOut());
                }
            }
        }
        if (!r.rateFunctions().isEmpty()) {
            ArrayNode a = root.putArray("rateFunctions");
            for (RateFunction.Curve c : r.rateFunctions()) {
                ObjectNode o = a.addObject();
                o.put("reservoir", c.reservoir());
                Json.put(o, "jMin", c.current()[0]);
                Json.put(o, "jMax", c.current()[c.current().length - 1]);
                o.put("points", c.current().length);
                // stretches where I(j) is nearly affine (lambda(s) has a near-kink there)
                ArrayNode aff = o.putArray("affine");
                for (RateFunction.Affine f : c.affine()) {
                    ObjectNode x = aff.addObject();
                    Json.put(x, "jFrom", f.jFrom());
                    Json.put(x, "jTo", f.jTo());
                    Json.put(x, "slope", f.slope());
                    Json.put(x, "deviation", f.deviation());
                }
            }
        }
    }

    public static String exactTable(ExactJob.Result r, List<String> names, String start) {
        StringBuilder sb = new StringBuilder();
        for (ExactJob.WaitingTime w : r.waitingTimes()) {
            double[] tau = w.grid().tau();
            sb.append(String.format(Locale.ROOT,
                    "  waiting times %-10s mean %.6e  variance %.6e  (%d points, tau %.3g .. %.3g)%n",
                    w.watch().label(), w.distribution().mean(), w.distribution().variance(), tau.length, tau[0],
                    tau[tau.length - 1]));
        }
        for (ExactJob.Window w : r.windows()) {
            sb.append(String.format(Locale.ROOT, "  window t = %s from %s: finite-time cumulants <<Q_t^n>>%n",
                    ModelReport.num(w.length()), start));
            for (int k = 0; k < names.size(); k++) {
                double[] c = w.cumulants().get(k);
                CountingDistribution.Result p = w.distributions().get(k);
                sb.append(String.format(Locale.ROOT,
                        "    %-3s %16.9e %16.9e %16.9e %16.9e   P(n,t) on n = %d .. %d step %d, mass left out %.1e%n",
                        names.get(k), c[0], c[1], c[2], c[3], p.nMin(), p.nMax(), p.step(), p.massLeftOut()));
            }
        }
        for (RateFunction.Curve c : r.rateFunctions()) {
            sb.append(String.format(Locale.ROOT, "  rate function of %s on j = %.4g .. %.4g (%d points)%n",
                    c.reservoir(), c.current()[0], c.current()[c.current().length - 1], c.current().length));
            for (RateFunction.Affine f : c.affine()) {
                sb.append(String.format(Locale.ROOT, "    nearly affine on j = %.4g .. %.4g: slope %.4g, within %.2g of"
                        + " the line (lambda(s) has a near-kink: two phases coexist)%n", f.jFrom(), f.jTo(), f.slope(),
                        f.deviation()));
            }
        }
        return sb.toString();
    }

    private static ObjectNode test(GoodnessOfFit t) {
        ObjectNode o = Json.object();
        if (t == null) {
            o.putNull("pValue");
            o.put("note", "too few counts for a test");
            return o;
        }
        Json.put(o, "statistic", t.statistic());
        o.put("dof", t.dof());
        Json.put(o, "designEffect", t.designEffect());
        Json.put(o, "pValue", t.pValue());
        return o;
    }

    private static String testText(GoodnessOfFit t) {
        return t == null ? "no test (too few counts)"
                : String.format(Locale.ROOT, "Hotelling T2 %.1f on %d dof (design effect %.2f), p = %.3g", t.statistic(),
                        t.dof(), t.designEffect(), t.pValue());
    }

    /** Adds the sampled sections next to their exact values. */
    public static void sampleJson(ObjectNode root, ExactJob.Result exact, List<WaitingTimeEstimate> waits,
            List<List<WindowEstimate>> windows, List<String> names, double unit) {
        if (!waits.isEmpty()) {
            ArrayNode a = root.putArray("waitingTimes");
            for (int w = 0; w < waits.size(); w++) {
                ExactJob.WaitingTime ex = exact.waitingTimes().get(w);
                ObjectNode o = a.addObject();
                o.put("watched", ex.watch().label());
                o.put("waits", waits.get(w).waits());
                Json.put(o, "exactMean", ex.distribution().mean());
                o.set("chiSquare", test(waits.get(w).test()));
            }
        }
        if (!windows.isEmpty()) {
            ArrayNode a = root.putArray("windows");
            for (int w = 0; w < windows.size(); w++) {
                ExactJob.Window ex = exact.windows().get(w);
                ObjectNode o = a.addObject();
                Json.put(o, "t", ex.length());
                o.put("windows", windows.get(w).get(0).windows());
                ObjectNode res = o.putObject("reservoirs");
                for (int k = 0; k < names.size(); k++) {
                    WindowEstimate s = windows.get(w).get(k);
                    ObjectNode x = res.putObject(names.get(k));
                    for (int n = 0; n < KAPPA.size(); n++) {
                        Estimate e = s.cumulants()[n].scaled(Math.pow(unit, n + 1));
                        double exactValue = ex.cumulants().get(k)[n];
                        ObjectNode c = x.putObject(KAPPA.get(n));
                        SampleReport.putEstimate(c, e);
                        Json.put(c, "exact", exactValue);
                        Json.put(c, "z", e.z(exactValue));
                    }
                    x.set("chiSquare", test(s.test()));
                }
            }
        }
    }

    public static String sampleTable(ExactJob.Result exact, List<WaitingTimeEstimate> waits,
            List<List<WindowEstimate>> windows, List<String> names, double unit) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < waits.size(); w++) {
            ExactJob.WaitingTime ex = exact.waitingTimes().get(w);
            sb.append(String.format(Locale.ROOT, "  waiting times %-10s %d waits, exact mean %.4e: %s%n",
                    ex.watch().label(), waits.get(w).waits(), ex.distribution().mean(), testText(waits.get(w).test())));
        }
        for (int w = 0; w < windows.size(); w++) {
            ExactJob.Window ex = exact.windows().get(w);
            sb.append(String.format(Locale.ROOT, "  windows t = %s (%d windows): <<Q_t^n>> estimate +- stderr, exact, z, 95%% CI%n",
                    ModelReport.num(ex.length()), windows.get(w).get(0).windows()));
            for (int k = 0; k < names.size(); k++) {
                WindowEstimate s = windows.get(w).get(k);
                for (int n = 0; n < KAPPA.size(); n++) {
                    Estimate e = s.cumulants()[n].scaled(Math.pow(unit, n + 1));
                    double exactValue = ex.cumulants().get(k)[n];
                    sb.append(String.format(Locale.ROOT, "    %-3s %-7s %32s %16.9e %8s  %s%n",
                            n == 0 ? names.get(k) : "", KAPPA.get(n),
                            String.format(Locale.ROOT, "%.9e +- %.2e", e.value(), e.stderr()), exactValue,
                            ModelReport.z(e.z(exactValue)), e.reliable()
                                    ? String.format(Locale.ROOT, "[%.6e, %.6e]", e.ciLow(), e.ciHigh())
                                    : "no interval** (" + e.reason() + ")"));
                }
                sb.append(String.format(Locale.ROOT, "    %-3s P(n,t): %s%n", "", testText(s.test())));
            }
        }
        return sb.toString();
    }
}
