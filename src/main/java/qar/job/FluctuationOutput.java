package qar.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import qar.estimate.Check;
import qar.estimate.DetailedFluctuation;
import qar.estimate.EfficiencyDistribution;
import qar.estimate.Estimate;
import qar.text.Format;
import qar.text.Json;

/**
 * {@code qar sample --ft} output: the checks of every window length as a JSON section, table lines
 * and two CSV tables (the detailed theorem's points, the efficiency distribution).
 */
final class FluctuationOutput {
    /** How the exchange theorem treats the boundary term (table and JSON). */
    static final String BOUNDARY = "windows that end in their start level only: there the boundary term"
            + " ln rho(x_0) - ln rho(x_t) is exactly 0 and the theorem holds at every t";

    private FluctuationOutput() {
    }

    private static String verdictRule() {
        return String.format(Locale.ROOT, "consistent where |z| < %.0f (two-sided 0.27 %%), violated otherwise;"
                + " inconclusive where the interval cannot be trusted", Check.Z_LIMIT);
    }

    /** Adds the {@code fluctuations} section. */
    static void json(ObjectNode root, FluctuationAnalysis.Result r) {
        ObjectNode f = root.putObject("fluctuations");
        f.put("verdictRule", verdictRule());
        Json.put(f, "zLimit", Check.Z_LIMIT);
        Json.put(f, "carnot", r.carnot());
        Json.put(f, "cop", r.cop());
        if (r.efficiencyNote() != null) {
            f.put("efficiencyNote", r.efficiencyNote());
        }
        ArrayNode a = f.putArray("windows");
        for (FluctuationAnalysis.Window w : r.windows()) {
            ObjectNode o = a.addObject();
            Json.put(o, "t", w.length());
            o.put("windows", w.windows());
            Json.put(o, "binWidth", w.binWidth());
            ObjectNode s = o.putObject("entropy");
            EstimateJson.put(s, w.meanEntropy());
            Json.put(s, "exact", w.exactMeanEntropy());
            ArrayNode checks = o.putArray("checks");
            for (Check c : w.checks()) {
                ObjectNode x = checks.addObject();
                x.put("name", c.name());
                if (c.measured() == null) {
                    x.putNull("estimate");
                    x.putNull("stderr");
                    x.putNull("ciLow");
                    x.putNull("ciHigh");
                    x.put("reliable", false);
                } else {
                    EstimateJson.put(x, c.measured());
                }
                Json.put(x, "theory", c.theory());
                Json.put(x, "z", c.z());
                x.put("verdict", c.verdict().label());
                if (c.note() != null) {
                    x.put("note", c.note());
                }
            }
            DetailedFluctuation d = w.detailed();
            ObjectNode dn = o.putObject("detailed");
            dn.put("points", d.points().size());
            dn.put("fitted", d.points().stream().filter(DetailedFluctuation.Point::fitted).count());
            ObjectNode in = o.putObject("integral");
            Json.put(in, "effectiveSampleSize", w.integral().effectiveSize());
            Json.put(in, "groupEffectiveSize", w.integral().groupEffective());
            ObjectNode ex = o.putObject("exchange");
            ex.put("closedWindows", w.exchange().closedWindows());
            ex.put("pairs", w.exchange().pairs());
            if (w.exchange().reference() >= 0) {
                ex.put("reference", r.reservoirs().get(w.exchange().reference()));
            } else {
                ex.putNull("reference");
            }
            ex.put("boundary", BOUNDARY);
            EfficiencyDistribution e = w.efficiency();
            if (e != null) {
                ObjectNode en = o.putObject("efficiency");
                int m = e.mode();
                Json.put(en, "modeLow", e.edges()[m]);
                Json.put(en, "modeHigh", e.edges()[m + 1]);
                Json.put(en, "modeProbability", e.probability()[m]);
                Json.put(en, "undefined", e.undefined().value());
                Json.put(en, "negative", e.negative().value());
                Json.put(en, "aboveCarnot", e.above() == null ? Double.NaN : e.above().value());
            }
        }
    }

