package dev.hostclone.adapter.http.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The renderings of {@code /metrics}: one at a time, each starting at least {@link #MIN_GAP_MILLIS} after the one
 * before, every scrape answered by the first rendering that starts after it arrived, which it shares with every
 * other scrape waiting. A rendering formats every series of the registry, about a millisecond of a core on a
 * server that has served its APIs (a thousand times a probe's work), and anyone who can reach the port may ask
 * for one: until 2026-12-07 each scrape had its own, on a worker thread, so that a flood of scrapes took both
 * cores from the requests. Now a flood costs a rendering every {@link #MIN_GAP_MILLIS} at most, however many
 * scrapes share it, and a scrape still reads every count made before it arrived: a scrape sent right after a
 * request sees that request, as before, in at most the gap and two renderings.
 *
 * <p>A rendering is encoded once, and its bytes written to each scrape sharing it (each answer writes a slice of
 * them): encoding the text for each answer cost about as much as rendering it. Renderings run on a worker thread,
 * off the event loops; the state here is guarded by the object's lock, taken by scrapes on any event loop, by a
 * rendering's start and by its end.
 */
final class MetricsScrapes {

    /** At least this long between the starts of two renderings: ten a second at most, Prometheus asking one in 15 s. */
    static final long MIN_GAP_MILLIS = 100;

    private final Vertx vertx;
    private final Supplier<String> render;
    private final long minGapNanos;
    /** What the scrapes waiting for the next rendering share; null while none waits. */
    private Promise<Buffer> next;
    /** Whether a rendering is running, or its start waits for the gap: the scrapes that come meanwhile take {@link #next}. */
    private boolean busy;
    private long lastStart;

    MetricsScrapes(Vertx vertx, Supplier<String> render, long minGapMillis) {
        this.vertx = vertx;
        this.render = render;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
        this.lastStart = System.nanoTime() - minGapNanos;
    }

    /**
     * The bytes of the first rendering that starts after this call (UTF-8), shared: to be written, not changed. Its
     * future completes on an event loop, not necessarily the caller's.
     */
    Future<Buffer> scrape() {
        Promise<Buffer> joined;
        boolean start;
        synchronized (this) {
            if (next == null) {
                next = Promise.promise();
            }
            joined = next;
            start = !busy;
            busy = true;
        }
        if (start) {
            startAfterTheGap();
        }
        return joined.future();
    }

    private void startAfterTheGap() {
        long waitNanos;
        synchronized (this) {
            waitNanos = lastStart + minGapNanos - System.nanoTime();
        }
        if (waitNanos > 0) {
            // rounded up: a timer fires no sooner than asked, and the gap is a least
            long wait = TimeUnit.NANOSECONDS.toMillis(waitNanos + TimeUnit.MILLISECONDS.toNanos(1) - 1);
            vertx.setTimer(wait, fired -> renderNext());
        } else {
            renderNext();
        }
    }

    private void renderNext() {
        Promise<Buffer> rendering;
        synchronized (this) {
            rendering = next;
            next = null;
        }
        vertx.executeBlocking(() -> {
            synchronized (this) {
                lastStart = System.nanoTime();
            }
            return Buffer.buffer(render.get());
        }, false).onComplete(rendered -> {
            boolean again;
            synchronized (this) {
                again = next != null;
                busy = again;
            }
            rendering.handle(rendered);
            if (again) {
                startAfterTheGap();
            }
        });
    }
}
