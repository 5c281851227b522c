package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qar.exact.Relaxation;
import qar.job.RelaxJob;
import qar.model.Bath;
import qar.model.InvalidParameterException;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.SingleBath;
import qar.model.Spectral;
import qar.report.Json;
import qar.report.RelaxReport;

/** {@code qar relax}: App. C's thermalisation of the working fluid by one reservoir, for a list of N. */
@Parameters(commandDescription = "relaxation to one reservoir (App. C, Fig. 7): S(rho(t) || rho_beta_f) and t_th for a list of N")
final class RelaxCommand implements Command {
    /** Largest work accepted: mu t_max times the channels, summed over the sizes (about a minute on one core). */
    static final double MAX_WORK = 2e10;
    private static final Pattern RANGE = Pattern.compile("([^:]+):([^:]+)(?::([^:]+))?");

    @Parameter(names = "--N", description = "sizes: N (repeat the option) or a range a:b or a:b:step; each >= 2,"
            + " odd or even (default 2:20)", order = 1, splitter = FiniteTimeOptions.Unsplit.class)
    List<String> ns = new ArrayList<>();

    @Parameter(names = "--omega", description = "energy scale Omega of H = Omega Jz^2", order = 2)
    DecimalArg omega = DecimalArg.of(1);

    @Parameter(names = "--beta-i", description = "inverse temperature of the initial thermal state (Fig. 7: 1)", order = 3)
    DecimalArg betaI = DecimalArg.of(1);

    @Parameter(names = "--beta-f", description = "inverse temperature of the reservoir (Fig. 7: 4)", order = 4)
    DecimalArg betaF = DecimalArg.of(4);

    @Parameter(names = "--spectral", description = "spectral density: ohmic (App. C) or lorentzian (eq. (5))", order = 5)
    String spectral = Spectral.Shape.OHMIC.label();

    @Parameter(names = "--cutoff", description = "cutoff w_c of the ohmic density (Fig. 7: 100)", order = 6)
    DecimalArg cutoff = DecimalArg.of(Spectral.FIG7_CUTOFF);

    @Parameter(names = "--gamma", description = "height Gbar of the spectral density (Fig. 7: 1)", order = 7)
    DecimalArg gamma = DecimalArg.of(1);

    @Parameter(names = "--eps", description = "peak of the lorentzian density", order = 8)
    DecimalArg eps = DecimalArg.of(1);

    @Parameter(names = "--delta", description = "width of the lorentzian density", order = 9)
    DecimalArg delta = DecimalArg.of(0.1);

    @Parameter(names = "--t-min", description = "first time of the log grid", order = 10)
    DecimalArg tMin = DecimalArg.of(1e-4);

    @Parameter(names = "--t-max", description = "last time of the log grid (t_th is searched up to it)", order = 11)
    DecimalArg tMax = DecimalArg.of(100);

    @Parameter(names = "--points", description = "points of the log time grid, >= 2", order = 12)
    IntegerArg points = IntegerArg.of(121);

    @Parameter(names = "--threshold", description = "S at which the fluid counts as thermalised (App. C: 1e-6)", order = 13)
    DecimalArg threshold = DecimalArg.of(1e-6);

    @Parameter(names = "--out", description = "directory for summary.json, relax.csv and thermalisation.csv", order = 45)
    String out;

    @com.beust.jcommander.ParametersDelegate
    OutputOptions output = new OutputOptions();

