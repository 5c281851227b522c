package qar.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import qar.model.RecordValues;

/**
 * The exchange fluctuation theorem for the energies of all reservoirs, ln[P(n) / P(-n)] =
 * -sum_r beta_r n_r Omega (n the vector of quanta that entered from each reservoir in a window):
 * y = ln[(N(n) + 1/2) / (N(-n) + 1/2)] over mirror pairs of vectors, fitted by weighted least
 * squares through the origin to y = -sum_j A_j n_j Omega. Energy is conserved, so only the
 * affinities A_j = beta_j - beta_ref to the reference (last) reservoir are identified; where the
 * vectors span too few directions for them (a one-cycle machine), the slope of y against the
 * entropy flow -sum_r beta_r n_r Omega (1 in theory) still is.
 *
 * <p>Pitfall: energies obey the theorem only up to the boundary term ln rho(x_0) - ln rho(x_t), so
 * only windows that end in their start level are counted; there it is zero and the theorem holds
 * at every t. Errors: delete-one-group jackknife of the whole fit, with the pair and interval rules
 * of {@link DetailedFluctuation}. Derivation: src/site/markdown/sampling.md, "Fluctuation theorems".
 *
 * @param closedWindows windows that ended in their start level
 * @param reservoirs    the reservoir of each fitted affinity
 * @param reference     the reference reservoir (conserving processes), or -1
 * @param affinities    per fitted reservoir, A_j; null entries where not identified
 * @param slope         the slope of y against the vectors' entropy flow; null without a pair
 * @param pairs         mirror pairs in the fit
 * @param reason        why the slope is null, else null
 * @param affinityReason why the affinities are null, else null
 */
