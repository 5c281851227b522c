package qar.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import qar.exact.ExactSolution;
import qar.exact.ExactSolver;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.ParameterValues;
import qar.model.Refrigerator;
import qar.report.SweepCsv;

class SweepJobTest {
    private static final ParameterValues BASE = ParameterValues.of(ModelParameters.defaults().withN(3));

    private static double[] range(int n, double from, double step) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i * step;
        }
        return v;
    }

    @Test
    void pointsRunInGridOrderTheSecondAxisFastest() {
        SweepJob job = SweepJob.of(ModelKind.FULL, BASE, List.of(new SweepJob.Axis("N", new double[] {3, 5}),
                new SweepJob.Axis("betaC", new double[] {1, 2, 3})), 4);
        assertEquals(6, job.size());
        for (int i = 0; i < 6; i++) {
            ParameterValues v = job.values(i);
            assertEquals(i < 3 ? 3 : 5, v.n());
            assertEquals(1 + i % 3, v.betaC());
            // the fixed parameters stay as given
            assertEquals(BASE.omega(), v.omega());
            assertEquals(BASE.gammaW(), v.gammaW());
        }
    }

    @Test
    void aPointIsTheSolverAtItsParameters() {
        SweepJob job = SweepJob.of(ModelKind.FULL, BASE, List.of(new SweepJob.Axis("deltaW", new double[] {1e-3, 0.02})), 4);
        SweepJob.Outcome o = job.solve(1);
        assertNull(o.error());
        ExactSolution direct = ExactSolver.of(Refrigerator.process(job.parameters(1))).solution(4);
        for (String r : Refrigerator.NAMES) {
            assertArrayEquals(direct.reservoir(r).cumulants(), o.solution().reservoir(r).cumulants(), r);
        }
        assertEquals(0.02, o.value("deltaW"));
    }

    @Test
    void anInvalidPointIsAnOutcomeWithItsReason() {
        SweepJob job = SweepJob.of(ModelKind.FULL, BASE, List.of(new SweepJob.Axis("N", new double[] {1, 0, 3}),
                new SweepJob.Axis("gammaC", new double[] {-1, 1})), 4);
        List<SweepJob.Outcome> all = new ArrayList<>();
        for (int i = 0; i < job.size(); i++) {
            all.add(job.solve(i));
        }
        assertTrue(all.get(0).error().startsWith("N = 1"), all.get(0).error());
        assertTrue(all.get(2).error().startsWith("N = 0"), all.get(2).error());
        assertTrue(all.get(4).error().startsWith("gammaC = -1"), all.get(4).error());
        assertNotNull(all.get(5).solution());
        assertNull(all.get(5).error());
    }

    /** More points than one block, so that the hand-over between blocks is crossed. */
    @Test
    void rowsDoNotDependOnTheThreads() throws InterruptedException {
        int n = SweepJob.BLOCK + 700;
        SweepJob job = SweepJob.of(ModelKind.FULL, BASE, List.of(new SweepJob.Axis("betaC", range(n / 7, 1, 0.001)),
                new SweepJob.Axis("deltaW", range(7, 1e-3, 1e-3))), 4);
        List<String> one = new ArrayList<>();
        List<String> three = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        job.run(1, done, SweepCsv::row, one::add);
        job.run(3, new AtomicLong(), SweepCsv::row, three::add);
        assertEquals(job.size(), one.size());
        assertEquals(job.size(), done.get());
        assertEquals(one, three);
        for (int i = 0; i < one.size(); i += 997) {
            assertEquals(SweepCsv.row(job.solve(i)), one.get(i));
        }
    }

    @Test
    void invalidJobsAreRefused() {
        SweepJob.Axis a = new SweepJob.Axis("betaC", new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> new SweepJob.Axis("beta-c", new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new SweepJob.Axis("betaC", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> SweepJob.of(ModelKind.FULL, BASE, List.of(), 4));
        assertThrows(IllegalArgumentException.class, () -> SweepJob.of(ModelKind.FULL, BASE, List.of(a, a), 4));
        assertThrows(IllegalArgumentException.class, () -> SweepJob.of(ModelKind.FULL, BASE, List.of(a,
                new SweepJob.Axis("N", new double[] {3}), new SweepJob.Axis("omega", new double[] {1})), 4));
        assertThrows(IllegalArgumentException.class, () -> SweepJob.of(ModelKind.FULL, BASE, List.of(a), 1));
        assertThrows(IllegalArgumentException.class, () -> SweepJob.of(ModelKind.FULL, null, List.of(a), 4));
    }
}
