package qar.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import qar.estimate.Check;
import qar.estimate.DetailedFluctuation;
import qar.estimate.EfficiencyDistribution;
import qar.estimate.EfficiencyHistogram;
import qar.estimate.Estimate;
import qar.estimate.ExchangeFluctuation;
import qar.estimate.FluctuationTally;
import qar.estimate.IntegralFluctuation;
import qar.estimate.WindowRatios;
import qar.estimate.WindowTally;
import qar.exact.EfficiencyRate;
import qar.exact.FiniteTimeCumulants;
import qar.exact.Thermodynamics;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.RecordValues;
import qar.model.Reservoir;
import qar.sample.FluctuationProbe;
import qar.sample.GroupPart;

/**
 * The sampled fluctuation checks of {@code qar sample --ft}: what the windows record (from the exact
 * solution) and, after the campaign, every check per window length against its theoretical value.
 *
 * <p>Per window of length t, s = -sum_r beta_r Q_r + ln rho(x_0) - ln rho(x_t) (model.md), rho the
 * exact stationary populations (a level whose population is below the doubles counts as ln rho =
 * -744.4, the log of the smallest double; no trajectory reaches such a level in practice). Checks:
 * the detailed theorem's slope (1), the integral theorem's &lt;e^-s&gt; (1), the exchange theorem's
 * slope and affinities on closed windows (1, beta_r - beta_ref), the TUR ratio of every reservoir (its exact
 * finite-time value, >= 2) and the COP (I_c / I_w); the efficiency distribution with the exact rate
 * function J(eta) where the process has reservoirs named c and w.
 *
 * <p><b>Entropy bins.</b> Their width h is fixed per window length before sampling, so groups
 * combine: h = min(4 sd, ln W) / 32, sd^2 = Var(flow)(t) + 2 Var_rho(ln rho) (the exact
 * finite-time variance of -sum beta_r Q_r plus the stationary spread of the two boundary terms,
 * their covariance ignored: a scale, not a value), W the windows of the run. Both signs of s are
 * observed only up to |s| ~ ln W (P(-s) = e^-s P(s) leaves no window beyond), and the bulk spans a
 * few sd, so 32 bins cover the range where the theorem can be seen, whatever t.
 */
public final class FluctuationAnalysis implements Analysis {
    /** The CSV files of an output folder: the detailed theorem's points; the efficiency distribution. */
    public static final String FLUCTUATION_THEOREM = "fluctuation_theorem.csv";
    public static final String EFFICIENCY = "efficiency.csv";

    /** What to compute: nothing, the checks, or the checks and the exact efficiency rate function J(eta). */
    public enum Mode {
        OFF, CHECKS, CHECKS_AND_EFFICIENCY_RATE
    }

    /** The thermodynamic uncertainty relation: Var(Q) sigma / <Q>^2 >= 2 at every t from a stationary start. */
    public static final double TUR_BOUND = 2;
    /** Efficiency bins (odd: eta = 0 at a bin's middle). */
    public static final int EFFICIENCY_BINS = 101;
    /** Entropy bins across the range where both signs are observed. */
    static final int BINS_ACROSS = 32;
    /** Log of the smallest double: ln rho of a level whose population underflowed. */
    static final double LOG_UNDERFLOW = Math.log(Double.MIN_VALUE);

    private final JumpProcess process;
    private final ExactJob.Result exact;
    private final FluctuationProbe probe;
    private final double[] perQuantum;
    private final double[] windows;
    private final double sigma;
    private final int cold;
    private final int work;
    private final double carnot;
    private final double cop;
    private final double[] efficiencyRate;
    private final String efficiencyNote;

    private FluctuationAnalysis(JumpProcess process, ExactJob.Result exact, FluctuationProbe probe, double[] perQuantum,
            double[] windows, double sigma, int cold, int work, double carnot, double cop, double[] efficiencyRate,
            String efficiencyNote) {
        this.process = process;
        this.exact = exact;
        this.probe = probe;
        this.perQuantum = perQuantum;
        this.windows = windows;
        this.sigma = sigma;
        this.cold = cold;
        this.work = work;
        this.carnot = carnot;
        this.cop = cop;
        this.efficiencyRate = efficiencyRate;
        this.efficiencyNote = efficiencyNote;
    }

