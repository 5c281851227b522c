package qar.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.exact.GeneratingFunction;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * Stationary state, currents, noises and 4 cumulants of all three reservoirs (the 50 ms
 * target is for N = 20001), and one CGF evaluation.
 * Run: {@code mvn -Pbench test-compile exec:exec -Dbench.args="ExactSolverBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExactSolverBenchmark {
    @Param({"31", "2001", "20001"})
    public int n;

    private JumpProcess process;
    private GeneratingFunction cgf;

    @Setup
    public void setUp() {
        process = Refrigerator.process(ModelParameters.defaults().withN(n));
        cgf = GeneratingFunction.of(process);
    }

    @Benchmark
    public ExactSolution solveOrder4() {
        return ExactSolver.solve(process, 4);
    }

    @Benchmark
    public JumpProcess buildModel() {
        return Refrigerator.process(ModelParameters.defaults().withN(n));
    }

    @Benchmark
    public double cgfAtHalfBeta() {
        return cgf.lambda(1.0, 0.5, 5e-4);
    }
}
