package qar.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import qar.estimate.Check;
import qar.estimate.GoodnessOfFit;
import qar.estimate.WindowEstimate;
import qar.job.ChainCoverage;
import qar.job.FluctuationAnalysis;
import qar.job.SampleJob;
import qar.job.WindowAnalysis;
import qar.model.Bath;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.EngineChoice;

/**
 * The interval campaigns of issue 15 over seeds 1 .. M, each run as {@code qar sample --seed s}:
 * <ul>
 * <li>{@code cumulants MODEL T R M}: printed and covering kappa_n intervals, and the old rule's
 *     (effective exchanges only); MODEL is {@code bursty} ({@link ChainCoverage#bursty}, on = 0.05)
 *     or {@code N<n>} (the refrigerator, defaults but N) or {@code slow<n>} (the refrigerator at the
 *     gof setting below);</li>
 * <li>{@code ratios N T R t M}: printed and covering TUR and COP intervals of window t;</li>
 * <li>{@code gof N T R t M}: the P(n, t) chi-square p-values at beta_c 3, beta_h 0.5, gamma_w 3,
 *     delta_w 0.01 (issue 15's setting), their deciles and a Kolmogorov-Smirnov test against the
 *     uniform law per reservoir.</li>
 * </ul>
 * Usage: {@code mvn -o -Pbench test-compile exec:exec -Dbench.main=qar.bench.IntervalCampaign
 * -Dbench.args="cumulants bursty 100 256 200"}.
 */
public final class IntervalCampaign {
    private IntervalCampaign() {
    }

