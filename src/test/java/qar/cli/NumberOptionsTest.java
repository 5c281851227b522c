package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import qar.report.Json;

/**
 * Every numeric option of every command reads plain decimal numbers only, and every message about
 * a number echoes the text the user typed (issue 7, "Loose numbers").
 */
class NumberOptionsTest {
    /** Accepted by Double.parseDouble (or rounded by it to 0 or infinity), refused by qar. */
    private static final List<String> BAD_DECIMALS = List.of("0x1p3", "0x10", "1d", "2f", "2F", "1D", "+31", "+1e3",
            "031", "00.5", "-01", "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", " 1", "1 ", "\t1", "1\n", "",
            "1.", ".5", "-.5", "1e", "1e+", "1_0", "1,5", ",", "\uff11", "1e400", "-1e400", "1e-400", "-2.5e-999",
            "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000000000001");
    /** Accepted by Long.parseLong or Double.parseDouble, refused by qar. */
    private static final List<String> BAD_INTEGERS = List.of("0x1F", "1L", "1l", "+31", "031", "-01", "00", "1.0",
            "1e3", " 1", "1 ", "", "NaN", "\uff11", "\u0661", "99999999999999999999", "-99999999999999999999");

    /** The options of a command whose values are numbers, found from the fields JCommander fills. */
    private static Set<String> numericOptions(Object command, Class<?> element) {
        Set<String> out = new TreeSet<>();
        for (ParameterDescription pd : descriptions(command)) {
            if (valueType(pd) == element) {
                out.add(pd.getLongestName());
            }
        }
        return out;
    }

    /** Every option of a command, delegates included (JCommander lists them once it has parsed). */
    private static List<ParameterDescription> descriptions(Object command) {
        JCommander jc = JCommander.newBuilder().addObject(command).build();
        jc.parse();
        return jc.getParameters();
    }

    /** The type of one value of the option: the field's type, or the element type of a list. */
    private static Type valueType(ParameterDescription pd) {
        Type t = pd.getParameterized().getGenericType();
        if (t instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            return pt.getActualTypeArguments()[0];
        }
        return pd.getParameterized().getType();
    }

    private static final Set<String> MODEL = Set.of("--N", "--omega", "--beta-c", "--beta-h", "--beta-w", "--eps-c",
            "--eps-h", "--eps-w", "--delta-c", "--delta-h", "--delta-w", "--gamma-c", "--gamma-h", "--gamma-w", "--cutoff");

    /** Discovery finds every numeric option, and no option is left to JCommander's loose converters. */
    @Test
    void everyNumericOptionIsReadStrictly() {
        Set<String> exact = new TreeSet<>(numericOptions(new ExactCommand(), DecimalArg.class));
        exact.addAll(numericOptions(new ExactCommand(), IntegerArg.class));
        Set<String> sample = new TreeSet<>(numericOptions(new SampleCommand(), DecimalArg.class));
        sample.addAll(numericOptions(new SampleCommand(), IntegerArg.class));
        Set<String> expectExact = new TreeSet<>(MODEL);
        expectExact.addAll(List.of("--order", "--wtd-points", "--window"));
        Set<String> expectSample = new TreeSet<>(MODEL);
        expectSample.addAll(List.of("--time", "--replicas", "--seed", "--threads", "--wtd-points", "--window",
                "--checkpoint-every"));
        assertEquals(expectExact, exact);
        assertEquals(expectSample, sample);
        Set<Type> loose = Set.of(int.class, long.class, double.class, float.class, short.class, byte.class,
                Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class,
                java.math.BigDecimal.class, java.math.BigInteger.class);
        for (Object command : new Object[] {new ExactCommand(), new SampleCommand()}) {
            for (ParameterDescription pd : descriptions(command)) {
                assertFalse(loose.contains(valueType(pd)), pd.getLongestName() + " is read by JCommander's converter");
            }
        }
    }

    static Stream<Arguments> badNumbers() {
        List<Arguments> out = new ArrayList<>();
        for (String command : new String[] {"exact", "sample", "sweep"}) {
            Object c = command.equals("exact") ? new ExactCommand()
                    : command.equals("sample") ? new SampleCommand() : new SweepCommand();
            for (String option : numericOptions(c, DecimalArg.class)) {
                BAD_DECIMALS.forEach(text -> out.add(Arguments.of(command, option, text)));
            }
            for (String option : numericOptions(c, IntegerArg.class)) {
                BAD_INTEGERS.forEach(text -> out.add(Arguments.of(command, option, text)));
            }
        }
        return out.stream();
    }

