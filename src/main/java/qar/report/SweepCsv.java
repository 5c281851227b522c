package qar.report;

import java.util.ArrayList;
import java.util.List;
import qar.exact.ExactSolution;
import qar.exact.ReservoirStatistics;
import qar.estimate.Estimate;
import qar.exact.Thermodynamics;
import qar.job.SweepJob;
import qar.model.ParameterValues;
import qar.model.Refrigerator;

/**
 * {@code qar sweep}'s table, one row per point: {@code model}, every parameter by its JSON name
 * ({@link SweepJob#PARAMETERS}), then each exact quantity by its {@code qar exact --json} path
 * without {@code reservoirs.} (kappa3 and kappa4 are {@code cumulants[2]} and {@code cumulants[3]}),
 * then {@code error}. Numbers are written as Java's shortest round-trip decimal, as in the JSON, so a
 * cell equals the JSON value to the last digit. A quantity the JSON gives as null (undefined, or
 * below its resolution) is an empty cell, never NaN; a point without a model (error non-empty) has
 * every quantity empty.
 */
public final class SweepCsv {
    public static final String NAME = "sweep.csv";
    /** Cumulants per reservoir in the table: current, noise, kappa3, kappa4. */
    public static final int ORDER = 4;
    private static final List<String> PER_RESERVOIR = List.of("current", "noise", "kappa3", "kappa4");
    private static final List<String> SAMPLED = List.of("current", "noise");

    private SweepCsv() {
    }

    /** The column names without sampled estimates. */
    public static List<String> columns() {
        return columns(false);
    }

    /**
     * The column names; with {@code sampled}, before {@code error}, for each reservoir r
     * {@code sampled.r.current, sampled.r.currentErr, sampled.r.noise, sampled.r.noiseErr}.
     */
    public static List<String> columns(boolean sampled) {
        List<String> c = new ArrayList<>();
        c.add("model");
        c.addAll(SweepJob.PARAMETERS);
        for (String r : Refrigerator.NAMES) {
            for (String q : PER_RESERVOIR) {
                c.add(r + "." + q);
            }
        }
        c.addAll(List.of("cop", "copCarnot", "copTurBound"));
        for (String r : Refrigerator.NAMES) {
            c.add("tur." + r);
        }
        c.add("entropyProduction");
        if (sampled) {
            for (String r : Refrigerator.NAMES) {
                for (String q : SAMPLED) {
                    c.add("sampled." + r + "." + q);
                    c.add("sampled." + r + "." + q + "Err");
                }
            }
        }
        c.add("error");
        return c;
    }

    public static String header() {
        return header(false);
    }

    public static String header(boolean sampled) {
        return String.join(",", columns(sampled)) + "\n";
    }

    /** One row, with its line break. */
    public static String row(SweepJob.Outcome o) {
        return row(o, false, null, null);
    }

    /**
     * One row, with its line break.
     *
     * @param sampledColumns whether the table has the sampled columns
     * @param sampled        [reservoir][current, noise] at this point, or null (empty cells)
     * @param sampleError    why sampling failed at this point, or null
     */
    public static String row(SweepJob.Outcome o, boolean sampledColumns, Estimate[][] sampled, String sampleError) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(o.kind().label());
        ParameterValues v = o.values();
        sb.append(',').append((long) v.n());
        for (String name : ParameterValues.NAMES.subList(1, ParameterValues.NAMES.size())) {
            sb.append(',').append(v.get(name));
        }
        ExactSolution s = o.solution();
        int quantities = Refrigerator.NAMES.size() * (PER_RESERVOIR.size() + 1) + 4;
        if (s == null) {
            sb.append(",".repeat(quantities));
        } else {
            // the refrigerator's reservoirs, in the order of its columns (c, h, w)
            for (ReservoirStatistics st : s.reservoirs()) {
                for (int n = 0; n < PER_RESERVOIR.size(); n++) {
                    cell(sb, n < st.cumulants().length ? ExactReport.resolved(st, n) : null);
                }
            }
            Thermodynamics t = s.thermodynamics();
            cell(sb, t.cop());
            cell(sb, t.copCarnot());
            cell(sb, t.copTurBound());
            for (int r = 0; r < Refrigerator.NAMES.size(); r++) {
                cell(sb, t.tur()[r]);
            }
            cell(sb, t.entropyProduction());
        }
        if (sampledColumns) {
            for (int r = 0; r < Refrigerator.NAMES.size(); r++) {
                for (int n = 0; n < SAMPLED.size(); n++) {
                    Estimate e = sampled == null ? null : sampled[r][n];
                    cell(sb, e == null ? null : e.value());
                    cell(sb, e == null ? null : e.stderr());
                }
            }
        }
        sb.append(',');
        String error = o.error() != null ? o.error() : sampleError == null ? null : "sampling: " + sampleError;
        if (error != null) {
            sb.append(quoted(error));
        }
        return sb.append('\n').toString();
    }

    private static void cell(StringBuilder sb, Double v) {
        sb.append(',');
        if (v != null && Double.isFinite(v)) {
            sb.append(v.doubleValue());
        }
    }

    /** A CSV field in double quotes (RFC 4180), on one line. */
    static String quoted(String text) {
        return "\"" + text.replaceAll("\\s*\\R\\s*", " ").replace("\"", "\"\"") + "\"";
    }
}
