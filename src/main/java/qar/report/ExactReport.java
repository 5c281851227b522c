package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import qar.exact.ExactSolution;
import qar.exact.ReservoirStatistics;
import qar.exact.Thermodynamics;
import qar.model.ModelParameters;

/** {@code qar exact} output: the JSON object of the README's schema, and the terminal table. */
public final class ExactReport {
    private static final int SHOWN_LEVELS = 6;

    private ExactReport() {
    }

    public static ObjectNode json(ModelParameters p, ExactSolution s) {
        ObjectNode root = Json.object();
        root.set("model", ModelReport.json(p));
        root.put("dimension", s.process().dimension());
        root.set("populations", Json.array(s.populations()));
        ObjectNode res = root.putObject("reservoirs");
        for (ReservoirStatistics r : s.reservoirs()) {
            ObjectNode o = res.putObject(r.name());
            Json.put(o, "current", r.current());
            Json.put(o, "noise", r.noise());
            o.set("cumulants", Json.array(r.cumulants()));
        }
        Thermodynamics t = s.thermodynamics();
        Json.put(root, "entropyProduction", t.entropyProduction());
        Json.put(root, "firstLawResidual", t.firstLawResidual());
        ObjectNode tur = root.putObject("tur");
        for (int r = 0; r < s.reservoirs().size(); r++) {
            Json.put(tur, s.reservoirs().get(r).name(), t.tur()[r]);
        }
        Json.put(root, "cop", t.cop());
        Json.put(root, "copCarnot", t.copCarnot());
        Json.put(root, "copTurBound", t.copTurBound());
        return root;
    }

    public static String table(ModelParameters p, ExactSolution s, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("qar exact: ").append(ModelReport.header(p)).append('\n');
        int k = s.order();
        sb.append(String.format(Locale.ROOT, "  %-10s %22s %22s", "reservoir", "current I", "noise S"));
        for (int n = 3; n <= k; n++) {
            sb.append(String.format(Locale.ROOT, " %16s", "kappa" + n));
        }
        sb.append('\n');
        for (ReservoirStatistics r : s.reservoirs()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %22.15e %22.15e", r.name(), r.current(), r.noise()));
            for (int n = 3; n <= k; n++) {
                sb.append(String.format(Locale.ROOT, " %16.9e", r.cumulants()[n - 1]));
            }
            sb.append('\n');
        }
        Thermodynamics t = s.thermodynamics();
        sb.append('\n');
        line(sb, "first-law residual sum I", String.format(Locale.ROOT, "%.3e", t.firstLawResidual()));
        line(sb, "entropy production sigma", String.format(Locale.ROOT, "%.15e", t.entropyProduction()));
        StringBuilder tur = new StringBuilder();
        for (int r = 0; r < s.reservoirs().size(); r++) {
            tur.append(String.format(Locale.ROOT, "%s %.6f   ", s.reservoirs().get(r).name(), t.tur()[r]));
        }
        line(sb, "TUR S sigma / I^2 (>= 2)", tur.toString().trim());
        line(sb, "COP I_c / I_w", String.format(Locale.ROOT, "%.10f", t.cop()));
        line(sb, "Carnot COP", Double.isNaN(t.copCarnot()) ? "n/a (needs beta_c > beta_h)"
                : String.format(Locale.ROOT, "%.10f", t.copCarnot()));
        line(sb, "TUR bound on COP, eq. (20)", t.copTurBound() == null
                ? "n/a (needs I_c > 0, I_w > 0, beta_c > beta_h >= beta_w)"
                : String.format(Locale.ROOT, "%.10f", t.copTurBound()));
        sb.append('\n');
        double[] pop = s.populations();
        StringBuilder pops = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN_LEVELS, pop.length); i++) {
            pops.append(String.format(Locale.ROOT, "%.6e ", pop[i]));
        }
        if (pop.length > SHOWN_LEVELS) {
            pops.append("... ").append(String.format(Locale.ROOT, "%.3e (top)", pop[pop.length - 1]));
        }
        line(sb, "populations a = 1/2, 3/2, ...", pops.toString().trim());
        line(sb, "computed in", String.format(Locale.ROOT, "%.1f ms (--json for every level)", seconds * 1e3));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-30s %s%n", label, value));
    }
}
