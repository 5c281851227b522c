package qar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file completely to a temporary sibling, then renames it into place. */
final class AtomicOutput {
    private AtomicOutput() {
    }

    /** Body of a write; may throw. */
    interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
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

    /** Fails early, before any work, if {@code dir} could not take output files. */
    static void checkWritable(String option, Path dir) {
        Path p = dir.toAbsolutePath();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                throw UsageException.of(option, dir, "exists and is not a directory");
            }
            if (!Files.isWritable(p)) {
                throw UsageException.of(option, dir, "is not writable");
            }
            return;
        }
        Path parent = p.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw UsageException.of(option, dir, "cannot be created (no writable parent directory)");
        }
    }
}
