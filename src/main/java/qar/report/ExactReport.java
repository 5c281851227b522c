package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import qar.exact.ExactSolution;
import qar.exact.ReservoirStatistics;
import qar.exact.Thermodynamics;
import qar.model.ModelSpec;
import qar.model.NamedProcess;

/** {@code qar exact} output: the JSON object of the schema in src/site/markdown/outputs.md, and the terminal table. */
public final class ExactReport {
    private static final int SHOWN_LEVELS = 6;

    private ExactReport() {
    }

    public static ObjectNode json(ModelSpec p, ExactSolution s) {
        ObjectNode root = Json.object();
        root.set("model", ModelReport.json(p));
        root.put("dimension", s.process().dimension());
        root.set("populations", Json.array(s.populations()));
        ObjectNode undefined = Json.object();
        ObjectNode res = root.putObject("reservoirs");
        for (ReservoirStatistics r : s.reservoirs()) {
            ObjectNode o = res.putObject(r.name());
            String path = "reservoirs." + r.name() + ".";
            Json.put(o, "current", resolved(r, 0));
            Json.put(o, "noise", resolved(r, 1));
            ArrayNode cumulants = o.putArray("cumulants");
            for (int n = 0; n < r.cumulants().length; n++) {
                Double v = resolved(r, n);
                if (v == null) {
                    cumulants.addNull();
                    String why = unresolved(r, n);
                    if (n < 2) {
                        undefined.put(path + (n == 0 ? "current" : "noise"), why);
                    }
                    undefined.put(path + "cumulants[" + n + "]", why);
                } else {
                    cumulants.add(v);
                }
            }
            o.set("resolution", Json.array(r.resolution()));
        }
        Thermodynamics t = s.thermodynamics();
        Json.put(root, "entropyProduction", t.entropyProduction());
        Json.put(root, "entropyProductionResolution", t.entropyResolution());
        Json.put(root, "firstLawResidual", t.firstLawResidual());
        Json.put(root, "firstLawResolution", t.firstLawResolution());
        ObjectNode tur = root.putObject("tur");
        for (int r = 0; r < s.reservoirs().size(); r++) {
            Json.put(tur, s.reservoirs().get(r).name(), t.tur()[r]);
        }
        Json.put(root, "cop", t.cop());
        Json.put(root, "copCarnot", t.copCarnot());
        Json.put(root, "copTurBound", t.copTurBound());
        t.undefined().forEach(undefined::put);
        root.set("undefined", undefined);
        return root;
    }

    /** The value, or null where it is below its resolution. */
    static Double resolved(ReservoirStatistics r, int n) {
        return r.resolved(n) ? r.cumulants()[n] : null;
    }

    static String unresolved(ReservoirStatistics r, int n) {
        return String.format(Locale.ROOT, "unresolved: |%.3g| is below the resolution %.3g of the arithmetic",
                r.cumulants()[n], r.resolution()[n]);
    }

    public static String table(ModelSpec p, ExactSolution s, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("qar exact: ").append(ModelReport.header(p)).append('\n');
        int k = s.order();
        sb.append(String.format(Locale.ROOT, "  %-10s %22s %22s", "reservoir", "current I", "noise S"));
        for (int n = 3; n <= k; n++) {
            sb.append(String.format(Locale.ROOT, " %16s", "kappa" + n));
        }
        sb.append('\n');
        boolean anyUnresolved = false;
        for (ReservoirStatistics r : s.reservoirs()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %22s %22s", r.name(), cell(r, 0, "%.15e"),
                    cell(r, 1, "%.15e")));
            for (int n = 3; n <= k; n++) {
                sb.append(String.format(Locale.ROOT, " %16s", cell(r, n - 1, "%.9e")));
            }
            sb.append('\n');
            for (int n = 0; n < k; n++) {
                anyUnresolved |= !r.resolved(n);
            }
        }
        if (anyUnresolved) {
            sb.append("  unresolved: below what the arithmetic resolves, zero for every purpose (--json: each\n"
                    + "  value's resolution; src/site/markdown/exact.md, 'Resolution')\n");
        }
        Thermodynamics t = s.thermodynamics();
        sb.append('\n');
        // a residual within its resolution is round-off: zero, not a number to read (--json keeps both)
        line(sb, "first-law residual sum I", Math.abs(t.firstLawResidual()) <= t.firstLawResolution()
                ? String.format(Locale.ROOT, "0 within round-off (resolution %.1e)", t.firstLawResolution())
                : String.format(Locale.ROOT, "%.3e (resolution %.1e)", t.firstLawResidual(), t.firstLawResolution()));
        line(sb, "entropy production sigma", t.entropyProduction() == null ? "unresolved (below "
                + String.format(Locale.ROOT, "%.1e", t.entropyResolution()) + ")"
                : String.format(Locale.ROOT, "%.15e", t.entropyProduction()));
        StringBuilder tur = new StringBuilder();
        for (int r = 0; r < s.reservoirs().size(); r++) {
            Double v = t.tur()[r];
            tur.append(s.reservoirs().get(r).name()).append(' ')
                    .append(v != null ? String.format(Locale.ROOT, "%.6f", v) : Thermodynamics.OVERFLOW.equals(
                            t.undefined().get("tur." + s.reservoirs().get(r).name())) ? "> 1.8e308" : "undefined")
                    .append("   ");
        }
        line(sb, "TUR S sigma / I^2 (>= 2)", tur.toString().trim());
        line(sb, "COP I_c / I_w", orWhy(t.cop(), "%.10f", t.undefined().get("cop")));
        line(sb, "Carnot COP", orWhy(t.copCarnot(), "%.10f", t.undefined().get("copCarnot")));
        line(sb, "TUR bound on COP, eq. (20)", orWhy(t.copTurBound(), "%.10f", t.undefined().get("copTurBound")));
        sb.append('\n');
        double[] pop = s.populations();
        StringBuilder pops = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN_LEVELS, pop.length); i++) {
            pops.append(String.format(Locale.ROOT, "%.6e ", pop[i]));
        }
        if (pop.length > SHOWN_LEVELS) {
            pops.append("... ").append(String.format(Locale.ROOT, "%.3e (top)", pop[pop.length - 1]));
        }
        line(sb, p instanceof NamedProcess file ? "populations " + ModelReport.shownLevels(file)
                : p instanceof qar.model.ModelParameters mp && mp.kind() == qar.model.ModelKind.FULL && mp.n() % 2 == 0
                ? "populations m = 0, 1, 2, ..." : "populations a = 1/2, 3/2, ...", pops.toString().trim());
        line(sb, "computed in", String.format(Locale.ROOT, "%.1f ms (--json for every level)", seconds * 1e3));
        return sb.toString();
    }

    private static String cell(ReservoirStatistics r, int n, String format) {
        if (r.exactlyZero(n)) {
            return "0";
        }
        return r.resolved(n) ? String.format(Locale.ROOT, format, r.cumulants()[n]) : "unresolved";
    }

    private static String orWhy(Double value, String format, String why) {
        if (value != null && value != 0 && Math.abs(value) < 5e-11) {
            // %.10f would print a value that is not zero as 0.0000000000 (Carnot COP at beta_c 1e308)
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return value != null ? String.format(Locale.ROOT, format, value) : "n/a (" + why.replace("undefined: ", "") + ")";
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-30s %s%n", label, value));
    }
}