    /**
     * @param exact    the exact side of the run, with one window per length of {@code windows}
     * @param time     the replicas' length
     * @param replicas the number of replicas
     * @param efficiencyRate whether to compute J(eta) at the efficiency bins (a minimisation of lambda per
     *                 bin: about 0.5 s of CPU at N = 31, so only where it is written out)
     * @throws IllegalArgumentException if a reservoir is not thermal (s is then undefined)
     */
    public static FluctuationAnalysis of(JumpProcess process, ExactJob.Result exact, double[] windows, double time,
            long replicas, boolean efficiencyRate) {
        List<Reservoir> rs = process.reservoirs();
        int r = rs.size();
        double unit = process.energyUnit();
        double[] perQuantum = new double[r];
        for (int k = 0; k < r; k++) {
            if (!rs.get(k).thermal()) {
                throw new IllegalArgumentException("the entropy production needs thermal reservoirs; "
                        + rs.get(k).name() + " has no temperature");
            }
            perQuantum[k] = -rs.get(k).beta() * unit;
        }
        double[] pi = exact.solution().populations();
        double[] logPi = new double[pi.length];
        double meanLog = 0;
        for (int a = 0; a < pi.length; a++) {
            logPi[a] = pi[a] > 0 ? Math.min(0.0, Math.log(pi[a])) : LOG_UNDERFLOW;
            meanLog += pi[a] * logPi[a];
        }
        double varLog = 0;
        for (int a = 0; a < pi.length; a++) {
            varLog += pi[a] * (logPi[a] - meanLog) * (logPi[a] - meanLog);
        }
        double[] weight = new double[process.channels().size()];
        for (int k = 0; k < weight.length; k++) {
            Channel ch = process.channels().get(k);
            weight[k] = perQuantum[ch.reservoir()] * ch.energy();
        }
        FiniteTimeCumulants flow = FiniteTimeCumulants.of(process, weight, pi, 2);
        double[] widths = new double[windows.length];
        for (int w = 0; w < windows.length; w++) {
            double var = Math.max(0, flow.at(windows[w])[1]) + 2 * varLog;
            double count = Math.max(2, replicas * Math.floor(time / windows[w]));
            double range = Math.min(4 * Math.sqrt(var), Math.log(count));
            widths[w] = (range > 0 ? range : Math.log(count)) / BINS_ACROSS;
        }
        int cold = Reservoir.indexOf(rs, Reservoir.Role.COLD);
        int hot = Reservoir.indexOf(rs, Reservoir.Role.HOT);
        int work = Reservoir.indexOf(rs, Reservoir.Role.WORK);
        Thermodynamics th = exact.solution().thermodynamics();
        double sigma = th.entropyProduction() == null ? Double.NaN : th.entropyProduction();
        double cop = th.cop() == null ? Double.NaN : th.cop();
        double carnot = Double.NaN;
        if (cold >= 0 && hot >= 0 && work >= 0 && rs.get(cold).beta() > rs.get(hot).beta()) {
            carnot = (rs.get(hot).beta() - rs.get(work).beta()) / (rs.get(cold).beta() - rs.get(hot).beta());
        }
        double[] rate = null;
        String note;
        double scale = Double.isFinite(cop) && cop != 0 ? Math.abs(cop) : 1.0;
        if (cold < 0 || work < 0) {
            cold = -1;
            work = -1;
            note = "no efficiency: the process has no reservoirs named c and w";
        } else if (!Double.isFinite(cop)) {
            note = "J(eta) not computed: the exact COP is undefined";
        } else if (!efficiencyRate) {
            note = "J(eta) not computed (only with --out, for efficiency.csv)";
        } else {
            EfficiencyRate j = EfficiencyRate.of(process, exact.solution(), cold, work);
            EfficiencyHistogram bins = EfficiencyHistogram.of(scale, EFFICIENCY_BINS, carnot);
            // independent minimisations, on every core; results in bin order
            rate = IntStream.range(0, EFFICIENCY_BINS).parallel().mapToDouble(k -> j.rate(bins.middle(k))).toArray();
            note = null;
        }
        FluctuationProbe probe = FluctuationProbe.of(process, pi, windows, logPi, perQuantum, widths, cold, work, scale,
                EFFICIENCY_BINS, carnot);
        return new FluctuationAnalysis(process, exact, probe, perQuantum, windows.clone(), sigma, cold, work, carnot,
                cop, rate, note);
    }

