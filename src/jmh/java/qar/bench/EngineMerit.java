package qar.bench;

import java.util.Locale;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.exact.ExactSolver;
import qar.exact.FiniteTimeCumulants;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.sample.AggregatedEngine;
import qar.sample.Campaign;
import qar.sample.Engine;
import qar.sample.FlipPairs;
import qar.sample.GillespieEngine;
import qar.sample.Recording;

/**
 * Figure of merit of the engines, side by side in one run: the variance of the I_c estimate times
 * the sampling wall time (lower is better; independent of the run length). Both engines sample the
 * same law, so the exact variance c_2(T) / (R T^2) applies to both; the measured one (the batch
 * standard error squared) is printed next to it. The aggregated engine runs more replicas so that
 * its wall time is long enough to measure.
 *
 * <p>Usage: {@code mvn -o -Pbench test-compile exec:exec -Dbench.main=qar.bench.EngineMerit
 * -Dbench.args="N T R_direct R_aggregated threads repeats"}, e.g. {@code "31 1000 1280 40960 2 3"}.
 */
public final class EngineMerit {
    private EngineMerit() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        double time = Double.parseDouble(args[1]);
        long rDirect = Long.parseLong(args[2]);
        long rAggregated = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        int repeats = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        JumpProcess p = Refrigerator.process(ModelParameters.defaults().withN(n));
        double[] pi = ExactSolver.stationaryState(p);
        double c2 = FiniteTimeCumulants.of(p, p.energyWeights(0), pi, 2).at(time)[1];
        Engine direct = GillespieEngine.of(p);
        Engine aggregated = AggregatedEngine.of(p, FlipPairs.of(p));
        System.out.printf(Locale.ROOT, "N = %d, T = %s, %d threads; fast pairs %s%n", n, time, threads,
                FlipPairs.of(p).pairs());
        System.out.printf(Locale.ROOT, "%-10s %9s %14s %12s %9s %12s %12s %14s %14s%n", "engine", "replicas", "jumps",
                "steps", "wall s", "stderr I_c", "exact sd", "FOM measured", "FOM exact");
        double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int k = 0; k < repeats; k++) {
            for (int e = 0; e < 2; e++) {
                Engine engine = e == 0 ? direct : aggregated;
                long r = e == 0 ? rDirect : rAggregated;
                Campaign c = Campaign.of(p, pi, time, r, Recording.energiesOnly(), engine);
                Campaign.Result res = c.run((LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP
                        .create(1000L * k + e), threads, null, null);
                Estimate[][] est = BatchCumulants.estimate(res.moments(), time, p.energyUnit());
                double se = est[0][0].stderr();
                double exactVar = c2 / (r * time * time);
                double fomExact = exactVar * res.wallSeconds();
                best[e] = Math.min(best[e], fomExact);
                System.out.printf(Locale.ROOT, "%-10s %9d %14d %12d %9.3f %12.4e %12.4e %14.4e %14.4e%n",
                        engine.name(), r, res.jumps(), res.steps(), res.wallSeconds(), se, Math.sqrt(exactVar),
                        se * se * res.wallSeconds(), fomExact);
            }
        }
        System.out.printf(Locale.ROOT, "best FOM ratio direct / aggregated (exact variance x wall): %.1f%n",
                best[0] / best[1]);
    }
}