    public static void main(String[] a) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        switch (a[0]) {
            case "cumulants" -> cumulants(a[1], Double.parseDouble(a[2]), Long.parseLong(a[3]), Integer.parseInt(a[4]),
                    threads);
            case "ratios" -> ratios(Integer.parseInt(a[1]), Double.parseDouble(a[2]), Long.parseLong(a[3]),
                    Double.parseDouble(a[4]), Integer.parseInt(a[5]), threads);
            case "gof" -> gof(Integer.parseInt(a[1]), Double.parseDouble(a[2]), Long.parseLong(a[3]),
                    Double.parseDouble(a[4]), Integer.parseInt(a[5]), threads);
            default -> throw new IllegalArgumentException("campaign: cumulants, ratios or gof, not " + a[0]);
        }
        System.out.printf(Locale.ROOT, "%s: %.1f s%n", String.join(" ", a), (System.nanoTime() - t0) * 1e-9);
    }

    private static void cumulants(String model, double time, long replicas, int runs, int threads)
            throws InterruptedException {
        JumpProcess p = model.equals("bursty") ? ChainCoverage.bursty(0.05)
                : model.startsWith("slow") ? Refrigerator.process(slow(Integer.parseInt(model.substring(4))))
                : Refrigerator.process(ModelParameters.defaults().withN(Integer.parseInt(model.substring(1))));
        ChainCoverage.Counts c = ChainCoverage.cumulants(p, time, replicas, runs, 1, EngineChoice.AUTO, threads);
        System.out.printf(Locale.ROOT, "cumulants %s T %s R %d, %d seeds: covered / printed (old rule: covered /"
                + " printed); central 95 %% band of Binomial(m, 0.95)%n", model, time, replicas, runs);
        for (int r = 0; r < c.printed().length; r++) {
            for (int n = 0; n < 4; n++) {
                System.out.printf(Locale.ROOT, "  %s kappa_%d  %4d / %4d %s   (old %4d / %4d %s)%n",
                        p.reservoirs().get(r).name(), n + 1, c.covered()[r][n], c.printed()[r][n],
                        band(c.printed()[r][n]), c.oldCovered()[r][n], c.oldPrinted()[r][n],
                        band(c.oldPrinted()[r][n]));
            }
        }
    }

    private static void ratios(int n, double time, long replicas, double window, int runs, int threads)
            throws InterruptedException {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
        SampleJob job = SampleJob.of(p, time, replicas, List.of(), 2, new double[] {window},
                FluctuationAnalysis.Mode.CHECKS, EngineChoice.AUTO);
        Map<String, int[]> count = new TreeMap<>();
        for (int s = 1; s <= runs; s++) {
            for (Check c : job.run(master(s), threads, null, null).analysis(FluctuationAnalysis.Result.class).windows().get(0).checks()) {
                if (c.name().startsWith("TUR") || c.name().equals("COP")) {
                    int[] k = count.computeIfAbsent(c.name(), x -> new int[2]);
                    if (c.measured() != null && c.measured().reliable()) {
                        k[0]++;
                        k[1] += c.measured().ciLow() <= c.theory() && c.theory() <= c.measured().ciHigh() ? 1 : 0;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "ratios N %d T %s R %d t %s, %d seeds: covered / printed%n", n, time,
                replicas, window, runs);
        count.forEach((name, k) -> System.out.printf(Locale.ROOT, "  %-6s %4d / %4d %s%n", name, k[1], k[0],
                band(k[0])));
    }

    private static void gof(int n, double time, long replicas, double window, int runs, int threads)
            throws InterruptedException {
        JumpProcess p = Refrigerator.process(slow(n));
        SampleJob job = SampleJob.of(p, time, replicas, List.of(), 2, new double[] {window});
        int k = p.reservoirs().size();
        List<List<Double>> pv = new ArrayList<>();
        List<List<Double>> deff = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            pv.add(new ArrayList<>());
            deff.add(new ArrayList<>());
        }
        for (int s = 1; s <= runs; s++) {
            List<WindowEstimate> w = job.run(master(s), threads, null, null).analysis(WindowAnalysis.Result.class).estimates().get(0);
            for (int r = 0; r < k; r++) {
                GoodnessOfFit t = w.get(r).test();
                if (t != null) {
                    pv.get(r).add(t.pValue());
                    deff.get(r).add(t.designEffect());
                }
            }
        }
        System.out.printf(Locale.ROOT, "gof N %d T %s R %d t %s (beta_c 3, beta_h 0.5, gamma_w 3, delta_w 0.01),"
                + " %d seeds%n", n, time, replicas, window, runs);
        for (int r = 0; r < k; r++) {
            double[] x = pv.get(r).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] e = deff.get(r).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (x.length == 0) {
                continue;
            }
            double ks = KolmogorovSmirnovTest.withDefaults().test(x, v -> Math.min(1, Math.max(0, v))).getPValue();
            System.out.printf(Locale.ROOT, "  %s: %d tests, design effect median %.2f, p-value deciles %s,"
                    + " p >= 0.99 in %d, p < 0.01 in %d; Kolmogorov-Smirnov p = %.3g%n", p.reservoirs().get(r).name(),
                    x.length, e[e.length / 2], deciles(x), Arrays.stream(x).filter(v -> v >= 0.99).count(),
                    Arrays.stream(x).filter(v -> v < 0.01).count(), ks);
        }
    }

    /** The refrigerator at issue 15's slow-mode setting: beta_c 3, beta_h 0.5, gamma_w 3, delta_w 0.01. */
    private static ModelParameters slow(int n) {
        ModelParameters d = ModelParameters.defaults().withN(n);
        return d.withBaths(new Bath(3, d.cold().eps(), d.cold().delta(), d.cold().gamma()),
                new Bath(0.5, d.hot().eps(), d.hot().delta(), d.hot().gamma()),
                new Bath(d.work().beta(), d.work().eps(), 0.01, 3));
    }

    private static String deciles(double[] sorted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            sb.append(String.format(Locale.ROOT, "%s%.2f", i > 1 ? " " : "", sorted[(int) ((sorted.length - 1) * i / 10.0)]));
        }
        return sb.toString();
    }

    private static LongJumpableUniformRandomProvider master(long seed) {
        return (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** Central 95 % band of Binomial(m, 0.95). */
    private static String band(int m) {
        if (m == 0) {
            return "[-]";
        }
        BinomialDistribution b = BinomialDistribution.of(m, 0.95);
        return "[" + b.inverseCumulativeProbability(0.025) + ", " + b.inverseSurvivalProbability(0.025) + "]";
    }
}
