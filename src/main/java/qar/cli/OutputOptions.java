package qar.cli;

import com.beust.jcommander.Parameter;

/** Options every command shares besides the model: the output form, and help. */
final class OutputOptions {
    @Parameter(names = "--json", description = "print one JSON object (schema: src/site/markdown/outputs.md) instead of the table",
            order = 90)
    boolean json;

    @Parameter(names = {"--help", "-h"}, help = true, description = "show this help", order = 99)
    boolean help;
}
