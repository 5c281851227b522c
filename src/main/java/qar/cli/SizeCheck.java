package qar.cli;

import java.util.Locale;
import qar.estimate.BatchCumulants;
import qar.model.ModelKind;
import qar.model.ModelParameters;

/**
 * Refuses, before any work, a model too large for this JVM's heap or for a command's algorithms:
 * one line naming --N, exit 2, instead of an OutOfMemoryError minutes later.
 */
final class SizeCheck {
    /**
     * Heap bytes per level that {@code qar exact} needs at its peak, besides 16 per level and
     * cumulant order, measured as the smallest -Xmx that completes (G1, Java 17, N = 2000001):
     * 600 at the defaults (most upward rates underflow to zero and are dropped) and 850-1000 with
     * every channel alive (all betas 1e-12). The peak holds the process, its GTH factors and
     * recursion, and one resolution probe (a perturbed copy of the process with its own factors,
     * see ExactSolver), so the worst case is taken.
     */
    static final long EXACT_BYTES_PER_LEVEL = 1000;
    static final long BYTES_PER_LEVEL_AND_ORDER = 16;
    /**
     * Heap that does not grow with N (classes, small tables): a few MB; -Xmx24m runs small models
     * (a test streams 250,000 replicas in it), so the floor must stay well below that.
     */
    static final long BASE_BYTES = 8L << 20;

    /**
     * Largest N of {@code qar sample}: its exact finite-time cumulants at the run's T
     * ({@code FiniteTimeCumulants}) are dense in the levels, (K + 1) blocks of d x d doubles and
     * O(d^3) per squaring; at N = 2001 (1001 levels) they take about 30 s on 2 cores
     * ({@code --time 1e-3}), and each doubling of N multiplies that by 8.
     */
    static final int SAMPLE_MAX_N = 2001;

    private SizeCheck() {
    }

    /** @throws UsageException where {@code qar exact} at this order would not fit in the heap */
    static void exact(ModelParameters p, int order) {
        heap(p, exactBytes(levels(p), order), Runtime.getRuntime().maxMemory());
    }

    /** @throws UsageException where N is above {@link #SAMPLE_MAX_N} or the run would not fit */
    static void sample(ModelParameters p) {
        if (p.n() > SAMPLE_MAX_N) {
            throw UsageException.of("--N", p.n(), "qar sample takes N up to " + SAMPLE_MAX_N
                    + ": its exact finite-time cumulants are dense in the levels (time grows as N^3);"
                    + " qar exact takes N up to " + ModelParameters.MAX_N);
        }
        long d = levels(p);
        long dense = 3L * (BatchCumulants.ORDER + 1) * d * d * Double.BYTES;
        heap(p, exactBytes(d, BatchCumulants.ORDER) + dense, Runtime.getRuntime().maxMemory());
    }

    /** Estimated heap bytes of {@code qar exact} (no windows, waiting times or rate functions). */
    static long exactBytes(long levels, int order) {
        return BASE_BYTES + levels * (EXACT_BYTES_PER_LEVEL + BYTES_PER_LEVEL_AND_ORDER * order);
    }

    /** @throws UsageException naming --N and the heap to ask for, where needed > available */
    static void heap(ModelParameters p, long needed, long available) {
        if (needed > available) {
            String ask = needed < 1L << 30 ? ((needed + (1L << 20) - 1) >> 20) + "m"
                    : ((needed + (1L << 30) - 1) >> 30) + "g";
            throw UsageException.of("--N", p.n(), "needs about " + size(needed) + " of memory (" + levels(p)
                    + " levels) but this Java may use " + size(available) + "; give it more with java -Xmx"
                    + ask + " -jar qar.jar, or choose a smaller --N");
        }
    }

    private static String size(long bytes) {
        return bytes < 1e9 ? String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6))
                : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    private static int levels(ModelParameters p) {
        return p.kind() == ModelKind.FULL ? p.levels() : 3;
    }
}
