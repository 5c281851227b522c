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
import java.util.function.UnaryOperator;
import qar.report.SampleReport;
import qar.sample.ReplicaResult;
import qar.sample.ReplicaSink;

/**
 * Streams replicas.csv while the campaign runs, so that no row is kept: into an output set, or,
 * for a checkpointed run, into FILE.rows beside the checkpoint ({@link #durable}), which outlives
 * an interruption and which the set's replicas.csv copies at the end. A failed write does not stop
 * the campaign: it is kept, later rows are dropped, and {@link #finish()} reports it once the
 * results are on standard output.
 */
final class ReplicaCsv implements ReplicaSink, AutoCloseable {
    private final BufferedWriter out;
    /** The file's channel where rows must be made durable for checkpoints; null otherwise. */
    private final FileChannel channel;
    private final Path file;
    /** Names the file in a failure. */
    private final UnaryOperator<IOException> named;
    private IOException failure;

    private ReplicaCsv(BufferedWriter out, FileChannel channel, Path file, UnaryOperator<IOException> named) {
        this.out = out;
        this.channel = channel;
        this.file = file;
        this.named = named;
    }

    /** Opens the set's replicas.csv and writes its header. */
    static ReplicaCsv open(OutputSet set, List<String> reservoirs) throws IOException {
        ReplicaCsv csv = new ReplicaCsv(set.writer(OutputSet.REPLICAS), null, null,
                e -> set.failure(OutputSet.REPLICAS, e));
        csv.line(SampleReport.csvHeader(reservoirs));
        return csv;
    }

    /**
     * The rows of a checkpointed run: a fresh {@code file} with the header, or ({@code keep} >= 0)
     * the file of an interrupted run cut back to the {@code keep} bytes its checkpoint counted.
     *
     * @throws IOException if the file to continue is missing or shorter
     */
    static ReplicaCsv durable(Path file, List<String> reservoirs, long keep) throws IOException {
        FileChannel ch;
        if (keep < 0) {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } else {
            if (!Files.isRegularFile(file) || Files.size(file) < keep) {
                throw new IOException(file + " is missing or shorter than the checkpoint says (" + keep + " bytes)");
            }
            ch = FileChannel.open(file, StandardOpenOption.WRITE);
            ch.truncate(keep);
            ch.position(keep);
        }
        ReplicaCsv csv = new ReplicaCsv(new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch),
                StandardCharsets.UTF_8), 1 << 16), ch, file,
                e -> new IOException("could not write " + file + ": " + e.getMessage(), e));
        if (keep < 0) {
            csv.line(SampleReport.csvHeader(reservoirs));
        }
        return csv;
    }

    @Override
    public void accept(List<ReplicaResult> replicas) {
        for (ReplicaResult r : replicas) {
            line(SampleReport.csvRow(r));
        }
    }

    /** Copies the rows (not the header) of another replicas.csv: a shard's, or a checkpointed run's. */
    void copyRows(Path csv) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                line(l);
            }
        }
    }

    /** The durable file's rows so far forced to disk, and their length; -1 for the set's file or after a failure. */
    @Override
    public long flush() {
        if (channel != null && failure == null) {
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

    /** The durable file, or null. */
    Path file() {
        return file;
    }

    /** Records a failure met elsewhere (the durable rows could not be read back), for {@link #finish()}. */
    void fail(IOException e) {
        failure = failure == null ? e : failure;
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

    /** Closes the file after the campaign; throws the first failed write, naming the file. */
    void finish() throws IOException {
        close();
        if (failure != null) {
            throw named.apply(failure);
        }
    }

    /** Closes the file; a failure is kept for {@link #finish()}. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }
}
