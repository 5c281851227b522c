package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An internal failure says one line; QAR_STACKTRACE=1 adds its stack trace, causes included. */
class InternalFailureTest {
    private static String report(String stackTrace, Exception e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(Qar.EXIT_FAILURE, Qar.internalFailure("sample", e, err, stackTrace));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Exception failure() {
        return new IllegalStateException("the tally\nbroke", new ArithmeticException("deep cause"));
    }

    @Test
    void oneLineWithoutTheVariable() {
        for (String value : new String[] {null, "", "0", "yes"}) {
            String err = report(value, failure());
            assertEquals(1, err.lines().count(), value + ": " + err);
            assertTrue(err.startsWith("qar sample: the tally"), err);
            assertFalse(err.contains("\tat "), err);
        }
        assertEquals("qar sample: java.lang.NullPointerException" + System.lineSeparator(),
                report(null, new NullPointerException()), "a failure without a message names its kind");
    }

    @Test
    void theStackTraceFollowsTheLineWithTheVariable() {
        String err = report("1", failure());
        String[] lines = err.split("\\R");
        assertTrue(lines[0].startsWith("qar sample: the tally"), err);
        assertTrue(lines[1].startsWith("java.lang.IllegalStateException"), err);
        assertTrue(err.contains("\tat qar.cli.InternalFailureTest.failure"), err);
        assertTrue(err.contains("Caused by: java.lang.ArithmeticException: deep cause"), err);
        assertEquals("QAR_STACKTRACE", Qar.STACK_TRACE);
    }
}