    /** What every window records for the checks; its tallies are this analysis' part of each group. */
    @Override
    public FluctuationProbe probe() {
        return probe;
    }

    /**
     * The checks of one window length.
     *
     * @param length          t
     * @param windows         windows counted
     * @param binWidth        the entropy bins' width
     * @param meanEntropy     sampled &lt;s&gt; (jackknife over groups is not needed: a plain mean; ratio error)
     * @param exactMeanEntropy sigma t
     * @param detailed        the detailed theorem's points and slope
     * @param integral        &lt;e^-s&gt; with its effective sample sizes
     * @param exchange        the affinities from closed windows
     * @param checks          every check with its verdict: DFT slope, IFT, EFT affinities, TUR per reservoir, COP
     * @param efficiency      the efficiency distribution; null without c and w
     * @param efficiencyRate  J(eta) at the middle of each efficiency bin; null where not computed
     */
    public record Window(double length, long windows, double binWidth, Estimate meanEntropy, double exactMeanEntropy,
                         DetailedFluctuation detailed, IntegralFluctuation integral, ExchangeFluctuation exchange,
                         List<Check> checks, EfficiencyDistribution efficiency, double[] efficiencyRate) {
        @Override
        public double[] efficiencyRate() {
            return efficiencyRate == null ? null : efficiencyRate.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Window w && w.length == length && w.windows == windows && w.binWidth == binWidth
                    && w.meanEntropy.equals(meanEntropy) && Double.compare(w.exactMeanEntropy, exactMeanEntropy) == 0
                    && w.detailed.equals(detailed) && w.integral.equals(integral) && w.exchange.equals(exchange)
                    && w.checks.equals(checks) && java.util.Objects.equals(w.efficiency, efficiency)
                    && java.util.Arrays.equals(w.efficiencyRate, efficiencyRate);
        }

        @Override
        public int hashCode() {
            return checks.hashCode();
        }

        @Override
        public String toString() {
            return RecordValues.text(this);
        }
    }

