package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import qar.job.SweepJob;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.report.SweepCsv;

@Parameters(commandNames = "sweep", commandDescription =
        "Exact currents, noise, cumulants, COP and TUR ratios over a range or list of one or two model options;"
                + " one CSV row per point")
final class SweepCommand implements Command {
    /** Seconds before the progress bar appears. */
    private static final double BAR_DELAY = 2;

    @ParametersDelegate
    ModelOptions model = new ModelOptions();

    @Parameter(names = SweepRange.OPTION, description = "OPT=a:b:step (linear, b included), OPT=a:b:logK (K points"
            + " equally spaced in log) or OPT=v1,v2,... (a list); OPT is a model option without dashes (N, omega,"
            + " beta-c, eps-h, delta-w, gamma-c, ...); give it twice for a grid (the second varies fastest)",
            order = 20, splitter = FiniteTimeOptions.Unsplit.class)
    List<String> sweeps = new ArrayList<>();

    @ParametersDelegate
    CampaignOptions campaign = new CampaignOptions.ForSweep();

    @Parameter(names = "--out", description = "directory for sweep.csv (default: the table goes to stdout)", order = 45)
    String out;

    @Parameter(names = "--sample-every", description = "also sample the current and noise of every reservoir, with"
            + " errors, at every K-th point in grid order (the first, the (K+1)-th, ...), as qar sample does", order = 30)
    IntegerArg sampleEvery;

    @Parameter(names = {"--help", "-h"}, help = true, description = "show this help", order = 99)
    boolean help;

    /** The options given, by their first name (set by {@link Qar} before {@link #run}). */
    Set<String> given = Set.of();

