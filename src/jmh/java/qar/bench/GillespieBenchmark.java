package qar.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.EnergyTally;
import qar.sample.GillespieEngine;

/**
 * Jumps per second of the Gillespie engine with the energy tally, at the defaults (N = 31) and
 * larger N. The "jumps" counter is the throughput; with {@code -t 2} JMH sums both threads.
 * Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="GillespieBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GillespieBenchmark {
    @Param({"31", "301"})
    public int n;

    private GillespieEngine engine;
    private EnergyTally tally;
    private UniformRandomProvider rng;
    private double duration;

    /** Jump counter reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Jumps {
        public long jumps;

        @Setup(Level.Iteration)
        public void clear() {
            jumps = 0;
        }
    }

    @Setup
    public void setUp() {
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
        engine = GillespieEngine.of(p);
        tally = EnergyTally.of(p);
        rng = RandomSource.XO_SHI_RO_256_PP.create(Thread.currentThread().getId());
        // about 50,000 jumps per trajectory, whatever N
        duration = 50_000.0 / jumpRate(p);
    }

    private static double jumpRate(JumpProcess p) {
        double[] pi = ExactSolver.solve(p, 2).populations();
        double[] escape = p.escapeRates();
        double r = 0;
        for (int b = 0; b < pi.length; b++) {
            r += pi[b] * escape[b];
        }
        return r;
    }

    @Benchmark
    public void trajectory(Jumps counter) {
        counter.jumps += engine.run(rng, 0, duration, tally);
    }
}