    static String table(FluctuationAnalysis.Result r) {
        StringBuilder sb = new StringBuilder();
        for (FluctuationAnalysis.Window w : r.windows()) {
            sb.append(String.format(Locale.ROOT, "  fluctuation checks, windows t = %s (%d windows, entropy bins of %.3g):"
                    + " %s%n", Format.num(w.length()), w.windows(), w.binWidth(), verdictRule()));
            sb.append(String.format(Locale.ROOT, "    %-22s %30s  %-26s %12s %8s  %s%n", "check", "measured +- stderr",
                    "95% CI", "theory", "z", "verdict"));
            for (Check c : w.checks()) {
                Estimate e = c.measured();
                String measured = e == null ? "-" : String.format(Locale.ROOT, "%.6g +- %.2g", e.value(), e.stderr());
                String ci = e == null || !e.reliable() ? "no interval"
                        : String.format(Locale.ROOT, "[%.6g, %.6g]", e.ciLow(), e.ciHigh());
                String verdict = c.verdict().label() + (c.note() == null ? "" : " (" + c.note() + ")");
                sb.append(String.format(Locale.ROOT, "    %-22s %30s  %-26s %12.6g %8s  %s%n", c.name(), measured, ci,
                        c.theory(), Format.z(c.z()), verdict));
            }
            Estimate s = w.meanEntropy();
            sb.append(String.format(Locale.ROOT, "    <s> = %.6g +- %.2g (exact sigma t = %.6g); IFT effective sample size"
                    + " %.3g of %d windows (Kish, over groups %.3g of %d)%n", s.value(), s.stderr(),
                    w.exactMeanEntropy(), w.integral().effectiveSize(), w.windows(), w.integral().groupEffective(),
                    s.degreesOfFreedom() + 1));
            long fitted = w.detailed().points().stream().filter(DetailedFluctuation.Point::fitted).count();
            sb.append(String.format(Locale.ROOT, "    DFT: %d pairs of bins +-s with windows on both sides, %d in the fit;"
                    + " EFT: %d closed windows, %d pairs of energy vectors; %s%n", w.detailed().points().size(), fitted,
                    w.exchange().closedWindows(), w.exchange().pairs(), BOUNDARY));
            EfficiencyDistribution e = w.efficiency();
            if (e != null) {
                int m = e.mode();
                sb.append(String.format(Locale.ROOT, "    efficiency eta = Q_c/Q_w: piles up in [%.4g, %.4g) (%.3g %% of"
                        + " windows); undefined (Q_w = 0) %.3g %%; eta < 0 %.3g %%", e.edges()[m], e.edges()[m + 1],
                        100 * e.probability()[m], 100 * e.undefined().value(), 100 * e.negative().value()));
                if (e.above() != null) {
                    sb.append(String.format(Locale.ROOT, "; eta > Carnot %.4g: %.3g %%", e.carnot(),
                            100 * e.above().value()));
                }
                sb.append('\n');
            }
        }
        if (r.efficiencyNote() != null) {
            sb.append("  ").append(r.efficiencyNote()).append('\n');
        }
        return sb.toString();
    }

    /** fluctuation_theorem.csv: every pair of mirror bins of every window length. */
    static String theoremCsv(FluctuationAnalysis.Result r) {
        StringBuilder sb = new StringBuilder("t,s,ln_ratio,stderr,count_plus,count_minus,s_low,s_high,fitted\n");
        for (FluctuationAnalysis.Window w : r.windows()) {
            for (DetailedFluctuation.Point p : w.detailed().points()) {
                sb.append(Format.cell(w.length())).append(',').append(Format.cell(p.s())).append(',')
                        .append(Format.cell(p.lnRatio())).append(',').append(Format.cell(p.stderr()))
                        .append(',').append(p.plus()).append(',').append(p.minus()).append(',')
                        .append(Format.cell(p.low())).append(',').append(Format.cell(p.high()))
                        .append(',').append(p.fitted() ? 1 : 0).append('\n');
            }
        }
        return sb.toString();
    }

    /** efficiency.csv, or null without an efficiency distribution. */
    static String efficiencyCsv(FluctuationAnalysis.Result r) {
        if (r.windows().isEmpty() || r.windows().get(0).efficiency() == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("t,eta_low,eta_high,probability,stderr,rate_exact\n");
        for (FluctuationAnalysis.Window w : r.windows()) {
            EfficiencyDistribution e = w.efficiency();
            double[] rate = w.efficiencyRate();
            for (int k = 0; k < e.probability().length; k++) {
                // the outer edges, -infinity and +infinity, are empty cells (the CSV convention: no non-finite number)
                sb.append(Format.cell(w.length())).append(',').append(Format.cell(e.edges()[k]))
                        .append(',').append(Format.cell(e.edges()[k + 1])).append(',')
                        .append(Format.cell(e.probability()[k])).append(',')
                        .append(Format.cell(e.stderr()[k])).append(',')
                        .append(rate == null ? "" : Format.cell(rate[k])).append('\n');
            }
        }
        return sb.toString();
    }
}
