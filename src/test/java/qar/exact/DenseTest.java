package qar.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DenseTest {
    /** 46340^2 fits an int array; 46341^2 = 2147488281 overflows int and must be refused, not wrap negative. */
    @Test
    void aSquareBeyondAnArrayIsRefusedNotWrapped() {
        assertEquals(46340 * 46340, Dense.length(46340));
        String m = assertThrows(IllegalArgumentException.class, () -> Dense.length(46341)).getMessage();
        assertEquals("46341 levels: a dense 46341 x 46341 matrix (2147488281 entries) does not fit in one array", m);
        assertThrows(IllegalArgumentException.class, () -> Dense.length(50001));
    }
}
