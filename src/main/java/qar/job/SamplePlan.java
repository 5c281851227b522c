package qar.job;

import qar.sample.GillespieEngine;

/**
 * What a sampling campaign (or the part of it still to run) will take: its expected jumps and engine
 * steps, from the exact jump rate, and its thread-seconds at the engine's measured cost per step
 * plus a measured cost per replica.
 *
 * @param jumps         expected jumps
 * @param steps         expected engine steps
 * @param replicas      the campaign's replicas
 * @param threadSeconds expected seconds of one thread
 */
public record SamplePlan(double jumps, double steps, long replicas, double threadSeconds) {
    /** The largest campaign: the time of this many direct jumps (about 22 thread-hours, 1.4 h on 16 cores). */
    public static final double MAX_JUMPS = 1e13;
    /**
     * Measured cost of one replica besides its steps, on one thread: 0.9 ... 1.8 us (4e6 and 1e6
     * replicas of time 1e-3), 2.1 us with the rows of --out; the larger one, as a bound.
     */
    static final double NS_PER_REPLICA = 2000;

    /** The plan of {@code job}'s whole campaign. */
    static SamplePlan of(SampleJob job, long replicas) {
        double seconds = (job.expectedSteps() * job.engine().nanosPerStep() + replicas * NS_PER_REPLICA) * 1e-9;
        return new SamplePlan(job.expectedJumps(), job.expectedSteps(), replicas, seconds);
    }

    /** Thread-seconds of the largest campaign allowed: {@link #MAX_JUMPS} direct jumps. */
    public static double limitSeconds() {
        return MAX_JUMPS * GillespieEngine.NANOS_PER_JUMP * 1e-9;
    }

    /**
     * Whether the campaign is beyond {@link #limitSeconds()}: a run of years is a typo or a rate
     * scale beyond sampling, not a campaign; the bound also keeps every count (replicas times
     * groups, jumps) far from overflowing a long.
     */
    public boolean tooLarge() {
        double work = threadSeconds / (GillespieEngine.NANOS_PER_JUMP * 1e-9);
        return !(work <= MAX_JUMPS) || !(jumps < 0x1p62);
    }

    /** The part still to run of one of {@code shards} equal shards with {@code doneFraction} of it done. */
    public SamplePlan left(double doneFraction, int shards) {
        double left = (1 - Math.min(1, doneFraction)) / shards;
        return new SamplePlan(jumps * left, steps * left, replicas, threadSeconds * left);
    }
}