    /**
     * @param windows        per window length, in the order of the run
     * @param reservoirs     names, in process order
     * @param carnot         (beta_h - beta_w) / (beta_c - beta_h), NaN without c, h, w or beta_c > beta_h
     * @param cop            exact I_c / I_w, NaN where undefined
     * @param efficiencyNote why there is no efficiency distribution or J(eta); null where both are there
     */
    public record Result(List<Window> windows, List<String> reservoirs, double carnot, double cop,
                         String efficiencyNote) implements Analysis.Result {
        @Override
        public String table() {
            return FluctuationOutput.table(this);
        }

        @Override
        public void json(ObjectNode root) {
            FluctuationOutput.json(root, this);
        }

        @Override
        public Map<String, String> files() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(FLUCTUATION_THEOREM, FluctuationOutput.theoremCsv(this));
            String eff = FluctuationOutput.efficiencyCsv(this);
            if (eff != null) {
                m.put(EFFICIENCY, eff);
            }
            return m;
        }
    }

    @Override
    public Result result(List<GroupPart> groups) {
        return estimate(groups);
    }

    /** Every check of the campaign's windows, from this analysis' part of every group, in group order. */
    public Result estimate(List<GroupPart> parts) {
        List<FluctuationProbe.Tally> groups = parts.stream().map(p -> (FluctuationProbe.Tally) p).toList();
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        List<Window> out = new ArrayList<>();
        for (int w = 0; w < windows.length; w++) {
            final int index = w;
            List<FluctuationTally> f = groups.stream().map(g -> g.fluctuation(index)).toList();
            List<WindowTally> win = groups.stream().map(g -> g.window(index)).toList();
            out.add(window(windows[w], exact.windows().get(w), f, win, names));
        }
        return new Result(List.copyOf(out), names, carnot, cop, efficiencyNote);
    }

    private Window window(double t, ExactJob.Window ex, List<FluctuationTally> f, List<WindowTally> win,
            List<String> names) {
        int g = f.size();
        long n = f.stream().mapToLong(FluctuationTally::windows).sum();
        long[] counts = f.stream().mapToLong(FluctuationTally::windows).toArray();
        double sum = f.stream().mapToDouble(FluctuationTally::entropySum).sum();
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < g; i++) {
            double rr = f.get(i).entropySum() - mean * counts[i];
            ss += rr * rr;
        }
        double nbar = (double) n / g;
        double err = Math.sqrt(ss / (nbar * nbar * g * (g - 1.0)));
        double tq = org.apache.commons.statistics.distribution.TDistribution.of(g - 1).inverseCumulativeProbability(0.975);
        Estimate meanEntropy = Estimate.of(mean, err, g - 1, mean - tq * err, mean + tq * err);

        DetailedFluctuation detailed = DetailedFluctuation.of(f.stream().map(FluctuationTally::entropy).toList());
        IntegralFluctuation integral = IntegralFluctuation.of(f.stream().map(FluctuationTally::integral).toList());
        ExchangeFluctuation exchange = ExchangeFluctuation.of(f.stream().map(FluctuationTally::closed).toList(),
                process.energyUnit(), process.conservesEnergy(), perQuantum);
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of(Check.Kind.DFT_SLOPE, detailed.slope(), 1.0, detailed.reason()));
        checks.add(Check.of(Check.Kind.IFT_MEAN, integral.mean(), 1.0, null));
        checks.add(Check.of(Check.Kind.EFT_SLOPE, exchange.slope(), 1.0, exchange.reason()));
        List<Reservoir> rs = process.reservoirs();
        int[] fitted = exchange.reservoirs();
        Estimate[] aff = exchange.affinities();
        for (int j = 0; j < fitted.length; j++) {
            int r = fitted[j];
            int ref = exchange.reference();
            double theory = rs.get(r).beta() - (ref >= 0 ? rs.get(ref).beta() : 0.0);
            String affinity = "beta_" + names.get(r) + (ref >= 0 ? " - beta_" + names.get(ref) : "");
            checks.add(Check.of(Check.Kind.EFT_AFFINITY, affinity, aff[j], theory, exchange.affinityReason()));
        }
        for (int r = 0; r < rs.size(); r++) {
            double[] c = ex.cumulants().get(r);
            double theory = c[1] * sigma * t / (c[0] * c[0]);
            // the interval is printed where the current's mean and the variance are near normal
            double[] rates = exact.solution().reservoirs().get(r).cumulants();
            double dm = WindowRatios.meanError(rates, n, t);
            double dv = WindowRatios.varianceError(c, n);
            Estimate e = WindowRatios.gated(WindowRatios.tur(win, f, r), Math.max(dm, dv),
                    dm >= dv ? "the mean current of " + names.get(r) : "the variance of " + names.get(r));
            String why = e == null ? "no net current of " + names.get(r)
                    : !Double.isFinite(theory) ? "the exact finite-time ratio is undefined" : null;
            if (why == null) {
                // the bound itself: below 2 by more than Z_LIMIT errors is a violation of the TUR
                double z2 = e.z(TUR_BOUND);
                why = String.format(java.util.Locale.ROOT, "bound %.0f %s (z %+.2f)", TUR_BOUND,
                        z2 > -Check.Z_LIMIT ? "respected" : "violated", z2);
            }
            checks.add(Check.of(Check.Kind.TUR, names.get(r), e, theory, why));
        }
        if (cold >= 0) {
            double dc = WindowRatios.meanError(exact.solution().reservoirs().get(cold).cumulants(), n, t);
            double dw = WindowRatios.meanError(exact.solution().reservoirs().get(work).cumulants(), n, t);
            Estimate e = WindowRatios.gated(WindowRatios.cop(win, cold, work), Math.max(dc, dw),
                    "the mean current of " + names.get(dc >= dw ? cold : work));
            checks.add(Check.of(Check.Kind.COP, e, cop, e == null ? "no net work current" : null));
        }
        EfficiencyDistribution eff = cold < 0 ? null
                : EfficiencyDistribution.of(f.stream().map(FluctuationTally::efficiency).toList());
        return new Window(t, n, f.get(0).entropy().width(), meanEntropy, sigma * t, detailed, integral, exchange,
                List.copyOf(checks), eff, efficiencyRate == null ? null : efficiencyRate.clone());
    }
}
