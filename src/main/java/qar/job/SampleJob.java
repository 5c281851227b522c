package qar.job;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import qar.estimate.BatchCumulants;
import qar.estimate.Estimate;
import qar.estimate.ExactComparison;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.JumpProcess;
import qar.sample.Campaign;
import qar.sample.Recording;

/**
 * One sampling campaign from validated settings to result records: the exact solve, the
 * campaign, the estimates and their comparison with the exact values. Reads no options and
 * touches no files, so sweeps and shards can reuse it.
 */
public final class SampleJob {
    private final JumpProcess process;
    private final ExactSolver solver;
    private final ExactSolution exact;
    private final Campaign campaign;
    private final double time;

    private SampleJob(JumpProcess process, double time, long replicas, Recording recording) {
        this.process = process;
        this.solver = ExactSolver.of(process);
        this.exact = solver.solution(BatchCumulants.ORDER);
        this.campaign = Campaign.of(process, exact.populations(), time, replicas, recording);
        this.time = time;
    }

    /** Solves the process exactly and prepares the campaign; nothing is sampled yet. */
    public static SampleJob of(JumpProcess process, double time, long replicas, Recording recording) {
        return new SampleJob(process, time, replicas, recording);
    }

    public ExactSolver solver() {
        return solver;
    }

    public ExactSolution exact() {
        return exact;
    }

    public int groups() {
        return campaign.groups();
    }

    /** The sampled result with its exact comparison. */
    public record Result(Campaign.Result campaign, ExactComparison comparison) {
    }

    /**
     * @param master  the master generator (the CLI creates it from the seed)
     * @param threads worker threads
     * @param keepRows keep every replica's row
     * @param done    finished replicas, for progress; may be null
     */
    public Result run(LongJumpableUniformRandomProvider master, int threads, boolean keepRows, AtomicLong done)
            throws InterruptedException {
        Campaign.Result r = campaign.run(master, threads, keepRows, done);
        Estimate[][] est = BatchCumulants.estimate(r.moments(), time, process.energyUnit());
        double[][] offsets = solver.finiteTimeOffsets(BatchCumulants.ORDER);
        return new Result(r, ExactComparison.of(est, exact.reservoirs(), offsets, time));
    }
}
