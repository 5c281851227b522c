package qar.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import qar.model.Bath;
import qar.model.ModelParameters;

/** The model parameters as the JSON {@code model} object and as a header for tables. */
public final class ModelReport {
    private ModelReport() {
    }

    /** Keys are the option names without dashes: N, omega, betaC, ..., gammaW, model. */
    public static ObjectNode json(ModelParameters p) {
        ObjectNode m = Json.object();
        m.put("model", p.kind().label());
        m.put("N", p.n());
        m.put("omega", p.omega());
        bath(m, "C", p.cold());
        bath(m, "H", p.hot());
        bath(m, "W", p.work());
        return m;
    }

    private static void bath(ObjectNode m, String s, Bath b) {
        m.put("beta" + s, b.beta());
        m.put("eps" + s, b.eps());
        m.put("delta" + s, b.delta());
        m.put("gamma" + s, b.gamma());
    }

    /** A few lines: the model and the bath parameters. */
    public static String header(ModelParameters p) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model, N = %d (%d levels), Omega = %s%n",
                p.kind().label(), p.n(), p.kind() == qar.model.ModelKind.FULL ? p.levels() : 3, num(p.omega())));
        sb.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s %10s%n", "reservoir", "beta", "eps", "delta", "Gbar"));
        row(sb, "c (cold)", p.cold());
        row(sb, "h (hot)", p.hot());
        row(sb, "w (work)", p.work());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Bath b) {
        sb.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s %10s%n", name,
                num(b.beta()), num(b.eps()), num(b.delta()), num(b.gamma())));
    }

    /** A z-score, or n/a where it is undefined (no spread: the estimate and its error are 0). */
    static String z(double z) {
        return Double.isFinite(z) ? String.format(Locale.ROOT, "%+.2f", z) : "n/a";
    }

    /** Six significant digits, trailing zeros of the mantissa dropped (never the exponent's). */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + (e < 0 ? "" : s.substring(e));
    }
}
