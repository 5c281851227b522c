package qar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.List;
import qar.report.SampleReport;
import qar.sample.ReplicaResult;
import qar.sample.ReplicaSink;

/**
 * Streams replicas.csv into an output set while the campaign runs, so that no row is kept. A
 * failed write does not stop the campaign: it is kept, later rows are dropped, and
 * {@link #finish()} reports it once the results are on standard output.
 */
final class ReplicaCsv implements ReplicaSink, AutoCloseable {
    private final OutputSet set;
    private final BufferedWriter out;
    private IOException failure;

    private ReplicaCsv(OutputSet set, BufferedWriter out) {
        this.set = set;
        this.out = out;
    }

    /** Opens the file and writes its header. */
    static ReplicaCsv open(OutputSet set, List<String> reservoirs) throws IOException {
        BufferedWriter out = set.writer(OutputSet.REPLICAS);
        ReplicaCsv csv = new ReplicaCsv(set, out);
        csv.line(SampleReport.csvHeader(reservoirs));
        return csv;
    }

    @Override
    public void accept(List<ReplicaResult> replicas) {
        for (ReplicaResult r : replicas) {
            line(SampleReport.csvRow(r));
        }
    }

    /** Copies the rows (not the header) of a shard's replicas.csv. */
    void copyRows(java.nio.file.Path csv) throws IOException {
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(csv)) {
            in.readLine();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                line(l);
            }
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

    /** Closes the file after the campaign; throws the first failed write, naming the file. */
    void finish() throws IOException {
        close();
        if (failure != null) {
            throw set.failure(OutputSet.REPLICAS, failure);
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
