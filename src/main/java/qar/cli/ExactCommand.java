package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qar.exact.ExactSolver;
import qar.exact.FluctuationChecks;
import qar.exact.RateFunction;
import qar.job.DistributionCsv;
import qar.job.ExactJob;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.Reservoir;
import qar.report.ExactReport;
import qar.report.FiniteTimeReport;
import qar.report.FluctuationReport;
import qar.report.Json;

@Parameters(commandNames = "exact", commandDescription =
        "Exact stationary state, currents, noise, cumulants and thermodynamics; waiting times, P(n, t),"
                + " finite-time cumulants and rate functions")
final class ExactCommand implements Command {
    /** Doubling grid of finite_time_cumulants.csv: t = 2^-6 .. 2^20. */
    private static final double GRID_T0 = 0x1p-6;
    private static final int GRID_COUNT = 27;

    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @Parameter(names = "--order", description = "number of scaled cumulants per reservoir (2 to 16)", order = 20)
    IntegerArg order = IntegerArg.of(4);

    @ParametersDelegate
    FiniteTimeOptions finite = new FiniteTimeOptions();

    @Parameter(names = "--start", description = "level the windows start from (1/2, 3/2, ... or a level of"
            + " --process; default: the stationary state)", order = 43)
    String start;

    @Parameter(names = "--rate-function", description = "reservoir whose current's rate function I(j) is wanted"
            + " (c, h, w, or a reservoir of --process); repeat for several", order = 44,
            splitter = FiniteTimeOptions.Unsplit.class)
    List<String> rateFunctions = new ArrayList<>();

    @Parameter(names = "--ft", description = "exact fluctuation theorems: Gallavotti-Cohen lambda(s) = lambda(beta - s)"
            + " on a grid of counting fields, and the finite-time TUR at every --window (from the stationary state)",
            order = 44)
    boolean ft;

    @Parameter(names = "--out", description = "directory for summary.json and the CSV tables", order = 45)
    String out;

    @ParametersDelegate
    OutputOptions output = new OutputOptions();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException {
        ModelSpec p = model.spec();
        if (order.value() < 2 || order.value() > ExactSolver.MAX_ORDER) {
            throw UsageException.of("--order", order, "must be an integer from 2 to " + ExactSolver.MAX_ORDER);
        }
        if (p instanceof ModelParameters mp) {
            SizeCheck.exact(mp, (int) order.value());
        }
        JumpProcess process = model.process(p);
        // before any feature is built: waiting times and windows are dense in the levels
        SizeCheck.features(SizeCheck.shown(p, model), process.dimension(),
                finite.wtd.isEmpty() ? null : "--wtd", finite.windows.isEmpty() ? null : "--window",
                rateFunctions.isEmpty() ? null : "--rate-function", ft ? "--ft" : null);
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        var watches = finite.watches(p, process);
        double[] windows = finite.windows(null, process);
        int level = start == null ? -1 : Levels.level("--start", start, p, process.dimension());
        if (start != null && windows.length == 0) {
            throw UsageException.of("--start", start, "needs at least one --window");
        }
        int[] rates = new int[rateFunctions.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = names.indexOf(rateFunctions.get(i));
            if (rates[i] < 0) {
                throw UsageException.of("--rate-function", UsageException.shown(rateFunctions.get(i)), "must be one of " + names);
            }
            if (process.largestQuanta()[rates[i]] == 0) {
                throw UsageException.of("--rate-function", UsageException.shown(rateFunctions.get(i)),
                        "names a reservoir that exchanges no energy with these parameters");
            }
            try {
                RateFunction.of(process, rates[i]);
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--rate-function", UsageException.shown(rateFunctions.get(i)), e.getMessage());
            }
        }
        Path outDir = out == null ? null : Path.of(out);
        // the output folder is prepared (and checked) before any work
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            run(p, process, new ExactJob.Request((int) order.value(), watches, finite.wtdPoints(), windows, level, rates),
                    level, set, stdout);
        }
        return 0;
    }

    private void run(ModelSpec p, JumpProcess process, ExactJob.Request request, int level, OutputSet set,
            PrintStream stdout) throws IOException {
        List<String> names = process.reservoirs().stream().map(Reservoir::name).toList();
        ExactJob.Result r = ExactJob.run(process, request);
        FluctuationChecks fc = ft ? ExactJob.fluctuations(process, r, request) : null;
        String startName = level < 0 ? "stationary" : p.levelName(level);
        Map<String, String> files = new LinkedHashMap<>();
        if (set != null) {
            if (!r.waitingTimes().isEmpty()) {
                files.put(DistributionCsv.WAITING_TIMES, DistributionCsv.waitingTimes(r));
            }
            if (!r.windows().isEmpty()) {
                files.put(DistributionCsv.COUNTING, DistributionCsv.counting(r, names, null));
                files.put(DistributionCsv.LARGE_DEVIATIONS,
                        DistributionCsv.largeDeviations(r, names, process.energyUnit(), null));
                files.put(DistributionCsv.FINITE_TIME_CUMULANTS,
                        DistributionCsv.finiteTimeCumulants(r, names, GRID_T0, GRID_COUNT));
            }
            if (!r.rateFunctions().isEmpty()) {
                files.put(DistributionCsv.RATE_FUNCTION, DistributionCsv.rateFunctions(r.rateFunctions()));
            }
            if (fc != null) {
                files.put(FluctuationReport.GALLAVOTTI_COHEN, FluctuationReport.gallavottiCohenCsv(fc.gallavottiCohen()));
            }
        }
        ObjectNode json = ExactReport.json(p, r.solution());
        FiniteTimeReport.exactJson(json, r, names, startName);
        if (fc != null) {
            FluctuationReport.exactJson(json, fc);
        }
        if (set != null) {
            json.set("files", Json.MAPPER.valueToTree(List.copyOf(files.keySet())));
            json.put("outputSet", set.id());
        }
        String summary = Json.write(json);
        // the results reach stdout first, so a failed write below loses nothing
        if (output.json) {
            stdout.println(summary);
        } else {
            stdout.print(ExactReport.table(p, r.solution(), r.seconds()));
            stdout.print(FiniteTimeReport.exactTable(r, names, startName));
            if (fc != null) {
                stdout.print(FluctuationReport.exactTable(fc));
            }
        }
        stdout.flush();
        if (set != null) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                set.write(f.getKey(), w -> w.write(f.getValue()));
            }
            set.write(OutputSet.SUMMARY, w -> {
                w.write(summary);
                w.newLine();
            });
            List<String> written = new ArrayList<>(files.keySet());
            written.add(OutputSet.SUMMARY);
            set.publish(written);
            if (!output.json) {
                stdout.printf("  wrote %s%n", set.shown(OutputSet.SUMMARY));
                files.keySet().forEach(f -> stdout.printf("  wrote %s%n", set.shown(f)));
            }
        }
    }
}
