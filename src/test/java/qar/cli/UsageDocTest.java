package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The option tables of the manual's usage page against what each command's {@code --help} prints:
 * an option in one and not the other fails, so the manual cannot drift from the code.
 *
 * <p>The convention usage.md keeps: a table whose first header cell is "option" lists options in
 * backticks in its first column ({@code `--wtd SPEC`}, {@code `--beta-c`, `--beta-h`}); it belongs
 * to the commands named {@code `qar NAME`} in its heading, or else in the nearest enclosing heading
 * that names any. Commands and their options come from qar itself ({@code qar help}, then
 * {@code qar NAME --help}), so a command or option added to the code must be documented.
 */
class UsageDocTest {
    private static final Path USAGE = Path.of("src/site/markdown/usage.md");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern COMMAND_IN_HEADING = Pattern.compile("`qar ([a-z]+)`");
    private static final Pattern OPTION_IN_CELL = Pattern.compile("`(-[-\\w]+)[^`]*`");
    /** JCommander's usage: the options of a command at an indent of 4, their descriptions deeper. */
    private static final Pattern HELP_OPTION = Pattern.compile("^ {4}(-[-\\w]+(?:, -[-\\w]+)*)\\s*$");
    private static final Pattern HELP_COMMAND = Pattern.compile("^\\s+Usage: ([a-z]+) \\[options\\]");

    static List<String> commands() {
        List<String> names = new ArrayList<>();
        for (String line : help("help").split("\\R")) {
            Matcher m = HELP_COMMAND.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void qarHelpListsTheCommands() {
        // guards the parsing: a changed help format must not make the comparison below vacuous
        assertEquals(List.of("exact", "sample", "sweep", "relax", "merge"), commands());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void optionTablesListExactlyTheOptionsOfHelp(String command) throws IOException {
        Set<String> printed = helpOptions(command);
        assertTrue(printed.contains("--help") && printed.size() >= 3, "parsed from --help: " + printed);
        Set<String> documented = documented().getOrDefault(command, Set.of());
        Set<String> missing = new TreeSet<>(printed);
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(printed);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "qar " + command + ": in --help but not in " + USAGE
                + ": " + missing + "; in " + USAGE + " but not in --help: " + extra);
    }

    @Test
    void everyDocumentedCommandExists() throws IOException {
        Set<String> documented = new TreeSet<>(documented().keySet());
        documented.removeAll(commands());
        assertTrue(documented.isEmpty(), USAGE + " documents options of commands qar does not have: " + documented);
    }

    @Test
    void theParserSeesEveryKindOfRow() {
        // one model-option row with an escaped pipe, a row of three options, a row of notes without options
        String doc = """
                ## Model options (`qar exact`, `qar sweep`)

                | option | meaning | default |
                | --- | --- | --- |
                | `--model full\\|reduced` | x | `full` |
                | `--beta-c`, `--beta-h`, `--beta-w` | y | 2, 1, 0.001 |

                ### Even N (no command named: still the model options' commands)

                | field | meaning |
                | --- | --- |
                | `--not-an-option-table` | z |

                ## `qar sweep`

                | option | meaning | default |
                | --- | --- | --- |
                | `--sweep OPT=a:b:step` | w | required |
                | model options | fix every other parameter | |
                """;
        Map<String, Set<String>> d = parse(doc.lines().toList());
        assertEquals(Set.of("--model", "--beta-c", "--beta-h", "--beta-w"), d.get("exact"));
        assertEquals(Set.of("--model", "--beta-c", "--beta-h", "--beta-w", "--sweep"), d.get("sweep"));
        assertFalse(d.containsKey("relax"));
    }

    /** Options per command, from the option tables of usage.md. */
    private static Map<String, Set<String>> documented() throws IOException {
        return parse(Files.readAllLines(USAGE, StandardCharsets.UTF_8));
    }

    static Map<String, Set<String>> parse(List<String> lines) {
        Map<String, Set<String>> out = new TreeMap<>();
        // the commands of the heading at each level; null where no heading of that level is open
        List<Set<String>> scope = new ArrayList<>(java.util.Collections.nCopies(7, (Set<String>) null));
        scope.set(0, Set.of());
        int level = 0;
        boolean fence = false;
        boolean inOptionTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                level = h.group(1).length();
                Set<String> named = new TreeSet<>();
                Matcher c = COMMAND_IN_HEADING.matcher(h.group(2));
                while (c.find()) {
                    named.add(c.group(1));
                }
                Set<String> parent = Set.of();
                for (int k = level - 1; k >= 0; k--) {
                    if (scope.get(k) != null) {
                        parent = scope.get(k);
                        break;
                    }
                }
                scope.set(level, named.isEmpty() ? parent : named);
                for (int k = level + 1; k < scope.size(); k++) {
                    scope.set(k, null);
                }
                continue;
            }
            if (!line.startsWith("|")) {
                inOptionTable = false;
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            String first = cells.length > 1 ? cells[1].trim() : "";
            boolean header = i == 0 || !lines.get(i - 1).startsWith("|");
            if (header) {
                inOptionTable = first.equals("option");
                if (inOptionTable && scope.get(level).isEmpty()) {
                    throw new AssertionError(USAGE + " line " + (i + 1) + ": an option table under no heading naming "
                            + "a command (`qar NAME`)");
                }
                continue;
            }
            if (!inOptionTable || first.startsWith("---")) {
                continue;
            }
            Matcher o = OPTION_IN_CELL.matcher(first);
            while (o.find()) {
                for (String command : scope.get(level)) {
                    out.computeIfAbsent(command, k -> new TreeSet<>()).add(o.group(1));
                }
            }
        }
        return out;
    }

    /** Every name (and alias) of every option that {@code qar COMMAND --help} prints. */
    private static Set<String> helpOptions(String command) {
        Set<String> names = new TreeSet<>();
        for (String line : help(command, "--help").split("\\R")) {
            Matcher m = HELP_OPTION.matcher(line);
            if (m.matches()) {
                names.addAll(List.of(m.group(1).split(", ")));
            }
        }
        return names;
    }

    private static String help(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Qar.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
