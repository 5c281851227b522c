package qar.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the {@code @file} arguments that JCommander expands before it sees them: each must be
 * a regular file of UTF-8 text of at most {@link InputFile#MAX_ARGS_BYTES}, and none may include itself through a chain of {@code @} lines (JCommander
 * would expand that for ever).
 */
final class AtFiles {
    private AtFiles() {
    }

    static void check(String[] args) {
        for (String a : args) {
            if (a.startsWith("@")) {
                visit(a.substring(1), new HashSet<>());
            }
        }
    }

    private static void visit(String name, Set<Path> open) {
        Path p = Path.of(name);
        Path key;
        try {
            key = p.toRealPath();
        } catch (IOException e) {
            throw new UsageException("@" + name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!open.add(key)) {
            throw new UsageException("@" + name + " includes itself through @ lines");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(InputFile.read("@" + name, name, InputFile.MAX_ARGS_BYTES,
                            "a text file of arguments")))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("@" + name + " is not UTF-8 text");
        }
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("@")) {
                visit(l.substring(1), open);
            }
        }
        open.remove(key);
    }
}
