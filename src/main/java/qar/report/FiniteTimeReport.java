package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import qar.exact.CountingDistribution;
import qar.exact.RateFunction;
import qar.job.ExactJob;

/**
 * JSON sections and table lines of qar exact for waiting times, windows and rate functions (the
 * sampled ones are their analyses', {@link qar.job.WaitingTimeAnalysis} and {@link qar.job.WindowAnalysis}).
 * Cumulants of windows are in energy units (quanta times Omega to the power n), not divided by t.
 */
public final class FiniteTimeReport {
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
}