public record ExchangeFluctuation(long closedWindows, int[] reservoirs, int reference, Estimate[] affinities,
                                  Estimate slope, int pairs, String reason, String affinityReason) {

    public ExchangeFluctuation {
        reservoirs = reservoirs.clone();
        affinities = affinities.clone();
    }

    @Override
    public int[] reservoirs() {
        return reservoirs.clone();
    }

    @Override
    public Estimate[] affinities() {
        return affinities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExchangeFluctuation e && e.closedWindows == closedWindows
                && Arrays.equals(e.reservoirs, reservoirs) && e.reference == reference
                && Arrays.equals(e.affinities, affinities) && java.util.Objects.equals(e.slope, slope)
                && e.pairs == pairs && java.util.Objects.equals(e.reason, reason)
                && java.util.Objects.equals(e.affinityReason, affinityReason);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(closedWindows) * 31 + Arrays.hashCode(affinities);
    }

    /**
     * @param groups     per group, the quanta of its closed windows
     * @param unit       the energy of one quantum
     * @param conserving whether every channel's quanta are a level-energy difference (closed windows then
     *                   exchange no net energy)
     * @param perQuantum per reservoir, the entropy flow -beta_r Omega of one quantum entering from it
     */
    public static ExchangeFluctuation of(List<VectorHistogram> groups, double unit, boolean conserving,
            double[] perQuantum) {
        int g = groups.size();
        int r = groups.get(0).dimension();
        int reference = conserving && r > 1 ? r - 1 : -1;
        int p = reference >= 0 ? r - 1 : r;
        int[] fittedReservoirs = new int[p];
        for (int j = 0; j < p; j++) {
            fittedReservoirs[j] = j;
        }
        VectorHistogram all = VectorHistogram.create(r);
        groups.forEach(all::combine);
        // mirror pairs, each once: the vector whose first nonzero entry is positive
        List<long[]> keys = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        long[][] perGroupPlus;
        long[][] perGroupMinus;
        for (Map.Entry<long[], Long> e : all.entries().entrySet()) {
            long[] v = e.getKey();
            if (!firstNonzeroPositive(v)) {
                continue;
            }
            long[] minusV = negate(v);
            long plus = e.getValue();
            long minus = all.count(minusV);
            if (plus >= DetailedFluctuation.MIN_COUNT && minus >= DetailedFluctuation.MIN_COUNT) {
                keys.add(v);
                counts.add(new long[] {plus, minus});
            }
        }
        int m = keys.size();
        Estimate[] none = new Estimate[p];
        if (m == 0) {
            String why = String.format(Locale.ROOT,
                    "no pair of energy vectors +-n holds %d or more closed windows on both sides (%d closed windows)",
                    DetailedFluctuation.MIN_COUNT, all.total());
            return new ExchangeFluctuation(all.total(), fittedReservoirs, reference, none, null, 0, why, why);
        }
        perGroupPlus = new long[g][m];
        perGroupMinus = new long[g][m];
        for (int i = 0; i < g; i++) {
            for (int k = 0; k < m; k++) {
                perGroupPlus[i][k] = groups.get(i).count(keys.get(k));
                perGroupMinus[i][k] = groups.get(i).count(negate(keys.get(k)));
            }
        }
        double[][] x = new double[m][p];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < p; j++) {
                x[k][j] = -keys.get(k)[j] * unit;
            }
        }
        long[] plus = new long[m];
        long[] minus = new long[m];
        for (int k = 0; k < m; k++) {
            plus[k] = counts.get(k)[0];
            minus[k] = counts.get(k)[1];
        }
        long rarer = 0;
        for (int k = 0; k < m; k++) {
            rarer += Math.min(plus[k], minus[k]);
        }
        // the scalar form: one column, the entropy flow of each vector
        double[][] flow = new double[m][1];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < r; j++) {
                flow[k][0] += perQuantum[j] * keys.get(k)[j];
            }
        }
        double[] slopeFull = fit(flow, plus, minus, null, null);
        Estimate slope = null;
        String why = "the closed windows' energy vectors carry no entropy flow";
        if (slopeFull != null) {
            double[] leave = new double[g];
            for (int i = 0; i < g; i++) {
                double[] a = fit(flow, plus, minus, perGroupPlus[i], perGroupMinus[i]);
                leave[i] = a == null ? Double.NaN : a[0];
            }
            slope = Jackknife.of(slopeFull[0], leave);
            why = slope == null ? "the slope is not finite" : null;
            slope = checked(slope, rarer, g);
        }
        double[] full = fit(x, plus, minus, null, null);
        if (full == null) {
            return new ExchangeFluctuation(all.total(), fittedReservoirs, reference, none, slope, m, why,
                    "the closed windows' energy vectors (" + m + " pairs) do not separate the affinities");
        }
        double[][] leave = new double[p][g];
        for (int i = 0; i < g; i++) {
            double[] a = fit(x, plus, minus, perGroupPlus[i], perGroupMinus[i]);
            for (int j = 0; j < p; j++) {
                leave[j][i] = a == null ? Double.NaN : a[j];
            }
        }
        Estimate[] out = new Estimate[p];
        for (int j = 0; j < p; j++) {
            out[j] = checked(Jackknife.of(full[j], leave[j]), rarer, g);
        }
        return new ExchangeFluctuation(all.total(), fittedReservoirs, reference, out, slope, m, why,
                Arrays.stream(out).anyMatch(java.util.Objects::isNull) ? "an affinity is not finite" : null);
    }

    /** As for the detailed theorem: too few reverse windows for a normal leave-one-out law withhold the interval. */
    private static Estimate checked(Estimate e, long rarer, int g) {
        if (e == null || rarer >= DetailedFluctuation.MIN_NEGATIVE_PER_GROUP * g) {
            return e;
        }
        return Estimate.unreliable(e.value(), e.stderr(), g - 1, String.format(Locale.ROOT,
                "%d closed windows on the rarer side of the pairs, fewer than %d per group (%d groups)", rarer,
                DetailedFluctuation.MIN_NEGATIVE_PER_GROUP, g));
    }

    private static boolean firstNonzeroPositive(long[] v) {
        for (long x : v) {
            if (x != 0) {
                return x > 0;
            }
        }
        return false;
    }

    private static long[] negate(long[] v) {
        long[] o = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = -v[i];
        }
        return o;
    }

    /** Weighted least squares through the origin, without group counts where given; null if singular. */
    private static double[] fit(double[][] x, long[] plus, long[] minus, long[] gp, long[] gm) {
        int p = x[0].length;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int k = 0; k < x.length; k++) {
            double np = plus[k] - (gp == null ? 0 : gp[k]) + 0.5;
            double nm = minus[k] - (gm == null ? 0 : gm[k]) + 0.5;
            double w = 1 / (1 / np + 1 / nm);
            double y = Math.log(np / nm);
            for (int i = 0; i < p; i++) {
                b[i] += w * x[k][i] * y;
                for (int j = 0; j < p; j++) {
                    a[i][j] += w * x[k][i] * x[k][j];
                }
            }
        }
        return solve(a, b);
    }

    /** Cholesky solve of the normal equations; null where a pivot is lost to round-off (collinear data). */
    private static double[] solve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 1e-10 * a[i][i])) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] out = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * out[k];
            }
            out[i] = s / l[i][i];
        }
        return out;
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
