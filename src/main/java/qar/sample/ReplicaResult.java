package qar.sample;

import qar.model.RecordValues;

/**
 * One replica of a sampling campaign.
 *
 * @param energy energy quanta that entered the system from each reservoir
 * @param jumps  number of jumps through each reservoir
 */
public record ReplicaResult(long index, int startLevel, int endLevel, long[] energy, long[] jumps) {
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.text(this);
    }
}
