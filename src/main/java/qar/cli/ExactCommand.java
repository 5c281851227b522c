package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.report.ExactReport;
import qar.report.Json;

@Parameters(commandNames = "exact", commandDescription =
        "Exact stationary state, currents, noise, cumulants and thermodynamics")
final class ExactCommand implements Command {
    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @Parameter(names = "--order", description = "number of scaled cumulants per reservoir (2 to 16)", order = 20)
    int order = 4;

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        ModelParameters p = model.toParameters();
        if (order < 2 || order > ExactSolver.MAX_ORDER) {
            throw UsageException.of("--order", order, "must be an integer from 2 to " + ExactSolver.MAX_ORDER);
        }
        long t0 = System.nanoTime();
        ExactSolution s = ExactSolver.solve(Refrigerator.process(p), order);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (output.json) {
            out.println(Json.write(ExactReport.json(p, s)));
        } else {
            out.print(ExactReport.table(p, s, seconds));
        }
        return 0;
    }
}
