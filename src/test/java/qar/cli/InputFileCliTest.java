package qar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --process FILE} and {@code @FILE} read only regular files up to a size limit: a device,
 * a FIFO without a writer, a directory or a huge file is one line and exit 2 at once, never a
 * read for ever or an OutOfMemoryError.
 */
class InputFileCliTest {
    private static final Duration PROMPT = Duration.ofSeconds(20);

    private static void refusedPromptly(String expected, String... args) {
        QarCliTest.Result r = assertTimeoutPreemptively(PROMPT, () -> QarCliTest.run(args));
        QarCliTest.assertRefused(r, expected);
    }

    @Test
    void aDeviceIsRefused() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        refusedPromptly("--process = /dev/zero: cannot be read: it is a device, pipe or socket, not a regular file"
                + " (expected a JSON file of at most 16.0 MiB)", "exact", "--process", "/dev/zero");
        refusedPromptly("@/dev/zero: cannot be read: it is a device, pipe or socket, not a regular file"
                + " (expected a text file of arguments of at most 1.0 MiB)", "exact", "@/dev/zero");
        refusedPromptly("--process = /dev/zero", "sample", "--process", "/dev/zero");
    }

    @Test
    void aFifoWithoutWriterIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        int rc;
        try {
            rc = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0 && Files.exists(fifo), "mkfifo is not available");
        refusedPromptly("--process = " + fifo + ": cannot be read: it is a device, pipe or socket",
                "exact", "--process", fifo.toString());
        refusedPromptly("@" + fifo + ": cannot be read: it is a device, pipe or socket", "exact", "@" + fifo);
        // an @ line inside a file names the FIFO: checked the same way
        Path args = dir.resolve("outer.args");
        Files.writeString(args, "--N\n5\n@" + fifo + "\n");
        refusedPromptly("@" + fifo + ": cannot be read", "exact", "@" + args);
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        refusedPromptly("@" + dir + ": cannot be read: it is a directory (expected a text file of arguments",
                "exact", "@" + dir);
        refusedPromptly("--process = " + dir + ": cannot be read: it is a directory (expected a JSON file",
                "exact", "--process", dir.toString());
    }

    /** Sparse files: the size is refused before a byte is read. */
    @Test
    void aFileAboveTheLimitIsRefused(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(json.toFile(), "rw")) {
            f.setLength(InputFile.MAX_PROCESS_BYTES + 1);
        }
        refusedPromptly("--process = " + json + ": is too large, 16.0 MiB (expected a JSON file of at most 16.0 MiB)",
                "exact", "--process", json.toString());
        Path args = dir.resolve("huge.args");
        try (RandomAccessFile f = new RandomAccessFile(args.toFile(), "rw")) {
            f.setLength(5L << 30);
        }
        refusedPromptly("@" + args + ": is too large, 5.0 GiB (expected a text file of arguments of at most 1.0 MiB)",
                "exact", "@" + args);
        // at the limit exactly, a file is read (and here refused for its content, not its size)
        Path edge = dir.resolve("edge.args");
        Files.write(edge, new byte[(int) InputFile.MAX_ARGS_BYTES]);
        QarCliTest.Result r = QarCliTest.run("exact", "@" + edge);
        assertEquals(2, r.code(), r.err());
        assertEquals(false, r.err().contains("too large"), r.err());
    }
}
