package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local detailed balance and reachability, properties of any jump process. */
class JumpProcessTest {
    /** Two levels 0 (energy 0) and 1 (energy 2 quanta), one bath at beta: r(0 -> 1) / r(1 -> 0) = ratio. */
    private static JumpProcess pair(double beta, double ratio) {
        return JumpProcess.of(2, 1.0, List.of(new Reservoir("b", beta)),
                List.of(new Channel(1, 0, 0, 1.0, -2), new Channel(0, 1, 0, ratio, 2)));
    }

    @Test
    void theRefrigeratorObeysLocalDetailedBalance() {
        // eq. (16): R^nu_ab / R^nu_ba = exp(-beta_nu (E_a - E_b)), built into the rates of eq. (4)
        ModelParameters p = ModelParameters.defaults().withN(5);
        assertTrue(Refrigerator.process(p).detailedBalance());
        assertTrue(Refrigerator.process(ModelParameters.defaults()).detailedBalance());
        assertTrue(Refrigerator.process(p.withKind(ModelKind.REDUCED)).detailedBalance());
    }

    @Test
    void aJumpUpMustBeTheRarerOneByExpOfMinusBetaQ() {
        assertTrue(pair(2.0, Math.exp(-4)).detailedBalance());
        // the inverse ratio (the sign of the exponent flipped) is a violation
        assertFalse(pair(2.0, Math.exp(4)).detailedBalance());
        assertFalse(pair(2.0, Math.exp(-3)).detailedBalance());
        // a non-thermal bath has no detailed balance
        assertFalse(pair(Double.NaN, 1.0).detailedBalance());
    }

    @Test
    void aJumpUpThatUnderflowedIsAcceptedOnlyWhereExpOfMinusBetaQIsBelowTheDoubles() {
        // rate up 0 is dropped; the remaining jump down is fine where beta q > 700 (exp(-700) ~ 1e-304)
        assertTrue(pair(400.0, 0.0).detailedBalance());
        assertFalse(pair(2.0, 0.0).detailedBalance());
    }

    @Test
    void reachabilityNamesTheFirstLevelCutOff() {
        List<Reservoir> r = List.of(new Reservoir("b", 1.0));
        List<Channel> ring = new ArrayList<>(List.of(new Channel(0, 1, 0, 1.0, 1), new Channel(1, 2, 0, 1.0, 1),
                new Channel(2, 0, 0, 1.0, -2)));
        assertNull(Reachability.firstCut(JumpProcess.of(3, 1.0, r, ring)));
        // 2 -> 0 at rate 0 is no channel: 0 still reaches 2, but 2 reaches nothing
        ring.set(2, new Channel(2, 0, 0, 0.0, -2));
        assertEquals(new Reachability.Cut(1, 0), Reachability.firstCut(JumpProcess.of(3, 1.0, r, ring)));
        // level 3 has no channel at all: 0 cannot reach it
        ring.set(2, new Channel(2, 0, 0, 1.0, -2));
        assertEquals(new Reachability.Cut(0, 3), Reachability.firstCut(JumpProcess.of(4, 1.0, r, ring)));
    }
}
