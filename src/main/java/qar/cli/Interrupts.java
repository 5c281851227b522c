package qar.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while a campaign runs: the first asks it to stop (it then writes what
 * finished and exits 130); the JVM's own handlers are put back at once, so a second signal ends
 * the process as usual, through the shutdown hooks that delete unpublished files.
 */
final class Interrupts implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private Interrupts() {
    }

    /** Calls {@code onFirst} on the first SIGINT or SIGTERM, from the signal's thread. */
    static Interrupts install(Runnable onFirst) {
        Interrupts in = new Interrupts();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                SignalHandler old = Signal.handle(s, sig -> {
                    in.received = "SIG" + sig.getName();
                    in.close();
                    onFirst.run();
                });
                in.signals.add(s);
                in.previous.add(old);
            } catch (IllegalArgumentException e) {
                // a platform without this signal, or one the JVM reserves: keep its default
            }
        }
        return in;
    }

    /** The signal received, "SIGINT" or "SIGTERM", or null. */
    String received() {
        return received;
    }

    /** Puts the previous handlers back; idempotent. */
    @Override
    public synchronized void close() {
        for (int k = 0; k < signals.size(); k++) {
            Signal.handle(signals.get(k), previous.get(k));
        }
        signals.clear();
        previous.clear();
    }
}
