package qar.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of every command, found through JCommander so that a new option is covered the day
 * it is added: a missing value, an empty value, a value given twice, a flag given twice; and the
 * outputs: a closed or full standard output.
 */
class OptionBatteryTest {
    record Option(String command, String name, boolean flag, boolean list) {
        @Override
        public String toString() {
            return command + " " + name;
        }
    }

    static Stream<Option> options() {
        List<Option> out = new ArrayList<>();
        java.util.Map<String, Command> commands = new java.util.LinkedHashMap<>();
        commands.put("exact", new ExactCommand());
        commands.put("sample", new SampleCommand());
        commands.put("sweep", new SweepCommand());
        commands.put("relax", new RelaxCommand());
        commands.put("merge", new MergeCommand());
        for (java.util.Map.Entry<String, Command> e : commands.entrySet()) {
            String name = e.getKey();
            Command c = e.getValue();
            JCommander jc = JCommander.newBuilder().addObject(c).build();
            jc.parse();
            for (ParameterDescription d : jc.getParameters()) {
                Class<?> type = d.getParameterized().getType();
                boolean flag = type == boolean.class || type == Boolean.class;
                out.add(new Option(name, d.getLongestName(), flag, List.class.isAssignableFrom(type)));
            }
        }
        return out.stream();
    }

    private static void oneLineExit2(QarCliTest.Result r, String mustName) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(mustName), r.err());
        assertEquals("", r.out());
    }

    @Test
    void everyCommandHasItsOptions() {
        assertTrue(options().filter(o -> o.command().equals("sample")).count() > 20);
        assertTrue(options().filter(o -> o.command().equals("exact")).count() > 18);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void aMissingOrEmptyValueIsOneLineNamingTheOption(Option o) {
        if (o.flag()) {
            return;
        }
        oneLineExit2(QarCliTest.run(o.command(), o.name()), o.name());
        oneLineExit2(QarCliTest.run(o.command(), o.name(), ""), o.name());
        oneLineExit2(QarCliTest.run(o.command(), o.name(), " "), o.name());
    }

    /** A single-valued option given twice is ambiguous: refused, naming it; a flag twice is one flag. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void anOptionGivenTwice(Option o) {
        if (o.flag()) {
            QarCliTest.Result r = QarCliTest.run(o.command(), o.name(), o.name(), "--help");
            assertEquals(0, r.code(), r.err());
            return;
        }
        if (o.list()) {
            return;
        }
        oneLineExit2(QarCliTest.run(o.command(), o.name(), "1", o.name(), "1"), o.name());
    }

    /** Standard output that cannot be written (a full disk, here /dev/full): exit 1 and one line. */
    @Test
    void aFullStandardOutputFailsTheRun(@TempDir Path dir) throws IOException, InterruptedException {
        for (String[] args : new String[][] {{"exact", "--json"}, {"exact"}, {"sample", "--quiet", "--replicas", "16",
                "--time", "1", "--seed", "1"}, {"sweep", "--N", "5", "--sweep", "beta-c=1,2"}}) {
            Path err = dir.resolve("err.txt");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Qar.class.getName()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectOutput(new File("/dev/full"))
                    .redirectError(err.toFile()).start();
            assertEquals(1, p.waitFor(), String.join(" ", args));
            String text = Files.readString(err);
            List<Executable> checks = List.of(
                    () -> assertEquals(1, text.strip().lines().count(), text),
                    () -> assertTrue(text.contains("standard output could not be written"), text));
            assertAll(checks);
        }
    }

    /** --engine takes direct, aggregated or auto, exactly. */
    @Test
    void engineValuesOtherThanTheThreeAreRefused() {
        for (String bad : new String[] {"Direct", "gillespie", "aggregate", "auto ", "1", "direct,auto"}) {
            oneLineExit2(QarCliTest.run("sample", "--engine", bad), "--engine");
        }
    }
}
