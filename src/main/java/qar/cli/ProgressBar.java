package qar.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on stderr, redrawn a few times per second by a daemon thread. */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final AtomicLong done;
    private final long total;
    private final long start = System.nanoTime();
    private final Thread thread;
    private final long delayNanos;
    private volatile boolean running = true;
    private volatile boolean drawn;

    private ProgressBar(PrintStream err, AtomicLong done, long total, long delayNanos) {
        this.delayNanos = delayNanos;
        this.err = err;
        this.done = done;
        this.total = total;
        thread = new Thread(this::loop, "qar-progress");
        thread.setDaemon(true);
    }

    /** Starts a bar, or returns null where none should be shown. */
    static ProgressBar startIf(boolean show, PrintStream err, AtomicLong done, long total) {
        return startIf(show, err, done, total, 0);
    }

    /** Starts a bar that appears only once the work has taken {@code delaySeconds}, or returns null. */
    static ProgressBar startIf(boolean show, PrintStream err, AtomicLong done, long total, double delaySeconds) {
        if (!show) {
            return null;
        }
        ProgressBar bar = new ProgressBar(err, done, total, (long) (delaySeconds * 1e9));
        bar.thread.start();
        return bar;
    }

    private void loop() {
        while (running) {
            if (System.nanoTime() - start >= delayNanos) {
                drawn = true;
                draw();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void draw() {
        long d = Math.min(done.get(), total);
        double share = total == 0 ? 1 : (double) d / total;
        double elapsed = (System.nanoTime() - start) * 1e-9;
        String left = d == 0 ? "--" : String.format(Locale.ROOT, "%.0f s", elapsed * (1 - share) / share);
        int filled = (int) Math.round(share * WIDTH);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %5.1f%%  %d/%d  %s left ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), share * 100, d, total, left));
        err.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
        }
    }
}
