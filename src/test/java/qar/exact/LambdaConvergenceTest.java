package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import qar.exact.oracle.ExactProcess;
import qar.exact.oracle.Oracle;
import qar.model.Bath;
import qar.model.JumpProcess;
import qar.model.ModelParameters;
import qar.model.Refrigerator;

/**
 * lambda(s) far out on the work reservoir's tilt at N = 5 with the cold bath almost or fully off:
 * tilted rates of 1e210 around an eigenvalue of 1e102 leave the double-double elimination no
 * digits. It returned its last trial (off by up to 1e131) or -2.2e-4 from an overflowed pivot;
 * now such a tilt is NaN ("not finite", which every caller skips), and a resolved one is right.
 */
class LambdaConvergenceTest {
    private static JumpProcess process(double gammaC) {
        ModelParameters p = ModelParameters.defaults().withN(5);
        Bath c = p.cold();
        return Refrigerator.process(p.withBaths(new Bath(c.beta(), c.eps(), c.delta(), gammaC), p.hot(), p.work()));
    }

    @Test
    void anUnresolvedTiltIsNotANumber() {
        for (double g : new double[] {1e-200, 0}) {
            JumpProcess process = process(g);
            GeneratingFunction gf = GeneratingFunction.of(process);
            int w = process.reservoirs().size() - 1;
            for (double s : new double[] {-150, -120, 150}) {
                double[] f = new double[3];
                f[w] = s;
                double l = gf.lambda(f);
                // true values (400 digits, the oracle at 200 target digits): 5.02e128, 4.40e102, 3.71e129
                assertTrue(Double.isNaN(l), () -> "gamma_c " + g + ", s_w " + f[w] + ": lambda " + l + " is not a root");
            }
        }
    }

    @Test
    void aResolvedTiltMatchesTheOracle() {
        JumpProcess process = process(1e-200);
        double[] f = {0, 0, -50};
        double l = GeneratingFunction.of(process).lambda(f);
        BigDecimal exact = Oracle.lambda(ExactProcess.of(process), 80, f);
        double err = Math.abs(l - exact.doubleValue()) / exact.doubleValue();
        // the bound of a resolved root is 1e-10 relative; its true error is ~1e-16 here
        assertTrue(err <= 1e-12, () -> "lambda " + l + " but exact " + exact + ": " + err);
    }

    /**
     * The cold bath off: lambda_w(s) far out lost its digits, its garbage made lambda'(s) 0.0 at
     * both ends of the curve and qar refused it. Now the unresolved tilts are skipped; every point
     * of the curve is a Legendre pair: I(j) = s j - lambda(s) at the maximiser s, lambda from the
     * oracle, and no neighbouring tilt gives more.
     */
    @Test
    void theCurveWithTheColdBathOffHoldsAgainstTheOracle() {
        JumpProcess process = process(0);
        ExactProcess exact = ExactProcess.of(process);
        RateFunction rf = RateFunction.of(process, 2);
        RateFunction.Curve c = rf.curve(201, 8.0); // as qar exact --rate-function draws it
        int n = c.current().length;
        assertTrue(n >= 201, "points " + n);
        for (int k : new int[] {0, n / 4, n / 2, 3 * n / 4, n - 1}) {
            double j = c.current()[k];
            double s = rf.maximise(j)[0];
            double at = s * j - Oracle.lambda(exact, 30, 0, 0, s).doubleValue();
            double tol = 1e-8 * Math.max(1, Math.abs(c.rate()[k]));
            assertEquals(at, c.rate()[k], tol, "I(" + j + ") at s = " + s);
            for (double ds : new double[] {-1e-2, 1e-2}) {
                double t = s * (1 + ds) + ds;
                double other = t * j - Oracle.lambda(exact, 30, 0, 0, t).doubleValue();
                assertTrue(other <= c.rate()[k] + tol, "s j - lambda(s) at s = " + t + " is " + other + " > I(" + j + ")");
            }
        }
    }
}
