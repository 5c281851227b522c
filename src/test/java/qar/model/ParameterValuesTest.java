package qar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void aValidModelRoundTrips() {
        ModelParameters p = ModelParameters.defaults().withN(7);
        assertEquals(p, ParameterValues.of(p).parameters(ModelKind.FULL));
        assertEquals(p.withKind(ModelKind.REDUCED), ParameterValues.of(p).parameters(ModelKind.REDUCED));
    }

    @Test
    void everyNameReadsAndSetsItsOwnField() {
        ParameterValues zero = ParameterValues.of(name -> 0);
        for (int k = 0; k < ParameterValues.NAMES.size(); k++) {
            String name = ParameterValues.NAMES.get(k);
            ParameterValues one = zero.with(name, k + 1);
            for (String other : ParameterValues.NAMES) {
                assertEquals(other.equals(name) ? k + 1 : 0, one.get(other), name + " set, " + other + " read");
            }
        }
        // the record's components are in the order of NAMES
        ParameterValues byIndex = ParameterValues.of(name -> ParameterValues.NAMES.indexOf(name));
        assertEquals(new ParameterValues(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), byIndex);
        assertThrows(IllegalArgumentException.class, () -> zero.get("beta-c"));
        assertThrows(IllegalArgumentException.class, () -> zero.with("nope", 1));
    }

    @Test
    void valuesThatAreNoModelSayWhich() {
        ParameterValues p = ParameterValues.of(ModelParameters.defaults());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> p.with("N", 3.5).parameters(ModelKind.FULL));
        assertEquals(java.util.List.of("N"), e.parameters());
        assertThrows(InvalidParameterException.class, () -> p.with("gammaC", -1).parameters(ModelKind.FULL));
    }
}
