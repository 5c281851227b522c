package qar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import qar.exact.ExactSolver;
import qar.exact.WaitingTimes;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.Campaign;
import qar.sample.FluctuationProbe;
import qar.sample.Probe;
import qar.sample.Recording;
import qar.sample.Watch;

/**
 * The cost of the analyses on the sampler, one thread, N = 31 defaults: a campaign of 64
 * replicas of length 100 (about 3.5 million jumps) with energies only, with windows, with the
 * waiting times of the cold reservoir, with windows of two lengths and the waiting times of the
 * rare reservoirs c and h ("rare"), with all of them and the waiting times of w too ("observers":
 * then 99.5 % of all jumps are recorded into a histogram), with the waiting times of every jump, and
 * with windows of 1 and 10 and their fluctuation tallies ("windows-ft", {@code qar sample --ft}).
 * Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="RecordingBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordingBenchmark {
    @Param({"energies", "windows", "windows-ft", "wtd-c", "rare", "observers", "wtd-all"})
    public String recording;

    private Campaign campaign;
    private long seed;

    @Setup
    public void setUp() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults());
        double[] pi = ExactSolver.of(p).stationaryState();
        List<Recording.WatchRange> watches = new ArrayList<>();
        double[] windows = new double[0];
        List<Probe> probes = new ArrayList<>();
        switch (recording) {
            case "windows" -> windows = new double[] {1, 10};
            case "windows-ft" -> {
                windows = new double[] {1, 10};
                double[] logPi = new double[pi.length];
                for (int a = 0; a < pi.length; a++) {
                    logPi[a] = Math.log(pi[a]);
                }
                double[] perQuantum = new double[3];
                for (int r = 0; r < 3; r++) {
                    perQuantum[r] = -p.reservoirs().get(r).beta() * p.energyUnit();
                }
                // the bin widths and efficiency scale qar sample --ft picks at the defaults
                probes.add(FluctuationProbe.of(p, pi, windows, logPi, perQuantum, new double[] {0.211, 0.358},
                        Refrigerator.COLD, Refrigerator.WORK, 0.3673, 101, 0.999));
            }
            case "wtd-c" -> watches.add(range(p, "c", WaitingTimes.reservoir(p, 0)));
            case "rare" -> {
                windows = new double[] {1, 10};
                watches.add(range(p, "c", WaitingTimes.reservoir(p, 0)));
                watches.add(range(p, "h", WaitingTimes.reservoir(p, 1)));
            }
            case "observers" -> {
                windows = new double[] {1, 10};
                for (int r = 0; r < 3; r++) {
                    watches.add(range(p, Refrigerator.NAMES.get(r), WaitingTimes.reservoir(p, r)));
                }
            }
            case "wtd-all" -> watches.add(range(p, "all", WaitingTimes.allJumps(p)));
            default -> {
            }
        }
        campaign = Campaign.of(p, pi, 100, 64, new Recording(watches, windows, probes));
    }

    private static Recording.WatchRange range(JumpProcess p, String label, boolean[] mask) {
        double[] tau = WaitingTimes.of(p, mask).grid(200).tau();
        return new Recording.WatchRange(new Watch(label, mask), tau[1], tau[tau.length - 1]);
    }

    @Benchmark
    public void campaign(GillespieBenchmark.Jumps counter) throws InterruptedException {
        counter.jumps += campaign.run(
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed++), 1, null, null)
                .jumps();
    }
}
