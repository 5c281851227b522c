package qar.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;
import qar.report.PlanReport;
import qar.sample.EngineChoice;

/** The plan asks the engine for its steps and their cost; the limit is the time of 1e13 direct jumps. */
class SamplePlanTest {
    private static final JumpProcess P = Refrigerator.process(ModelParameters.defaults().withN(7));

    private static SampleJob job(EngineChoice engine, long replicas) {
        return SampleJob.of(P, 100, replicas, List.of(), 20, new double[0], FluctuationAnalysis.Mode.OFF, engine);
    }

    @Test
    void theCostIsTheEnginesStepsAtItsPriceAndTheReplicas() {
        for (EngineChoice c : List.of(EngineChoice.DIRECT, EngineChoice.AGGREGATED)) {
            SampleJob job = job(c, 640);
            SamplePlan plan = job.plan();
            assertEquals(job.expectedJumps(), plan.jumps());
            assertEquals(job.expectedSteps(), plan.steps());
            assertEquals((plan.steps() * job.engine().nanosPerStep() + 640 * 2000.0) * 1e-9, plan.threadSeconds(),
                    1e-15 * plan.threadSeconds());
        }
        SamplePlan direct = job(EngineChoice.DIRECT, 640).plan();
        SamplePlan aggregated = job(EngineChoice.AGGREGATED, 640).plan();
        assertEquals(direct.jumps(), aggregated.jumps());
        assertEquals(direct.jumps(), direct.steps());
        assertTrue(aggregated.steps() < 0.1 * direct.steps(), "the flips are most jumps at the defaults");
    }

    @Test
    void theLimitIsTheTimeOfMaxJumpsDirectJumps() {
        double limit = SamplePlan.limitSeconds();
        assertEquals(1e13 * 8e-9, limit, 1e-3);
        assertFalse(new SamplePlan(1, 1, 16, limit).tooLarge());
        assertTrue(new SamplePlan(1, 1, 16, Math.nextUp(limit) * (1 + 1e-15)).tooLarge());
        assertTrue(new SamplePlan(0x1p62, 1, 16, 1).tooLarge(), "a jump count near overflowing a long");
        assertTrue(new SamplePlan(1, 1, 16, Double.NaN).tooLarge());
    }

    @Test
    void thePartLeftIsSaidInTheLine() {
        SamplePlan left = new SamplePlan(4e9, 2e9, 2560, 3600).left(0.25, 3);
        assertEquals(1e9, left.jumps(), 1e-6);
        assertEquals(900, left.threadSeconds(), 1e-12);
        assertEquals("qar sample: seed 7, 2560 replicas x time 1000.0 (shard 2/3) on 4 threads; resuming with 25 %"
                + " done; expected 1.00e+09 jumps, about 4 min", PlanReport.line(left, 7, 1000, 4, 2, 3, 0.25));
        assertEquals("the campaign would take about 27.8 h of one thread (4.0e+09 jumps in 2.0e+09 engine steps"
                + " and 2560 replicas); at most the time of 1e+13 direct jumps (22.2 h)",
                PlanReport.tooLarge(new SamplePlan(4e9, 2e9, 2560, 1e5)));
    }
}
