package qar.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import qar.estimate.ReplicaMoments;

/** The always-on first part of every group: the replicas' energy and jump-count moments. Not thread-safe. */
final class MomentsPart implements GroupPart {
    private final ReplicaMoments moments;

    MomentsPart(ReplicaMoments moments) {
        this.moments = moments;
    }

    ReplicaMoments moments() {
        return moments;
    }

    @Override
    public void combine(GroupPart other) {
        moments.combine(((MomentsPart) other).moments);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        moments.write(out);
    }

    static MomentsPart read(DataInput in) throws IOException {
        return new MomentsPart(ReplicaMoments.read(in));
    }
}
