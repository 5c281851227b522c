package qar.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import qar.job.RelaxJob;

/** {@code qar relax}: the table, the JSON object, and relax.csv and thermalisation.csv. */
public final class RelaxReport {
    public static final String RELAX = "relax.csv";
    public static final String THERMALISATION = "thermalisation.csv";

    private RelaxReport() {
    }

    private static String header(RelaxJob.Request q) {
        return String.format(Locale.ROOT, "qar relax: one reservoir (%s), beta_i = %s -> beta_f = %s, Omega = %s,"
                + " coupling Jx (App. C)%n", density(q), num(q.betaI()), num(q.bath().beta()), num(q.omega()));
    }

    private static String density(RelaxJob.Request q) {
        return q.bath().spectral().shape() == qar.model.Spectral.Shape.OHMIC
                ? "ohmic, Gbar = " + num(q.bath().gamma()) + ", w_c = " + num(q.bath().spectral().cutoff())
                : "lorentzian, eps = " + num(q.bath().eps()) + ", delta = " + num(q.bath().delta()) + ", Gbar = "
                        + num(q.bath().gamma());
    }

    public static String table(RelaxJob.Result r) {
        StringBuilder sb = new StringBuilder(header(r.request()));
        sb.append(String.format(Locale.ROOT, "  t_th: first t with S(rho(t) || rho_beta_f) <= %s%n%n", num(r.request().threshold())));
        sb.append(String.format(Locale.ROOT, "  %6s %7s %22s %14s %12s%n", "N", "levels", "t_th", "N^2 t_th", "S(t_min)"));
        for (RelaxJob.Size s : r.sizes()) {
            double t = s.thermalisationTime();
            double s0 = s.relativeEntropy()[0];
            // S ~ beta_f E overflows at beta_f near 1e308: said, not "Infinity" (--json: null)
            sb.append(String.format(Locale.ROOT, "  %6d %7d %22s %14s %12s%n", s.n(), s.levels(),
                    Double.isNaN(t) ? "not reached" : String.format(Locale.ROOT, "%.15e", t),
                    Double.isNaN(t) ? "" : String.format(Locale.ROOT, "%.6f", (double) s.n() * s.n() * t),
                    Double.isFinite(s0) ? String.format(Locale.ROOT, "%.4e", s0) : "> 1.8e308"));
        }
        if (Double.isFinite(r.exponent())) {
            sb.append(String.format(Locale.ROOT, "%n  fitted t_th ~ N^p: p = %.4f (least squares in ln t_th, ln N)%n",
                    r.exponent()));
        }
        sb.append(String.format(Locale.ROOT, "  computed in %.2f s (--json or --out for S(t) on the grid)%n", r.seconds()));
        return sb.toString();
    }

    public static ObjectNode json(RelaxJob.Result r) {
        RelaxJob.Request q = r.request();
        ObjectNode o = Json.object();
        o.put("betaI", q.betaI());
        o.put("betaF", q.bath().beta());
        o.put("omega", q.omega());
        o.put("spectral", q.bath().spectral().shape().label());
        if (q.bath().spectral().shape() == qar.model.Spectral.Shape.OHMIC) {
            o.put("cutoff", q.bath().spectral().cutoff());
        } else {
            o.put("eps", q.bath().eps());
            o.put("delta", q.bath().delta());
        }
        o.put("gamma", q.bath().gamma());
        o.put("threshold", q.threshold());
        o.set("times", Json.array(q.times()));
        ArrayNode sizes = o.putArray("sizes");
        for (RelaxJob.Size s : r.sizes()) {
            ObjectNode n = sizes.addObject();
            n.put("N", s.n());
            n.put("levels", s.levels());
            Json.put(n, "thermalisationTime", s.thermalisationTime());
            n.put("uniformizationRate", s.uniformizationRate());
            n.set("relativeEntropy", Json.array(s.relativeEntropy()));
            n.set("relativeEntropyResolution", Json.array(s.resolution()));
        }
        Json.put(o, "exponent", r.exponent());
        return o;
    }

    /** N,t,relative_entropy: one row per size and time. */
    public static String relaxCsv(RelaxJob.Result r) {
        StringBuilder sb = new StringBuilder("N,t,relative_entropy\n");
        double[] t = r.request().times();
        for (RelaxJob.Size s : r.sizes()) {
            for (int k = 0; k < t.length; k++) {
                sb.append(s.n()).append(',').append(csv(t[k])).append(',').append(csv(s.relativeEntropy()[k])).append('\n');
            }
        }
        return sb.toString();
    }

    /** N,t_th: an empty cell where S stays above the threshold on the grid. */
    public static String thermalisationCsv(RelaxJob.Result r) {
        StringBuilder sb = new StringBuilder("N,t_th\n");
        for (RelaxJob.Size s : r.sizes()) {
            sb.append(s.n()).append(',').append(csv(s.thermalisationTime())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