    /** How a message shows the text: as typed, in quotes where it is empty or holds white space. */
    private static String echo(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            return "\"" + text.replace("\t", "\\t").replace("\n", "\\n") + "\"";
        }
        return text;
    }

    private static void refused(QarCliTest.Result r, String command, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("qar " + command + ": " + expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest(name = "{0} {1} ''{2}''")
    @MethodSource("badNumbers")
    void aNumberThatIsNotPlainIsRefusedWithTheTextAsTyped(String command, String option, String text) {
        QarCliTest.Result r = QarCliTest.run(command, option, text);
        refused(r, command, option + " = " + echo(text) + ": must be ");
    }

    /** The long text of an underflowing decimal is echoed whole. */
    @Test
    void underflowAndOverflowSayWhatIsAllowed() {
        refused(QarCliTest.run("exact", "--gamma-c", "1e-400"), "exact",
                "--gamma-c = 1e-400: must be 0 or at least 4.9E-324 in magnitude (it would round to 0)");
        refused(QarCliTest.run("exact", "--beta-c", "1e-400"), "exact", "--beta-c = 1e-400: must be 0 or at least");
        refused(QarCliTest.run("sample", "--omega", "1e400"), "sample",
                "--omega = 1e400: must be at most 1.7976931348623157E308 in magnitude");
        refused(QarCliTest.run("sample", "--seed", "9223372036854775808"), "sample",
                "--seed = 9223372036854775808: must be an integer from -9223372036854775808 to 9223372036854775807");
        refused(QarCliTest.run("exact", "--omega", "0x1p3"), "exact",
                "--omega = 0x1p3: must be a plain decimal number such as 2, -0.25 or 1.5e-3");
        refused(QarCliTest.run("exact", "--N", "+31"), "exact",
                "--N = +31: must be a plain integer such as 31 or -5 (decimal digits, no leading zero)");
        // each element of a list is read alone
        refused(QarCliTest.run("exact", "--window", "1", "--window", "2f"), "exact", "--window = 2f: must be ");
    }

    /** Values out of range are echoed as typed too, not as Java prints the parsed number. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exact --beta-c -0.0|--beta-c = -0.0: must be finite and > 0",
        "exact --beta-c -1e-3|--beta-c = -1e-3: must be finite and > 0",
        "exact --eps-h 0E5|--eps-h = 0E5: must be finite and > 0",
        "exact --N 1|--N = 1: must be an integer from 2 to",
        "exact --model reduced --N 6|--N = 6: must be an odd integer from 5",
        "exact --N 3000000000|--N = 3000000000: must be an integer from 2 to",
        "exact --N -9223372036854775808|--N = -9223372036854775808: must be an integer from 2 to",
        "exact --model reduced --N 3|--N = 3: must be an odd integer from 5",
        "exact --gamma-c 0 --gamma-h 0.0 --gamma-w 0e0|--gamma-c = 0: at least one of",
        "exact --order 17|--order = 17: must be an integer from 2 to 16",
        "exact --order 4294967298|--order = 4294967298: must be an integer from 2 to 16",
        "exact --wtd c --wtd-points 9|--wtd-points = 9: must be an integer from 10",
        "exact --window 0.0|--window = 0.0: must be finite and > 0",
        "exact --start 03/2 --window 1|--start = 03/2: must be a level",
        "exact --N 6 --start 1/2 --window 1|--start = 1/2: must be a level m = 0, 1, ..., 3",
        "exact --N 6 --start 4 --window 1|--start = 4: must be a level m = 0, 1, ..., 3",
        "exact --N 6 --start 01 --window 1|--start = 01: must be a level m",
        "exact --start +3/2 --window 1|--start = +3/2: must be a level",
        "exact --wtd c:3/2-01/2|--wtd = c:3/2-01/2: must be a level",
        "sample --time 1e-301|--time = 1e-301: must be finite and >= 1.0E-300",
        "sample --time 4.9e-324|--time = 4.9e-324: must be finite and >= 1.0E-300",
        "sample --replicas 15|--replicas = 15: must be an integer >= 16",
        "sample --threads 99999999999|--threads = 99999999999: must be an integer from 1 to 1024",
        "sample --threads -0|--threads = -0: must be an integer from 1 to 1024",
        "sample --time 50 --window 1e2|--window = 1e2: must not exceed --time (50)",
        "sample --time 5e1 --window 1e-5|--window = 1e-5: must be at least --time / ",
    })
    void aValueOutOfRangeIsEchoedAsTyped(String args, String expected) {
        String[] a = args.split(" ");
        refused(QarCliTest.run(a), a[0], expected);
    }

    /** Every plain form is read, to the double Java reads from it. */
    @Test
    void plainNumbersAreRead() throws IOException {
        QarCliTest.Result r = QarCliTest.run("exact", "--json", "--N", "5", "--omega", "1.0e0", "--beta-c", "25E-1",
                "--beta-h", "1.25", "--eps-c", "2", "--delta-w", "0.001", "--gamma-h", "0e0", "--order", "3",
                "--window", "0.5");
        assertEquals(0, r.code(), r.err());
        JsonNode m = Json.MAPPER.readTree(r.out()).get("model");
        assertEquals(5, m.get("N").asInt());
        assertEquals(1.0, m.get("omega").asDouble());
        assertEquals(2.5, m.get("betaC").asDouble());
        assertEquals(1.25, m.get("betaH").asDouble());
        assertEquals(0.001, m.get("deltaW").asDouble());
        assertEquals(0.0, m.get("gammaH").asDouble());
    }

    /**
     * Parameters that drive a rate beyond the doubles exited 1 with "rate NaN of channel 1 -> 0" or
     * "the stationary state is not unique"; now they are bad input naming the option and the cause.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "full|--omega 1e308|--omega = 1e308: overflow of the rates of the cold reservoir (the gap 2 Omega",
        "reduced|--omega 1e308|--omega = 1e308: overflow of the rates of the cold reservoir (the gap 2 Omega",
        "full|--omega 4.9e-324|--omega = 4.9e-324: overflow of the rates of the cold reservoir (the Bose factor",
        "reduced|--omega 4.9e-324|--omega = 4.9e-324: overflow of the rates of the cold reservoir (the Bose factor",
        "full|--beta-c 4.9e-324|--beta-c = 4.9e-324: overflow of the rates of the cold reservoir (the Bose factor",
        "reduced|--beta-c 4.9e-324|--beta-c = 4.9e-324: overflow of the rates of the cold reservoir",
        "full|--beta-w 5e-324|--beta-w = 5e-324: overflow of the rates of the work reservoir",
        "full|--eps-c 1e308|--eps-c = 1e308: overflow of the rates of the cold reservoir (the spectral density",
        "full|--gamma-c 1e308|--gamma-c = 1e308: overflow of the rates of the cold reservoir",
        "reduced|--gamma-c 1e308|--gamma-c = 1e308: overflow of the rates of the cold reservoir",
        "full|--gamma-h 17e307|--gamma-h = 17e307: overflow of the rates of the hot reservoir",
        "full|--omega 1e100|--omega = 1e100: underflow of the rates of the cold reservoir",
        "full|--delta-w 1e250|--delta-w = 1e250: underflow of the rates of the work reservoir",
        "full|--omega 1e-200 --beta-c 1e-200|--beta-c = 1e-200, --omega = 1e-200: overflow of the rates of the cold",
    })
    void ratesBeyondTheDoublesNameTheOption(String model, String args, String expected) {
        for (String command : new String[] {"exact", "sample"}) {
            List<String> a = new ArrayList<>(List.of(command, "--model", model, "--replicas", "16", "--time", "1"));
            if (command.equals("exact")) {
                a.subList(3, 7).clear();
            }
            a.addAll(List.of(args.split(" ")));
            refused(QarCliTest.run(a.toArray(String[]::new)), command, expected);
        }
    }

    /** The extremes the issue lists as legal still run, on both commands. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--omega|1e-300", "--gamma-c|1e-300", "--gamma-h|1e-300", "--beta-c|300", "--beta-h|1e3", "--delta-w|1e-12",
        "--delta-c|10", "--N|3", "--gamma-w|0", "--omega|4e1",
    })
    void legalExtremesRun(String option, String value) {
        QarCliTest.Result exact = QarCliTest.run("exact", "--json", option, value);
        assertEquals(0, exact.code(), exact.err());
        QarCliTest.Result sample = QarCliTest.run("sample", "--json", "--replicas", "16", "--time", "1", "--seed", "1",
                "--threads", "1", option, value);
        assertEquals(0, sample.code(), sample.err());
    }
}
