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
     * the resolution's bound for one reservoir (K + 1 right and left derivative vectors; see
     * ExactSolver), so the worst case is taken. Measured again after issue 17 (the bound replaced
     * two re-solves): 600-650 MB at the defaults and 850-1000 MB with every channel alive.
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

    /**
     * Most levels for waiting times ({@code --wtd}): exp(R0 tau) is dense, d x d doubles, and every
     * squaring up to the survival's tail is kept (about 30 of them at the defaults) and costs
     * O(d^3). Measured ({@code qar exact --wtd all}, whole command, 6 GB default heap, 2 shared
     * cores; CPU seconds): N = 2001 2.2 s, 300 MB RSS; N = 4001 7.3 s, 950 MB; N = 8001 (4001 levels)
     * 32 s, 3.5 GB; N = 20001 ran out of memory, N = 100001 overflowed the array size.
     */
    static final int WTD_MAX_LEVELS = 4001;
    /**
     * Heap per d^2 of waiting times: 40 d x d doubles, the kept squarings (about 30 at the defaults,
     * RSS / d^2 = 220 .. 240 bytes at N = 4001 .. 8001) and the elimination. A chain whose waiting
     * time spans more than 2^35 of its fastest time scales keeps more squarings than this counts.
     */
    static final long WTD_BYTES_PER_LEVEL_SQUARED = 8 * 40;
    /**
     * Most levels for windows ({@code --window}, and {@code --ft}'s finite-time TUR at them): the
     * finite-time cumulants are (K + 1) dense d x d blocks, O(d^3) per squaring, one reservoir per
     * core. Measured ({@code qar exact --window t}, CPU seconds): t = 1 at N = 501 6.8 s, N = 1001
     * 15 s, N = 2001 (1001 levels) 51 s; t = 100 at N = 1001 unfinished after 83 s; N = 10001 would
     * take hours. The same limit as {@link #SAMPLE_MAX_N}, for the same cumulants.
     */
    static final int WINDOW_MAX_LEVELS = 1001;
    /**
     * Heap per d^2 of windows: K + 1 = 5 blocks, twice, per reservoir at once (3), plus the step's
     * (counted from the code; RSS at N = 2001 was 615 MB, 8 * 45 d^2 = 360 MB of it).
     */
    static final long WINDOW_BYTES_PER_LEVEL_SQUARED = 8 * 45;
    /**
     * Most levels for rate functions: a curve takes about 1800 lambda(s) (the bisected tilts and
     * the searches for its ends), each linear in the levels. Measured: {@code --rate-function c}
     * at N = 2001 (1001 levels) 39 s CPU; at N = 20001 killed after 45 s wall, 39 s CPU, unfinished
     * (about 6 minutes by the linear cost); so at most N = 4001, about 80 s.
     */
    static final int RATE_FUNCTION_MAX_LEVELS = 2001;
    /**
     * Most levels for {@code --ft}: the Gallavotti-Cohen grid takes 141 lambda(s). Measured:
     * {@code --ft} at N = 2001 3.0 s CPU, at N = 20001 25 s CPU (83 s wall on the shared cores).
     */
    static final int FT_MAX_LEVELS = 10001;

    private SizeCheck() {
    }

    /**
     * The features of {@code qar exact} (and the exact side of {@code qar sample}) that grow faster
     * than the plain solve: refused before any work, naming the model option and the feature.
     *
     * @param model   the option that sets the size, as shown ("--N = 20001" or "--process = f.json")
     * @param levels  the process's levels
     * @param wtd     the waiting-time options given ("--wtd" or null)
     * @param windows whether windows are asked for ("--window" or null)
     * @param rates   whether rate functions are asked for ("--rate-function" or null)
     * @param ft      whether the exact fluctuation theorems are asked for ("--ft" or null)
     */
    static void features(String model, int levels, String wtd, String windows, String rates, String ft) {
        features(model, levels, wtd, windows, rates, ft, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #features(String, int, String, String, String, String)} with the heap available given. */
    static void features(String model, int levels, String wtd, String windows, String rates, String ft,
            long available) {
        if (wtd != null) {
            dense(model, levels, wtd, "waiting times", WTD_MAX_LEVELS, WTD_BYTES_PER_LEVEL_SQUARED, available);
        }
        if (windows != null) {
            dense(model, levels, windows, "windows (P(n, t) and finite-time cumulants)", WINDOW_MAX_LEVELS,
                    WINDOW_BYTES_PER_LEVEL_SQUARED, available);
        }
        if (rates != null) {
            linear(model, levels, rates, RATE_FUNCTION_MAX_LEVELS, "about 1800");
        }
        if (ft != null) {
            linear(model, levels, ft, FT_MAX_LEVELS, "141");
        }
    }

    private static void linear(String model, int levels, String option, int maxLevels, String count) {
        if (levels > maxLevels) {
            throw new UsageException(model + ": " + option + " takes at most " + maxLevels + " levels (the"
                    + " refrigerator's N up to " + (2 * maxLevels - 1) + "; " + levels + " here): it needs " + count
                    + " lambda(s), each linear in the levels");
        }
    }

    /** How messages name the model's size: "--N = 20001", or the --process file. */
    static String shown(qar.model.ModelSpec p, ModelOptions options) {
        return p instanceof ModelParameters mp ? "--N = " + mp.n()
                : ModelOptions.PROCESS + " = " + UsageException.shown(String.valueOf(options.process));
    }

    private static void dense(String model, long levels, String option, String what, int maxLevels,
            long bytesPerSquare, long available) {
        if (levels > maxLevels) {
            throw new UsageException(model + ": " + option + " takes at most " + maxLevels + " levels (the"
                    + " refrigerator's N up to " + (2 * maxLevels - 1) + "; " + levels + " here): " + what
                    + " are dense in the levels (d x d doubles, time growing as d^3)");
        }
        long needed = BASE_BYTES + levels * levels * bytesPerSquare;
        if (needed > available) {
            throw new UsageException(model + ": " + option + " needs about " + size(needed) + " of memory ("
                    + levels + " levels) but this Java may use " + size(available) + "; give it more with java -Xmx"
                    + ask(needed) + " -jar qar.jar, or choose a smaller model");
        }
    }

    private static String ask(long needed) {
        return needed < 1L << 30 ? ((needed + (1L << 20) - 1) >> 20) + "m" : ((needed + (1L << 30) - 1) >> 30) + "g";
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
            throw UsageException.of("--N", p.n(), "needs about " + size(needed) + " of memory (" + levels(p)
                    + " levels) but this Java may use " + size(available) + "; give it more with java -Xmx"
                    + ask(needed) + " -jar qar.jar, or choose a smaller --N");
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
