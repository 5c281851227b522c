package qar.cli;

import com.beust.jcommander.JCommander;
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
        int code = run(args, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("exact", new ExactCommand());
        commands.put("sample", new SampleCommand());
        JCommander.Builder builder = JCommander.newBuilder().programName("qar");
        MainOptions main = new MainOptions();
        builder.addObject(main);
        for (Map.Entry<String, Command> e : commands.entrySet()) {
            builder.addCommand(e.getKey(), e.getValue());
        }
        JCommander jc = builder.build();
        try {
            jc.parse(args);
        } catch (ParameterException e) {
            err.println("qar: " + oneLine(e.getMessage()));
            return EXIT_USAGE;
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
            return cmd.run(out, err);
        } catch (UsageException e) {
            err.println("qar " + name + ": " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            // an internal failure: say what it was even where it carries no message
            err.println("qar " + name + ": " + oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
            return EXIT_FAILURE;
        }
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
    }
}