    @Override
    public boolean help() {
        return help;
    }

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException, InterruptedException {
        if (model.process != null) {
            throw new UsageException(SweepRange.OPTION + " sweeps the refrigerator's options and cannot be combined"
                    + " with " + ModelOptions.PROCESS);
        }
        int workers = campaign.threads();
        // the fixed options must form a model (the swept ones at their defaults)
        ModelParameters fixed = model.toParameters();
        if (sampleEvery == null) {
            for (String option : List.of("--time", "--replicas", "--seed")) {
                if (given.contains(option)) {
                    throw new UsageException(option + " applies to sampled points and needs --sample-every K");
                }
            }
        } else {
            if (sampleEvery.value() < 1) {
                throw UsageException.of("--sample-every", sampleEvery, "must be an integer >= 1");
            }
            campaign.time();
            campaign.replicas();
        }
        if (out != null && out.isBlank()) {
            throw UsageException.of("--out", UsageException.shown(out), "must name a directory");
        }
        if (sweeps.isEmpty()) {
            throw new UsageException(SweepRange.OPTION + " is required: OPT=a:b:step, OPT=a:b:logK or OPT=v1,v2,...");
        }
        if (sweeps.size() > 2) {
            throw SweepRange.bad(sweeps.get(2), "at most two --sweep (a line or a grid)");
        }
        List<SweepRange> ranges = new ArrayList<>();
        Set<String> swept = new HashSet<>();
        long points = 1;
        for (String s : sweeps) {
            SweepRange r = SweepRange.parse(s);
            if (!swept.add(r.option())) {
                throw SweepRange.bad(s, "sweeps " + r.option() + " a second time");
            }
            if (given.contains("--" + r.option())) {
                throw SweepRange.bad(s, "sweeps --" + r.option() + ", which is also given a fixed value");
            }
            points *= r.values().length;
            if (points > SweepRange.MAX_POINTS) {
                throw SweepRange.bad(s, "makes more than " + SweepRange.MAX_POINTS + " points in all");
            }
            ranges.add(r);
        }
        ModelKind kind = model.kind();
        List<SweepJob.Axis> axes = new ArrayList<>();
        for (SweepRange r : ranges) {
            axes.add(new SweepJob.Axis(r.parameter(), r.values()));
            if (r.parameter().equals("N")) {
                double largest = java.util.Arrays.stream(r.values()).max().orElse(0);
                // a largest N that is no model (N = 1, above MAX_N) is an error row, not a size to check
                if (largest >= 5 && largest <= ModelParameters.MAX_N) {
                    // every worker holds one solve at a time
                    SizeCheck.heap(fixed.withN((int) largest), workers * SizeCheck.exactBytes(
                            kind == ModelKind.FULL ? ((long) largest + 1) / 2 : 3, SweepCsv.ORDER),
                            Runtime.getRuntime().maxMemory());
                }
            }
        }
        SweepJob job = SweepJob.of(kind, model.values(), axes, SweepCsv.ORDER);
        boolean sampling = sampleEvery != null;
        long every = sampling ? sampleEvery.value() : 1;
        long sampledPoints = sampling ? (job.size() + every - 1) / every : 0;
        long masterSeed = campaign.seedOrFresh();
        LongJumpableUniformRandomProvider master =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(masterSeed);
        if (sampling && !campaign.quiet) {
            err.printf(Locale.ROOT, "qar sweep: seed %d, sampling %d of %d points (%d replicas x time %s each)%n",
                    masterSeed, sampledPoints, job.size(), campaign.replicas.value(), campaign.time);
        }
        Path outDir = out == null ? null : Path.of(out);
        long t0 = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        try (OutputSet set = outDir == null ? null : OutputSet.open("--out", outDir)) {
            BufferedWriter file = set == null ? null : set.writer(SweepCsv.NAME);
            try (BufferedWriter w = file) {
                emit(stdout, w, SweepCsv.header(sampling), set);
                try (ProgressBar bar = ProgressBar.startIf(!campaign.quiet && System.console() != null, err, done,
                        job.size() + sampledPoints, BAR_DELAY)) {
                    job.run(workers, done, o -> {
                        if (o.error() != null) {
                            errors.incrementAndGet();
                        }
                        return sampling && o.index() % every == 0 ? o : SweepCsv.row(o, sampling, null, null);
                    }, row -> {
                        if (row instanceof SweepJob.Outcome o) {
                            // the j-th sampled point's generator: the master after j long jumps (2^192
                            // steps apart); its campaign's replicas take jumps of 2^128 inside that block.
                            // longJump returns a copy of XO_SHI_RO_256_PP, which is long-jumpable itself
                            LongJumpableUniformRandomProvider g = (LongJumpableUniformRandomProvider) master.longJump();
                            emit(stdout, w, sampled(job, o, g, workers), set);
                            done.incrementAndGet();
                        } else {
                            emit(stdout, w, (String) row, set);
                        }
                    });
                }
            } catch (UncheckedIOException e) {
                throw set.failure(SweepCsv.NAME, e.getCause());
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            if (set != null) {
                set.publish(List.of(SweepCsv.NAME));
                stdout.printf(Locale.ROOT, "qar sweep: %d points (%d without a model, see the error column) in %.1f s%n",
                        job.size(), errors.get(), seconds);
                stdout.printf("  wrote %s%n", set.shown(SweepCsv.NAME));
            }
        }
        stdout.flush();
        return 0;
    }

    /** The row of a sampled point; a point that cannot be sampled says why in its error cell. */
    private String sampled(SweepJob job, SweepJob.Outcome o, LongJumpableUniformRandomProvider g, int workers) {
        if (o.error() != null) {
            return SweepCsv.row(o, true, null, null);
        }
        try {
            return SweepCsv.row(o, true, job.sample(o.index(), campaign.time.value(), campaign.replicas.value(), qar.job.SamplePlan.MAX_JUMPS,
                    g, workers), null);
        } catch (IllegalArgumentException e) {
            return SweepCsv.row(o, true, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void emit(PrintStream stdout, BufferedWriter file, String text, OutputSet set) {
        if (set == null) {
            stdout.print(text);
            return;
        }
        try {
            file.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
