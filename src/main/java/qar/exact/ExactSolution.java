package qar.exact;

import java.util.List;
import qar.model.JumpProcess;
import qar.model.RecordValues;

/** Everything the exact solver computes for one process. */
public record ExactSolution(JumpProcess process, double[] populations, List<ReservoirStatistics> reservoirs,
                            Thermodynamics thermodynamics) {

    public ReservoirStatistics reservoir(String name) {
        for (ReservoirStatistics r : reservoirs) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no reservoir named " + name);
    }

    /** Number of cumulants computed per reservoir. */
    public int order() {
        return reservoirs.get(0).cumulants().length;
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
