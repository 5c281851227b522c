package qar.cli;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point: {@code qar <command> [options]}. */
public final class Qar {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 1;

    private Qar() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        mainOut = out;
        int code = run(args, out, System.err);
        out.flush();
        if (out.checkError() && code == 0) {
            // a full disk or a closed pipe: the results did not arrive, so the run did not succeed
            System.err.println("qar: standard output could not be written; the results are lost");
            code = EXIT_FAILURE;
        }
        System.exit(code);
    }

    /** The standard output of {@link #main}, flushed by a shutdown hook that let a run finish its outputs. */
    private static volatile PrintStream mainOut;

    static void flushStandardOutput() {
        PrintStream o = mainOut;
        if (o != null) {
            o.flush();
        }
    }

    /** Runs one command; returns the exit code. Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("exact", new ExactCommand());
        commands.put("sample", new SampleCommand());
        commands.put("sweep", new SweepCommand());
        commands.put("relax", new RelaxCommand());
        commands.put("merge", new MergeCommand());
        JCommander.Builder builder = JCommander.newBuilder().programName("qar")
                .addConverterInstanceFactory(Qar::numberConverter);
        MainOptions main = new MainOptions();
        builder.addObject(main);
        for (Map.Entry<String, Command> e : commands.entrySet()) {
            builder.addCommand(e.getKey(), e.getValue());
        }
        JCommander jc = builder.build();
        try {
            AtFiles.check(args);
        } catch (UsageException e) {
            err.println("qar: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (args.length == 1 && args[0].equals("help")) {
            out.print(usage(jc, null));
            return 0;
        }
        try {
            jc.parse(withoutRepeatedFlags(args));
        } catch (ParameterException e) {
            java.util.regex.Matcher unknown = java.util.regex.Pattern.compile("Expected a command, got (.*)")
                    .matcher(oneLine(e.getMessage()));
            if (unknown.matches()) {
                err.println("qar: unknown command '" + unknown.group(1) + "'; the commands are "
                        + String.join(", ", commands.keySet()) + " (qar <command> --help lists its options)");
            } else {
                err.println("qar: " + oneLine(e.getMessage()));
            }
            return EXIT_USAGE;
        } catch (UsageException e) {
            // a number that is not a plain decimal: the converters below name the option
            String name = jc.getParsedCommand();
            err.println((name == null ? "qar: " : "qar " + name + ": ") + e.getMessage());
            return EXIT_USAGE;
        }
        if (main.version) {
            out.println("qar " + version());
            return 0;
        }
        String name = jc.getParsedCommand();
        if (name == null) {
            if (main.help || args.length == 0) {
                out.print(usage(jc, null));
                return args.length == 0 ? EXIT_USAGE : 0;
            }
            err.println("qar: no command given; expected one of " + commands.keySet());
            return EXIT_USAGE;
        }
        Command cmd = commands.get(name);
        if (cmd.help()) {
            out.print(usage(jc, name));
            return 0;
        }
        try {
            java.util.Set<String> given = given(jc.getCommands().get(name));
            ModelOptions.exclusive(given);
            if (cmd instanceof SweepCommand sweep) {
                sweep.given = given;
            }
            if (cmd instanceof SampleCommand sample) {
                sample.given = given;
            }
            return cmd.run(out, err);
        } catch (UsageException e) {
            err.println("qar " + name + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (qar.exact.UnresolvableModelException e) {
            // the parameters are legal but beyond what the arithmetic resolves: refused like bad input
            err.println("qar " + name + ": refused, the model is beyond the arithmetic: " + oneLine(e.getMessage()));
            return EXIT_USAGE;
        } catch (Exception e) {
            return internalFailure(name, e, err, System.getenv(STACK_TRACE));
        }
    }

    /** The environment variable that, set to 1, adds the stack trace of an internal failure. */
    static final String STACK_TRACE = "QAR_STACKTRACE";

    /**
     * An internal failure: one line saying what it was, even where it carries no message; its stack
     * trace follows only where {@code stackTrace} (the value of {@link #STACK_TRACE}) is "1".
     */
    static int internalFailure(String name, Exception e, PrintStream err, String stackTrace) {
        err.println("qar " + name + ": " + oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
        if ("1".equals(stackTrace)) {
            e.printStackTrace(err);
        }
        return EXIT_FAILURE;
    }

    /**
     * Reads every numeric option (a {@link DecimalArg} or {@link IntegerArg} field, or a list of them)
     * strictly; JCommander's own converters would take hex, suffixes and a leading '+'.
     */
    private static IStringConverter<?> numberConverter(Parameter parameter, Class<?> type, String option) {
        if (type == DecimalArg.class) {
            return text -> DecimalArg.parse(option, text);
        }
        if (type == IntegerArg.class) {
            return text -> IntegerArg.parse(option, text);
        }
        return null;
    }

    /** The options given on the command line (or in an @file), by their first name. */
    private static java.util.Set<String> given(JCommander command) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (com.beust.jcommander.ParameterDescription d : command.getParameters()) {
            if (d.isAssigned()) {
                out.add(d.getParameter().names()[0]);
            }
        }
        return out;
    }

    /** Switches that take no value; JCommander toggles one given twice, qar reads it once. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("--json", "--quiet", "--help", "-h",
            "--version");

    private static String[] withoutRepeatedFlags(String[] args) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return java.util.Arrays.stream(args).filter(a -> !FLAGS.contains(a) || seen.add(a)).toArray(String[]::new);
    }

    private static String usage(JCommander jc, String command) {
        StringBuilder sb = new StringBuilder();
        if (command == null) {
            jc.getUsageFormatter().usage(sb);
        } else {
            jc.getUsageFormatter().usage(command, sb);
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s*\\R\\s*", " ").trim();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Was passed main parameter '(.*)' but no main parameter was defined.*").matcher(line);
        if (m.matches()) {
            return "unknown option or argument '" + m.group(1) + "' (--help lists the options)";
        }
        return line;
    }

    /** Options before the command. */
    static final class MainOptions {
        @com.beust.jcommander.Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
        boolean help;

        @com.beust.jcommander.Parameter(names = "--version", description = "print qar's version")
        boolean version;
    }

    /** The project version, from the build (version.properties, filtered by Maven). */
    static String version() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Qar.class.getResourceAsStream("/qar/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
