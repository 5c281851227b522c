package qar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import qar.report.SampleReport;
import qar.sample.ReplicaResult;
import qar.sample.ReplicaSink;

/**
 * The finished replicas' rows of a checkpointed run with {@code --out} (FILE.rows, the header
 * and the rows of replicas.csv): they must outlive an interrupted run, so they go here rather than
 * into the output set, which gets a copy at the end. {@link #flush()} forces them to disk and
 * returns their length, which the checkpoint records; resuming cuts the file back to it.
 */
final class RowsFile implements ReplicaSink, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final BufferedWriter out;
    private IOException failure;

    private RowsFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** A fresh file with the header. */
    static RowsFile create(Path file, List<String> reservoirs) throws IOException {
        RowsFile f = new RowsFile(file, FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        f.line(SampleReport.csvHeader(reservoirs));
        return f;
    }

    /**
     * The file of an interrupted run, cut back to the {@code length} bytes its checkpoint counted.
     *
     * @throws IOException if it is missing or shorter
     */
    static RowsFile resume(Path file, long length) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < length) {
            throw new IOException(file + " is missing or shorter than the checkpoint says (" + length + " bytes)");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        ch.truncate(length);
        ch.position(length);
        return new RowsFile(file, ch);
    }

    Path file() {
        return file;
    }

    @Override
    public void accept(List<ReplicaResult> replicas) {
        for (ReplicaResult r : replicas) {
            line(SampleReport.csvRow(r));
        }
    }

    private void line(String s) {
        if (failure != null) {
            return;
        }
        try {
            out.write(s);
            out.newLine();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public long flush() {
        if (failure == null) {
            try {
                out.flush();
                channel.force(false);
                return channel.position();
            } catch (IOException e) {
                failure = e;
            }
        }
        return -1;
    }

    /** Closes the file; throws the first failed write. */
    void finish() throws IOException {
        close();
        if (failure != null) {
            throw new IOException("could not write " + file + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }
}
