package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import qar.exact.FiniteTimeTur;
import qar.exact.FluctuationChecks;
import qar.exact.GallavottiCohen;

/**
 * {@code qar exact --ft}: the "fluctuationTheorems" section of the JSON (schema: src/site/markdown/outputs.md), its table
 * lines, and {@code gallavotti_cohen.csv}. A check that is undefined has null values and its reason
 * under the root's {@code undefined}.
 */
public final class FluctuationReport {
    public static final String GALLAVOTTI_COHEN = "gallavotti_cohen.csv";
    private static final String SECTION = "fluctuationTheorems";

    private FluctuationReport() {
    }

    /** Adds the section to {@code root}, and the reasons of undefined values to {@code root.undefined}. */
    public static void exactJson(ObjectNode root, FluctuationChecks f) {
        ObjectNode undefined = root.has("undefined") ? (ObjectNode) root.get("undefined") : root.putObject("undefined");
        ObjectNode ft = root.putObject(SECTION);
        GallavottiCohen.Result gc = f.gallavottiCohen();
        ObjectNode g = ft.putObject("gallavottiCohen");
        Json.put(g, "maxRelativeDeviation", gc.maxRelativeDeviation());
        Json.put(g, "tolerance", gc.tolerance());
        Json.put(g, "scale", gc.scale());
        g.put("points", gc.points().size());
        g.put("pairs", gc.pairs());
        g.put("skipped", gc.skipped());
        ObjectNode grid = g.putObject("grid");
        for (int r = 0; r < gc.names().size(); r++) {
            ArrayNode a = grid.putArray(gc.names().get(r));
            gc.grid().get(r).forEach(a::add);
        }
        if (gc.verdict() == null) {
            g.putNull("verdict");
            undefined.put(SECTION + ".gallavottiCohen", gc.undefined());
        } else {
            g.put("verdict", gc.verdict());
        }
        ArrayNode turs = ft.putArray("finiteTimeTur");
        for (int i = 0; i < f.finiteTimeTur().size(); i++) {
            FiniteTimeTur.Window w = f.finiteTimeTur().get(i);
            ObjectNode o = turs.addObject();
            Json.put(o, "t", w.t());
            o.put("start", "stationary");
            ObjectNode res = o.putObject("reservoirs");
            for (FiniteTimeTur.Ratio r : w.reservoirs()) {
                ObjectNode x = res.putObject(r.reservoir());
                Json.put(x, "ratio", r.ratio());
                Json.put(x, "uncertainty", r.uncertainty());
                Json.put(x, "longTime", r.longTime());
                if (r.verdict() == null) {
                    x.putNull("verdict");
                    undefined.put(SECTION + ".finiteTimeTur[" + i + "].reservoirs." + r.reservoir() + ".ratio",
                            r.undefined());
                } else {
                    x.put("verdict", r.verdict());
                }
            }
        }
    }

    public static String exactTable(FluctuationChecks f) {
        StringBuilder sb = new StringBuilder();
        GallavottiCohen.Result gc = f.gallavottiCohen();
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "  fluctuation theorems, exact (%.1f ms)%n", f.seconds() * 1e3));
        if (gc.verdict() == null) {
            sb.append("  Gallavotti-Cohen lambda(s) = lambda(beta - s): ").append(gc.undefined()).append('\n');
        } else {
            sb.append("  Gallavotti-Cohen lambda(s) = lambda(beta - s): ").append(gc.verdict()).append('\n');
            sb.append(String.format(Locale.ROOT,
                    "    largest |lambda(s) - lambda(beta - s)| / %s: %.2e (tolerance %.2e from the rates' rounding)%n",
                    "max|lambda| " + ModelReport.num(gc.scale()), gc.maxRelativeDeviation(), gc.tolerance()));
        }
        StringBuilder grid = new StringBuilder();
        for (int r = 0; r < gc.names().size(); r++) {
            List<Double> v = gc.grid().get(r);
            grid.append(r > 0 ? ", " : "").append("s_").append(gc.names().get(r)).append(" in {");
            for (int i = 0; i < v.size(); i++) {
                grid.append(i > 0 ? " " : "").append(ModelReport.num(v.get(i)));
            }
            grid.append('}');
        }
        sb.append(String.format(Locale.ROOT, "    grid: %d points, %d mirror pairs%s: products of %s, and points on the"
                + " diagonal%n", gc.points().size(), gc.pairs(), gc.skipped() > 0 ? " (" + gc.skipped()
                + " left out: lambda not finite)" : "", grid));
        if (f.finiteTimeTur().isEmpty()) {
            sb.append("  finite-time TUR: give --window t\n");
            return sb.toString();
        }
        sb.append("  finite-time TUR Var(Q_t) sigma t / <Q_t>^2 >= 2, from the stationary state\n");
        for (FiniteTimeTur.Window w : f.finiteTimeTur()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    t = %-10s", ModelReport.num(w.t())));
            for (FiniteTimeTur.Ratio r : w.reservoirs()) {
                line.append("  ").append(r.reservoir()).append(' ');
                line.append(r.ratio() == null ? "n/a (" + r.undefined().replace("undefined: ", "") + ")"
                        : Double.isFinite(r.ratio()) ? String.format(Locale.ROOT, "%.9g %s", r.ratio(), r.verdict())
                        : "> 1.8e308 " + r.verdict());
            }
            sb.append(line).append('\n');
        }
        StringBuilder lt = new StringBuilder("    t -> infinity");
        for (FiniteTimeTur.Ratio r : f.finiteTimeTur().get(0).reservoirs()) {
            lt.append("  ").append(r.reservoir()).append(' ')
                    .append(r.longTime() == null ? "undefined" : String.format(Locale.ROOT, "%.9g", r.longTime()));
        }
        sb.append(lt).append("  (S sigma / I^2)\n");
        return sb.toString();
    }

    /** One row per grid point: s per reservoir, lambda(s), lambda(beta - s), the relative deviation. */
    public static String gallavottiCohenCsv(GallavottiCohen.Result gc) {
        StringBuilder sb = new StringBuilder();
        for (String n : gc.names()) {
            sb.append("s_").append(n).append(',');
        }
        sb.append("lambda,lambda_mirror,deviation\n");
        for (GallavottiCohen.Point p : gc.points()) {
            for (double s : p.s()) {
                sb.append(qar.text.Format.cell(s)).append(',');
            }
            sb.append(qar.text.Format.cell(p.lambda())).append(',').append(qar.text.Format.cell(p.lambdaMirror()))
                    .append(',').append(qar.text.Format.cell(p.relativeDeviation())).append('\n');
        }
        return sb.toString();
    }
}
