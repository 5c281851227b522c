package qar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import qar.job.CampaignId;
import qar.sample.RunControl;

/** Writes checkpoints; a failed write is said once on stderr and does not stop the campaign. */
final class CheckpointSaver implements RunControl.Saver {
    private final Path file;
    private final CampaignId identity;
    private final qar.job.ShardIndex shard;
    private final PrintStream err;
    private final ReplicaCsv rows;
    private IOException failure;
    private boolean warned;

    CheckpointSaver(Path file, CampaignId identity, qar.job.ShardIndex shard, PrintStream err, ReplicaCsv rows) {
        this.file = file;
        this.identity = identity;
        this.shard = shard;
        this.err = err;
        this.rows = rows;
    }

    @Override
    public void save(qar.sample.CampaignState state) {
        try {
            ReplicaCsv.Sum sum = null;
            if (state.rowsPosition() >= 0) {
                sum = rows == null ? null : rows.flushedSum(state.rowsPosition());
                if (sum == null) {
                    throw new IOException("the sum of the rows at byte " + state.rowsPosition() + " is not known");
                }
            }
            new Checkpoint(file, identity, shard.index(), state, sum).write();
            failure = null;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            if (!warned) {
                warned = true;
                err.println("qar sample: warning: checkpoint " + file + " could not be written ("
                        + e.getMessage() + "); the campaign goes on");
            }
        }
    }

    void warnIfFailed() {
        if (failure != null) {
            err.println("qar sample: warning: the last checkpoint write failed (" + failure.getMessage() + ")");
        }
    }
}
