package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.commons.numbers.core.DD;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free kernels against commons-numbers DD, bit for bit: they are the same
 * algorithms, so every hi and lo must agree (the solver's results then equal those of the DD-object
 * version it replaced). Operands are normalised double-doubles with exponents over +-300 and both
 * signs, the range the solver's mantissas live in.
 */
class DoubleDoubleTest {
    private static final int CASES = 200_000;

    private static DD random(SplittableRandom rng) {
        double hi = (rng.nextDouble() + 0.5) * Math.scalb(1.0, rng.nextInt(-300, 300)) * (rng.nextBoolean() ? 1 : -1);
        double lo = hi * 0x1p-53 * (rng.nextDouble() * 2 - 1);
        return DD.ofSum(hi, lo);
    }

    private static void same(DD expected, DoubleDouble actual, String what) {
        assertEquals(expected.hi(), actual.hi, what);
        assertEquals(expected.lo(), actual.lo, what);
    }

    @Test
    void arithmeticMatchesDdBitForBit() {
        SplittableRandom rng = new SplittableRandom(20260101);
        DoubleDouble r = new DoubleDouble();
        double[] v = DoubleDouble.vector(1);
        for (int i = 0; i < CASES; i++) {
            DD x = random(rng);
            DD y = rng.nextInt(8) == 0 ? x.negate().add(random(rng).multiply(0x1p-40)) : random(rng);
            double z = y.hi();
            String what = x + " op " + y;
            same(x.add(y), r.set(x.hi(), x.lo()).add(y.hi(), y.lo()), "add " + what);
            same(x.add(z), r.set(x.hi(), x.lo()).add(z), "add double " + what);
            same(x.multiply(y), r.set(x.hi(), x.lo()).multiply(y.hi(), y.lo()), "multiply " + what);
            same(x.multiply(z), r.set(x.hi(), x.lo()).multiply(z), "multiply double " + what);
            same(x.divide(y), r.set(x.hi(), x.lo()).divide(y.hi(), y.lo()), "divide " + what);
            same(x.negate(), r.set(x.hi(), x.lo()).negate(), "negate " + what);
            int k = rng.nextInt(-600, 600);
            same(x.scalb(k), r.set(x.hi(), x.lo()).scalb(k), "scalb " + what);
            int[] e = new int[1];
            DD f = x.frexp(e);
            assertEquals(e[0], r.set(x.hi(), x.lo()).frexp(), "frexp exponent " + what);
            same(f, r, "frexp fraction " + what);
            v[0] = x.hi();
            v[1] = x.lo();
            r.set(y.hi(), y.lo()).addTo(v, 0);
            same(x.add(y), r.load(v, 0), "addTo " + what);
            v[0] = x.hi();
            v[1] = x.lo();
            r.set(y.hi(), y.lo()).subtractFrom(v, 0);
            same(x.subtract(y), r.load(v, 0), "subtractFrom " + what);
        }
    }

    @Test
    void frexpOfAPowerOfTwoWithANegativeTail() {
        // |hi| = 2^k and lo of the other sign: the fraction is just below 1/2 unless rescaled
        DD x = DD.ofSum(0x1p300, -0x1p200);
        int[] e = new int[1];
        DD f = x.frexp(e);
        DoubleDouble r = new DoubleDouble().set(x.hi(), x.lo());
        assertEquals(e[0], r.frexp());
        same(f, r, "frexp");
    }

    @Test
    void vectorsConvertBothWays() {
        DD[] x = {DD.ONE, DD.ofSum(1, 0x1p-60), DD.ZERO, DD.of(-3.5)};
        double[] v = DoubleDouble.fromDD(x);
        assertEquals(4, DoubleDouble.length(v));
        DD[] back = DoubleDouble.toDD(v);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i]);
        }
        assertThrows(ArithmeticException.class, () -> DoubleDouble.vector(Integer.MAX_VALUE));
    }
}
