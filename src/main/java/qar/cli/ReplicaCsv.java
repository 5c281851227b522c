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
    /** The running SHA-256, byte count and line count of what was written (with a kept prefix). */
    private final java.security.MessageDigest sha = CampaignFile.digest();
    private long bytes;
    private long lines;
    /** The sums at the last few flushed positions, for the checkpoints that record them. */
    private final java.util.LinkedHashMap<Long, Sum> flushed = new java.util.LinkedHashMap<>();

    /**
     * What a results file's reader checks it against: its data rows (the header not counted), its
     * length in bytes and its SHA-256 (hex).
     */
    record Sum(long rows, long bytes, String sha256) {
        com.fasterxml.jackson.databind.node.ObjectNode json() {
            com.fasterxml.jackson.databind.node.ObjectNode o = qar.report.Json.object();
            o.put("rows", rows);
            o.put("bytes", bytes);
            o.put("sha256", sha256);
            return o;
        }

        static Sum read(com.fasterxml.jackson.databind.JsonNode o, String where) throws IOException {
            CampaignFile.fields(o, where, List.of("rows", "bytes", "sha256"));
            if (!o.get("sha256").isTextual()) {
                throw new IOException(where + ".sha256 is not text");
            }
            return new Sum(CampaignFile.integer(o, "rows", 0, Long.MAX_VALUE),
                    CampaignFile.integer(o, "bytes", 0, Long.MAX_VALUE), o.get("sha256").asText());
        }
    }

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
    static ReplicaCsv durable(Path file, List<String> reservoirs, long keep, Sum keepSum) throws IOException {
        FileChannel ch;
        if (keep < 0) {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } else {
            if (!Files.isRegularFile(file) || Files.size(file) < keep) {
                throw new IOException(file + " is missing or shorter than the checkpoint says (" + keep + " bytes)");
            }
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        ReplicaCsv csv = new ReplicaCsv(new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch),
                StandardCharsets.UTF_8), 1 << 16), ch, file,
                e -> new IOException("could not write " + file + ": " + e.getMessage(), e));
        if (keep < 0) {
            csv.line(SampleReport.csvHeader(reservoirs));
        } else {
            // the kept rows must be those the checkpoint summed: read them through the digest
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
            ch.position(0);
            for (long left = keep; left > 0;) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf);
                if (n <= 0) {
                    break;
                }
                csv.sha.update(buf.array(), 0, n);
                for (int k = 0; k < n; k++) {
                    csv.lines += buf.array()[k] == '\n' ? 1 : 0;
                }
                csv.bytes += n;
                left -= n;
            }
            Sum prefix = csv.sum();
            if (keepSum != null && !prefix.equals(keepSum)) {
                ch.close();
                throw new IOException(file + " does not hold the rows its checkpoint summed (" + keepSum.rows()
                        + " rows, " + keepSum.bytes() + " bytes, SHA-256 " + keepSum.sha256() + "; found "
                        + prefix.rows() + " rows, SHA-256 " + prefix.sha256() + ")");
            }
            ch.truncate(keep);
            ch.position(keep);
        }
        return csv;
    }

    /** The sum of what was written so far: rows (the header not counted), bytes and SHA-256. */
    Sum sum() {
        try {
            java.security.MessageDigest copy = (java.security.MessageDigest) sha.clone();
            return new Sum(Math.max(0, lines - 1), bytes, java.util.HexFormat.of().formatHex(copy.digest()));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sum at a position {@link #flush()} returned, or null if it is no longer kept. */
    synchronized Sum flushedSum(long position) {
        return flushed.get(position);
    }

    /**
     * Checks a replicas.csv written before against its sum, its replica indices (the first
     * column must run from {@code first} up, one per row) and the jumps per reservoir its tallies
     * hold (the last columns, summed), and returns null, or what is wrong.
     */
    static String verify(Path csv, Sum expected, long first, long[] jumps) throws IOException {
        java.security.MessageDigest md = CampaignFile.digest();
        long size = 0;
        long rows = -1;
        long next = first;
        String bad = null;
        long[] summed = new long[jumps.length];
        try (java.io.InputStream raw = Files.newInputStream(csv);
                java.security.DigestInputStream in = new java.security.DigestInputStream(
                        new java.io.BufferedInputStream(raw, 1 << 16), md)) {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                size++;
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                if (rows >= 0 && bad == null) {
                    String[] cells = line.toString().split(",", -1);
                    if (cells.length != 3 + 2 * jumps.length || !cells[0].equals(Long.toString(next))) {
                        bad = "row " + (rows + 1) + " is not replica " + next + "'s";
                    } else {
                        try {
                            for (int r = 0; r < jumps.length; r++) {
                                summed[r] += Long.parseLong(cells[3 + jumps.length + r]);
                            }
                        } catch (NumberFormatException e) {
                            bad = "row " + (rows + 1) + " holds a jump count that is not an integer";
                        }
                    }
                    next++;
                }
                rows++;
                line.setLength(0);
            }
            if (line.length() > 0) {
                return "it ends inside a line (cut short?)";
            }
        }
        String sha = java.util.HexFormat.of().formatHex(md.digest());
        if (rows != expected.rows() || size != expected.bytes()) {
            return "it has " + Math.max(0, rows) + " rows in " + size + " bytes, expected " + expected.rows() + " rows in "
                    + expected.bytes() + " bytes";
        }
        if (bad != null) {
            return bad;
        }
        if (!sha.equals(expected.sha256())) {
            return "its SHA-256 is " + sha + ", expected " + expected.sha256();
        }
        if (!java.util.Arrays.equals(summed, jumps)) {
            return "its rows hold " + java.util.Arrays.toString(summed) + " jumps per reservoir, the tallies "
                    + java.util.Arrays.toString(jumps);
        }
        return null;
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
                long at = channel.position();
                synchronized (this) {
                    flushed.put(at, sum());
                    if (flushed.size() > 8) {
                        flushed.remove(flushed.keySet().iterator().next());
                    }
                }
                return at;
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
            byte[] b = (s + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            sha.update(b);
            bytes += b.length;
            lines++;
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
