package dev.hostclone.adapter.http.server;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The renderings of {@code /metrics}: one at a time, each starting at least {@link #MIN_GAP_MILLIS} after the one
 * before, every scrape answered by the first rendering that starts after it arrived, which it shares with every
 * other scrape waiting. A rendering formats every series of the registry, a millisecond or two of a core on a
 * server that has served its APIs (a thousand times a probe's work), and anyone who can reach the port may ask
 * for one: until 2026-12-07 each scrape had its own, on a worker thread, so that a flood of scrapes took both
 * cores from the requests. Now a flood costs a rendering every {@link #MIN_GAP_MILLIS} at most, however many
 * scrapes share it, and a scrape still reads every count made before it arrived: a scrape sent right after a
 * request sees that request, as before, once the gap and the rendering under way as it came (if any), and then its
 * own, have passed.
 *
 * <p>A rendering is encoded once, and its bytes written to each scrape sharing it (each answer writes a slice of
 * them): encoding the text for each answer cost about as much as rendering it. Renderings run on a thread of
 * their own, which ends after a second without one, rather than on Vert.x's: a timer or a task of Vert.x's belongs
 * to the context that set it, a server instance's event loop, and is dropped when that instance stops, which left
 * the scrapes waiting on it unanswered for good. The state here is guarded by the object's lock, taken by scrapes
 * on any event loop and by the renderings' thread.
 */
final class MetricsScrapes {

    /** At least this long between the starts of two renderings: ten a second at most, Prometheus asking one in 15 s. */
    static final long MIN_GAP_MILLIS = 100;

    private final Supplier<String> render;
    private final long minGapNanos;
    private final ScheduledThreadPoolExecutor renderer;
    /** What the scrapes waiting for the next rendering share; null while none waits. */
    private CompletableFuture<Buffer> next;
    /** Whether a rendering is running, or its start waits for the gap: the scrapes that come meanwhile take {@link #next}. */
    private boolean busy;
    /** {@link System#nanoTime()} as the last rendering started. */
    private long lastStart;

    MetricsScrapes(Supplier<String> render, long minGapMillis) {
        this.render = render;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
        this.lastStart = System.nanoTime() - minGapNanos;
        this.renderer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "hostclone-metrics-rendering");
            thread.setDaemon(true);
            return thread;
        });
        renderer.setKeepAliveTime(1, TimeUnit.SECONDS);
        renderer.allowCoreThreadTimeOut(true);
    }

    /**
     * The bytes of the first rendering that starts after this call (UTF-8), shared: to be written, not changed. Its
     * future completes on the renderings' thread.
     */
    CompletableFuture<Buffer> scrape() {
        CompletableFuture<Buffer> joined;
        boolean start;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            joined = next;
            start = !busy;
            busy = true;
        }
        if (start) {
            startAfterTheGap();
        }
        return joined;
    }

    /** When the last rendering started, for a test of the gap. */
    synchronized long lastStartNanos() {
        return lastStart;
    }

    private void startAfterTheGap() {
        long waitNanos;
        synchronized (this) {
            waitNanos = lastStart + minGapNanos - System.nanoTime();
        }
        renderer.schedule(this::renderNext, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    }

    /** On the renderings' thread: renders for the scrapes waiting, and has the next start if more came meanwhile. */
    private void renderNext() {
        CompletableFuture<Buffer> rendering;
        synchronized (this) {
            rendering = next;
            next = null;
            lastStart = System.nanoTime();
        }
        Buffer rendered = null;
        Throwable failure = null;
        try {
            rendered = Buffer.buffer(render.get());
        } catch (Throwable failed) {
            // answered to its scrapes, each a 500 with its ERROR line; the next rendering is tried as ever
            failure = failed;
        }
        boolean again;
        synchronized (this) {
            again = next != null;
            busy = again;
        }
        if (again) {
            startAfterTheGap();
        }
        if (failure == null) {
            rendering.complete(rendered);
        } else {
            rendering.completeExceptionally(failure);
        }
    }
}
