package qar.sample;

/**
 * One replica of a sampling campaign.
 *
 * @param energy energy quanta that entered the system from each reservoir
 * @param jumps  number of jumps through each reservoir
 */
public record ReplicaResult(long index, int startLevel, int endLevel, long[] energy, long[] jumps) {
}
