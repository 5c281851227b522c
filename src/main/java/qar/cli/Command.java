package qar.cli;

import java.io.PrintStream;

/** A subcommand: options are filled in by JCommander, then run once. */
interface Command {
    /** True if --help was given. */
    boolean help();

    /** @return the exit code */
    int run(PrintStream out, PrintStream err) throws Exception;
}
