package qar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a file completely to a temporary sibling, then renames it into place. */
final class AtomicOutput {
    private AtomicOutput() {
    }

    /** Body of a write; may throw. */
    interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    /**
     * @throws IOException naming {@code target} and the cause; the caller has printed the results
     *                     to standard output already
     */
    static void write(Path target, Body body) throws IOException {
        try {
            writeOnce(target, body);
        } catch (IOException e) {
            throw new IOException("could not write " + target + " (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage())
                    + "); the results are on standard output", e);
        }
    }

    private static void writeOnce(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a fixed temporary name: a killed run leaves at most one behind, the next run reuses it,
        // and the file is created as any other, with the user's umask
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Fails early, before any work, if {@code dir} could not take output files: creates it (and
     * its parents) and writes and deletes a probe file there, since permission bits alone say
     * nothing for root or for special file systems such as /proc.
     */
    static void checkWritable(String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw UsageException.of(option, "\"" + dir + "\"", "must name a directory");
        }
        Path p = dir.toAbsolutePath();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw UsageException.of(option, dir, "exists and is not a directory");
        }
        try {
            Files.createDirectories(p);
            Path probe = Files.createTempFile(p, ".qar-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw UsageException.of(option, dir, "is not a writable directory ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                    + e.getMessage()) + ")");
        }
    }
}
