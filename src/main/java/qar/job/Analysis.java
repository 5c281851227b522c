package qar.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import qar.model.JumpProcess;
import qar.model.RecordValues;
import qar.sample.GroupPart;
import qar.sample.Probe;

/**
 * One analysis of a sampling campaign as one unit: what its trajectories record ({@link
 * #probe}: the per-group tally and the recorder), how its groups' tallies and the exact solution
 * become its result ({@link #result}), and how that result is printed ({@link Result}). A new
 * analysis is such a class and one line in {@link Analyses}; the campaign, {@link SampleJob}, the
 * shard and checkpoint files and every output loop over the analyses without naming them.
 */
public interface Analysis {
    /**
     * What the trajectories record for it; null for the built-in waiting times and windows, whose
     * parts the {@link qar.sample.Recording} makes from its watched sets and window lengths.
     */
    Probe probe();

    /** Its result from its part of every group's tally ({@link qar.sample.GroupTally#part}), in group order. */
    Result result(List<GroupPart> groups);

    /**
     * What an analysis is built from: the job's process, exact solution and settings.
     *
     * @param windows the window lengths (--window), in the order given
     */
    record Setup(JumpProcess process, ExactJob.Result exact, double time, long replicas, double[] windows) {
        public Setup {
            windows = windows.clone();
        }

        @Override
        public double[] windows() {
            return windows.clone();
        }

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

    /** A result as the outputs show it. */
    interface Result {
        /** Its lines of the terminal table, each ending in a line separator. */
        String table();

        /** Adds its fields to the summary JSON. */
        void json(ObjectNode root);

        /** Its CSV files of an output folder, by name (names from its registration, {@link Analyses}). */
        Map<String, String> files();
    }
}
