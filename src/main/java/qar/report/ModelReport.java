package qar.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Locale;
import qar.model.Bath;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.NamedProcess;
import qar.model.Reservoir;

/**
 * The model as the JSON {@code model} object and as a header for tables: the refrigerator's
 * parameters, or what identifies a process read from a file.
 */
public final class ModelReport {
    private ModelReport() {
    }

    /**
     * The refrigerator: keys are the option names without dashes (N, omega, betaC, ..., gammaW,
     * model). A file process: {@code process} (the path), {@code levels} (the count),
     * {@code levelNames}, {@code energyUnit}, {@code reservoirs} (name and beta of each) and
     * {@code channels} (the count of those with a positive rate).
     */
    public static ObjectNode json(ModelSpec spec) {
        if (spec instanceof NamedProcess file) {
            return json(file);
        }
        ModelParameters p = (ModelParameters) spec;
        ObjectNode m = Json.object();
        m.put("model", p.kind().label());
        m.put("N", p.n());
        m.put("omega", p.omega());
        bath(m, "C", p.cold());
        bath(m, "H", p.hot());
        bath(m, "W", p.work());
        // the CLI gives every bath the same density
        m.put("spectral", p.cold().spectral().shape().label());
        if (p.cold().spectral().shape() == qar.model.Spectral.Shape.OHMIC) {
            m.put("cutoff", p.cold().spectral().cutoff());
        }
        return m;
    }

    private static ObjectNode json(NamedProcess file) {
        ObjectNode m = Json.object();
        m.put("process", file.source());
        m.put("levels", file.levels().size());
        ArrayNode names = m.putArray("levelNames");
        file.levels().forEach(names::add);
        m.put("energyUnit", file.process().energyUnit());
        ArrayNode res = m.putArray("reservoirs");
        for (Reservoir r : file.process().reservoirs()) {
            ObjectNode o = res.addObject();
            o.put("name", r.name());
            o.put("beta", r.beta());
        }
        m.put("channels", file.process().channels().size());
        return m;
    }

    private static void bath(ObjectNode m, String s, Bath b) {
        m.put("beta" + s, b.beta());
        m.put("eps" + s, b.eps());
        m.put("delta" + s, b.delta());
        m.put("gamma" + s, b.gamma());
    }

    /** A few lines: the model and the bath parameters, or the file process and its reservoirs. */
    public static String header(ModelSpec spec) {
        if (spec instanceof NamedProcess file) {
            return header(file);
        }
        ModelParameters p = (ModelParameters) spec;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model, N = %d (%d levels), Omega = %s%n",
                p.kind().label(), p.n(), p.kind() == qar.model.ModelKind.FULL ? p.levels() : 3, num(p.omega())));
        sb.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s %10s%n", "reservoir", "beta", "eps", "delta", "Gbar"));
        row(sb, "c (cold)", p.cold());
        row(sb, "h (hot)", p.hot());
        row(sb, "w (work)", p.work());
        if (p.cold().spectral().shape() == qar.model.Spectral.Shape.OHMIC) {
            sb.append(String.format(Locale.ROOT, "  spectral density: ohmic, Gbar w exp(-w / %s) (eps and delta unused)%n",
                    num(p.cold().spectral().cutoff())));
        }
        return sb.toString();
    }

    private static String header(NamedProcess file) {
        StringBuilder sb = new StringBuilder();
        var p = file.process();
        sb.append(String.format(Locale.ROOT, "process %s, %d levels (%s), %d channels, energy unit %s%n",
                file.source(), p.dimension(), shownLevels(file), p.channels().size(), num(p.energyUnit())));
        sb.append(String.format(Locale.ROOT, "  %-10s %10s%n", "reservoir", "beta"));
        for (Reservoir r : p.reservoirs()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %10s%n", r.name(), num(r.beta())));
        }
        return sb.toString();
    }

    /** The first level names, with an ellipsis where there are more. */
    static String shownLevels(NamedProcess file) {
        int shown = 6;
        java.util.List<String> names = file.levels();
        return String.join(", ", names.subList(0, Math.min(shown, names.size())))
                + (names.size() > shown ? ", ..." : "");
    }

    private static void row(StringBuilder sb, String name, Bath b) {
        sb.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s %10s%n", name,
                num(b.beta()), num(b.eps()), num(b.delta()), num(b.gamma())));
    }

    /** A z-score, or n/a where it is undefined (no spread: the estimate and its error are 0). */
    static String z(double z) {
        return qar.text.Format.z(z);
    }

    /** Six significant digits, trailing zeros of the mantissa dropped (never the exponent's). */
    static String num(double v) {
        return qar.text.Format.num(v);
    }
}