    @Override
    public boolean help() {
        return output.help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException {
        List<Integer> sizes = sizes();
        positive("--omega", omega);
        positive("--beta-i", betaI);
        positive("--beta-f", betaF);
        positive("--gamma", gamma);
        positive("--threshold", threshold);
        positive("--t-min", tMin);
        positive("--t-max", tMax);
        if (!(tMax.value() > tMin.value())) {
            throw UsageException.of("--t-max", tMax, "must be > --t-min = " + tMin);
        }
        if (points.value() < 2 || points.value() > 100_000) {
            throw UsageException.of("--points", points, "must be an integer from 2 to 100000");
        }
        Spectral density = spectral();
        Bath bath;
        if (density.shape() == Spectral.Shape.OHMIC) {
            bath = new Bath(betaF.value(), 1, 1, gamma.value(), density);
        } else {
            positive("--eps", eps);
            positive("--delta", delta);
            bath = new Bath(betaF.value(), eps.value(), delta.value(), gamma.value());
        }
        double work = 0;
        for (int n : sizes) {
            JumpProcess p;
            try {
                p = SingleBath.process(n, omega.value(), bath);
            } catch (InvalidParameterException e) {
                throw UsageException.of("--N", n, e.allowed());
            }
            work += Relaxation.of(p, SingleBath.thermal(n, omega.value(), betaF.value()),
                    SingleBath.logThermal(n, omega.value(), betaF.value())).uniformizationRate() * tMax.value()
                    * p.channels().size();
        }
        if (work > MAX_WORK) {
            throw new UsageException(String.format(Locale.ROOT, "--t-max = %s: the propagation would take about %.1e"
                    + " steps times channels (largest escape rate times t_max, summed over N), above %.0e;"
                    + " lower --t-max or the largest N", tMax, work, MAX_WORK));
        }
        double[] times = new double[(int) points.value()];
        // t_max / t_min can overflow (--t-min 1e-320): then the span and the points come from the logs
        double span = tMax.value() / tMin.value();
        double ratio = (Double.isFinite(span) ? Math.log(span) : Math.log(tMax.value()) - Math.log(tMin.value()))
                / (times.length - 1);
        for (int k = 0; k < times.length; k++) {
            double t = tMin.value() * Math.exp(k * ratio);
            times[k] = k == times.length - 1 ? tMax.value() : Double.isFinite(t) ? t
                    : Math.min(tMax.value(), Math.exp(Math.log(tMin.value()) + k * ratio));
        }
        Path outDir = out == null ? null : Path.of(out);
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            RelaxJob.Result r = RelaxJob.run(new RelaxJob.Request(sizes, omega.value(), bath, betaI.value(), times,
                    threshold.value()));
            ObjectNode json = RelaxReport.json(r);
            if (set != null) {
                json.set("files", Json.MAPPER.valueToTree(List.of(RelaxReport.RELAX, RelaxReport.THERMALISATION)));
                json.put("outputSet", set.id());
            }
            String summary = Json.write(json);
            stdout.print(output.json ? summary + System.lineSeparator() : RelaxReport.table(r));
            stdout.flush();
            if (set != null) {
                set.write(RelaxReport.RELAX, w -> w.write(RelaxReport.relaxCsv(r)));
                set.write(RelaxReport.THERMALISATION, w -> w.write(RelaxReport.thermalisationCsv(r)));
                set.write(OutputSet.SUMMARY, w -> {
                    w.write(summary);
                    w.newLine();
                });
                set.publish(List.of(RelaxReport.RELAX, RelaxReport.THERMALISATION, OutputSet.SUMMARY));
                if (!output.json) {
                    for (String f : List.of(OutputSet.SUMMARY, RelaxReport.RELAX, RelaxReport.THERMALISATION)) {
                        stdout.printf("  wrote %s%n", set.shown(f));
                    }
                }
            }
        }
        return 0;
    }

    private static void positive(String option, DecimalArg v) {
        if (!Double.isFinite(v.value()) || v.value() <= 0) {
            throw UsageException.of(option, v, "must be finite and > 0");
        }
    }

    private Spectral spectral() {
        String s = spectral.toLowerCase(Locale.ROOT);
        if (s.equals(Spectral.Shape.OHMIC.label())) {
            positive("--cutoff", cutoff);
            return Spectral.ohmic(cutoff.value());
        }
        if (s.equals(Spectral.Shape.LORENTZIAN.label())) {
            return Spectral.lorentzian();
        }
        throw UsageException.of("--spectral", UsageException.shown(spectral), "must be ohmic or lorentzian");
    }

    /** The sizes of every --N, in the order given: integers or ranges a:b[:step], each from 2 to MAX_N. */
    List<Integer> sizes() {
        List<Integer> out = new ArrayList<>();
        List<String> given = ns.isEmpty() ? List.of("2:20") : ns;
        String allowed = "must be an integer N from 2 to " + ModelParameters.MAX_N + " or a range a:b or a:b:step"
                + " of them (step > 0)";
        for (String g : given) {
            Matcher m = RANGE.matcher(g);
            if (m.matches()) {
                long a = IntegerArg.parse("--N", m.group(1)).value();
                long b = IntegerArg.parse("--N", m.group(2)).value();
                long step = m.group(3) == null ? 1 : IntegerArg.parse("--N", m.group(3)).value();
                if (a < 2 || b > ModelParameters.MAX_N || b < a || step < 1 || (b - a) / step >= 10_000) {
                    throw UsageException.of("--N", UsageException.shown(g), allowed + ", at most 10000 sizes");
                }
                for (long n = a; n <= b; n += step) {
                    out.add((int) n);
                }
            } else {
                long n = IntegerArg.parse("--N", g).value();
                if (n < 2 || n > ModelParameters.MAX_N) {
                    throw UsageException.of("--N", UsageException.shown(g), allowed);
                }
                out.add((int) n);
            }
        }
        return out;
    }
}
