package qar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import qar.estimate.Check;
import qar.job.FluctuationAnalysis;
import qar.job.SampleJob;
import qar.model.Channel;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * The power of {@code qar sample --ft}: the refrigerator at the defaults but N, with the rate of the
 * cold reservoir's 1/2 -> 3/2 jump (the cycle's first step) multiplied by a factor f, so that local
 * detailed balance is off by ln f on that pair; then the checks at the run's settings, one line per
 * window length and f: the DFT slope, the EFT slope and the IFT with their z and verdicts.
 *
 * <p>Usage: {@code mvn -o -Pbench test-compile exec:exec -Dbench.main=qar.bench.FluctuationPower
 * -Dbench.args="N T R seeds f1,f2,... windows"}, e.g. {@code "31 1000 2560 1,2,3 1,1.05,1.1,1.2 1,10"}.
 */
public final class FluctuationPower {
    private FluctuationPower() {
    }

    /** The refrigerator with the c rate 1/2 -> 3/2 times {@code factor}. */
    static JumpProcess violated(ModelParameters m, double factor) {
        JumpProcess p = Refrigerator.process(m);
        List<Channel> out = new ArrayList<>();
        for (Channel ch : p.channels()) {
            boolean target = ch.reservoir() == Refrigerator.COLD && ch.from() == 0 && ch.to() == 1;
            out.add(target ? new Channel(0, 1, ch.reservoir(), ch.rate() * factor, ch.energy()) : ch);
        }
        return JumpProcess.of(p.dimension(), p.energyUnit(), p.reservoirs(), out);
    }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        double time = Double.parseDouble(args[1]);
        long replicas = Long.parseLong(args[2]);
        long[] seeds = java.util.Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        double[] factors = java.util.Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] windows = java.util.Arrays.stream(args[5].split(",")).mapToDouble(Double::parseDouble).toArray();
        int threads = Runtime.getRuntime().availableProcessors();
        ModelParameters m = ModelParameters.defaults().withN(n);
        System.out.printf(Locale.ROOT, "# N %d, T %s, R %d, windows %s; c rate 1/2 -> 3/2 times f%n", n, time, replicas,
                args[5]);
        System.out.println("f,seed,t,dft_slope,dft_se,dft_z,dft_verdict,eft_slope,eft_se,eft_z,eft_verdict,ift,ift_z,"
                + "ift_verdict");
        for (double f : factors) {
            JumpProcess p = violated(m, f);
            for (long seed : seeds) {
                SampleJob job = SampleJob.of(p, time, replicas, List.of(), 60, windows, FluctuationAnalysis.Mode.CHECKS);
                SampleJob.Result r = job.run(
                        (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed), threads, null,
                        null);
                for (FluctuationAnalysis.Window w : r.analysis(FluctuationAnalysis.Result.class).windows()) {
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%s", f, seed, w.length()));
                    for (String name : List.of("DFT slope", "EFT slope")) {
                        Check c = w.checks().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                        sb.append(c.measured() == null ? ",,," : String.format(Locale.ROOT, ",%.5f,%.5f,%.2f",
                                c.measured().value(), c.measured().stderr(), c.z()));
                        sb.append(',').append(c.verdict().label());
                    }
                    Check ift = w.checks().get(1);
                    sb.append(String.format(Locale.ROOT, ",%.5f,%.2f,%s", ift.measured().value(), ift.z(),
                            ift.verdict().label()));
                    System.out.println(sb);
                }
            }
        }
    }
}
