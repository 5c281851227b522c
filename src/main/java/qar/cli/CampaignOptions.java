package qar.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.apache.commons.rng.simple.RandomSource;
import qar.sample.Campaign;

/**
 * The campaign options of {@code sample} and {@code sweep}: replica length and count, master seed,
 * threads, progress bar; each read and checked here once. {@link ForSweep} words them for sweep's
 * sampled points (the descriptions of its resource bundle, by descriptionKey).
 */
class CampaignOptions {
    /** Shortest replica: rates are quanta / T, so 1 / T must be a finite double. */
    static final double MIN_TIME = 1e-300;

    @Parameter(names = "--time", description = "trajectory length of each replica", descriptionKey = "time",
            order = 20)
    DecimalArg time = DecimalArg.of(1000);

    @Parameter(names = "--replicas", description = "number of independent replicas (>= 16)",
            descriptionKey = "replicas", order = 21)
    IntegerArg replicas = IntegerArg.of(2560);

    @Parameter(names = "--seed", description = "master seed (default: a fresh one, always printed)",
            descriptionKey = "seed", order = 22)
    IntegerArg seed;

    @Parameter(names = "--threads", description = "worker threads (default: all cores)", descriptionKey = "threads",
            order = 23)
    IntegerArg threads = IntegerArg.of(Runtime.getRuntime().availableProcessors());

    @Parameter(names = "--quiet", description = "no progress bar", descriptionKey = "quiet", order = 26)
    boolean quiet;

    /** The sweep's wording of the same options. */
    @Parameters(resourceBundle = "qar.cli.SweepCampaignOptions")
    static final class ForSweep extends CampaignOptions {
    }

    /** @throws UsageException unless --time is finite and at least {@link #MIN_TIME} */
    double time() {
        double t = time.value();
        if (!(t >= MIN_TIME) || Double.isInfinite(t)) {
            // below the normal doubles 1 / T overflows and every rate would be 0 * infinity
            throw UsageException.of("--time", time, "must be finite and >= " + MIN_TIME);
        }
        return t;
    }

    /** @throws UsageException unless --replicas is at least {@link Campaign#MIN_REPLICAS} */
    long replicas() {
        if (replicas.value() < Campaign.MIN_REPLICAS) {
            throw UsageException.of("--replicas", replicas, "must be an integer >= " + Campaign.MIN_REPLICAS);
        }
        return replicas.value();
    }

    /** @throws UsageException unless --threads is from 1 to 1024 */
    int threads() {
        if (threads.value() < 1 || threads.value() > 1024) {
            throw UsageException.of("--threads", threads, "must be an integer from 1 to 1024");
        }
        return (int) threads.value();
    }

    /** The master seed: --seed, or a fresh one. */
    long seedOrFresh() {
        return seed != null ? seed.value() : RandomSource.createLong();
    }
}
