package qar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a file named on the command line ({@code --process FILE}, {@code @FILE}): only a regular
 * file, and only up to a size limit far above any real input. The type is checked before the file
 * is opened, so a FIFO without a writer is refused instead of blocking, and /dev/zero or a huge
 * file is refused instead of filling the heap.
 */
final class InputFile {
    /** Largest {@code --process} file: a JSON rate equation of ~100,000 channels is about 10 MB. */
    static final long MAX_PROCESS_BYTES = 16L << 20;
    /** Largest {@code @} file of arguments: a real one holds a few hundred bytes. */
    static final long MAX_ARGS_BYTES = 1L << 20;
    /** Largest shard.json or checkpoint: their tallies take a few MB at the largest campaigns. */
    static final long MAX_RESULT_BYTES = 1L << 30;

    private InputFile() {
    }

    /**
     * @param shown how messages name the file, e.g. {@code "--process = x.json"} or {@code "@x.args"}
     * @param path  the file as typed
     * @param limit the most bytes accepted
     * @param kind  what the file should be, for the message ("a JSON file", "a text file")
     * @throws UsageException naming the file where it is missing, not a regular file, or too large
     */
    static byte[] read(String shown, String path, long limit, String kind) {
        String allowed = " (expected " + kind + " of at most " + size(limit) + ")";
        Path p;
        BasicFileAttributes a;
        try {
            p = Path.of(path);
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException | InvalidPathException e) {
            throw new UsageException(shown + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!a.isRegularFile()) {
            String what = a.isDirectory() ? "a directory" : "a device, pipe or socket, not a regular file";
            throw new UsageException(shown + ": cannot be read: it is " + what + allowed);
        }
        if (a.size() > limit) {
            throw new UsageException(shown + ": is too large, " + size(a.size()) + allowed);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(p)) {
            // the file may have grown since its size was read: never read past the limit
            bytes = in.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw new UsageException(shown + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > limit) {
            throw new UsageException(shown + ": is too large, over " + size(limit) + allowed);
        }
        return bytes;
    }

    static String size(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%d bytes", bytes);
        }
        return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
