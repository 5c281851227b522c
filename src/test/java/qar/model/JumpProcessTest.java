package qar.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Local detailed balance, a property of any jump process. */
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
}
