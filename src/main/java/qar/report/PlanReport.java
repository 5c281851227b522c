package qar.report;

import java.util.Locale;
import qar.job.SamplePlan;

/** The plan of a sampling campaign in words: the line said before the work, and why a campaign is too large. */
public final class PlanReport {
    private PlanReport() {
    }

    /**
     * The line said before the work.
     *
     * @param left         the part of the campaign this run will do ({@link SamplePlan#left})
     * @param doneFraction the part of this shard done already (resumed), 0 for a fresh run
     */
    public static String line(SamplePlan left, long seed, double time, int threads, int shard, int shards,
            double doneFraction) {
        return String.format(Locale.ROOT, "qar sample: seed %d, %d replicas x time %s%s on %d threads;"
                + "%s expected %.3g jumps, about %s", seed, left.replicas(), time,
                shards > 1 ? " (shard " + shard + "/" + shards + ")" : "", threads,
                doneFraction > 0 ? String.format(Locale.ROOT, " resuming with %.0f %% done;",
                        100 * doneFraction) : "", left.jumps(), duration(left.threadSeconds() / threads));
    }

    /** What a campaign that is {@link SamplePlan#tooLarge()} would take, against the limit. */
    public static String tooLarge(SamplePlan plan) {
        return String.format(Locale.ROOT, "the campaign would take about %s of one thread"
                + " (%.2g jumps in %.2g engine steps and %d replicas); at most the time of %.0e direct jumps"
                + " (%s)", duration(plan.threadSeconds()), plan.jumps(), plan.steps(), plan.replicas(),
                SamplePlan.MAX_JUMPS, duration(SamplePlan.limitSeconds()));
    }

    public static String duration(double seconds) {
        if (seconds < 1) {
            return "under a second";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.2g days", seconds / 86400);
    }
}
