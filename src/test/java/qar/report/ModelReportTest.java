package qar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelReportTest {
    /** Trailing zeros go from the mantissa only: 1e-300 once printed as 1e-3, 1e5 as 1. */
    @ParameterizedTest
    @CsvSource({"1e-300, 1e-300", "100000, 100000", "1e7, 1e+07", "2.5, 2.5", "1000, 1000", "0.001, 0.001",
        "0.1, 0.1", "1234567, 1.23457e+06", "0, 0", "-2.50, -2.5"})
    void numbersKeepTheirExponent(double v, String expected) {
        assertEquals(expected, ModelReport.num(v));
    }
}
