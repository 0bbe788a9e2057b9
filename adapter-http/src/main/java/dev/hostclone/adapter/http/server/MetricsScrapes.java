package dev.hostclone.adapter.http.server;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

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
 * them): encoding the text for each answer cost about as much as rendering it. When a scrape sharing it accepts
 * gzip (Prometheus does), it is also compressed once, at gzip's fastest level: about a thirteenth of the bytes to
 * write to each such scrape, for a tenth of a millisecond or two of the renderings' thread; a rendering no such
 * scrape shares is not compressed.
 *
 * <p>Renderings run on a thread of their own, which ends after a second without one, rather than on Vert.x's: a
 * timer or a task of Vert.x's belongs to the context that set it, a server instance's event loop, and is dropped
 * when that instance stops, which left the scrapes waiting on it unanswered for good. The state here is guarded by
 * the object's lock, taken by scrapes on any event loop and by the renderings' thread.
 */
final class MetricsScrapes {

    /** At least this long between the starts of two renderings: ten a second at most, Prometheus asking one in 15 s. */
    static final long MIN_GAP_MILLIS = 100;

    private final Supplier<String> render;
    private final long minGapNanos;
    private final ScheduledThreadPoolExecutor renderer;
    /** What the scrapes waiting for the next rendering share; null while none waits. */
    private CompletableFuture<Rendering> next;
    /** Whether one of those scrapes accepts gzip. */
    private boolean nextGzipped;
    /** Whether a rendering is running, or its start waits for the gap: the scrapes that come meanwhile take {@link #next}. */
    private boolean busy;
    /** {@link System#nanoTime()} as the last rendering started. */
    private long lastStart;

    MetricsScrapes(Supplier<String> render, long minGapMillis) {
        this(render, minGapMillis, task -> {
            Thread thread = new Thread(task, "hostclone-metrics-rendering");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** As above, the renderings' thread made by {@code threads}: a test's may fail to make one. */
    MetricsScrapes(Supplier<String> render, long minGapMillis, ThreadFactory threads) {
        this.render = render;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
        this.lastStart = System.nanoTime() - minGapNanos;
        this.renderer = new ScheduledThreadPoolExecutor(1, threads);
        renderer.setKeepAliveTime(1, TimeUnit.SECONDS);
        renderer.allowCoreThreadTimeOut(true);
    }

    /**
     * The first rendering that starts after this call, shared: its bytes to be written, not changed; gzipped too if
     * {@code gzip}. Its future completes on the renderings' thread.
     */
    CompletableFuture<Rendering> scrape(boolean gzip) {
        CompletableFuture<Rendering> joined;
        boolean start;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            joined = next;
            nextGzipped |= gzip;
            start = !busy;
            busy = true;
        }
        if (start) {
            startAfterTheGap();
        }
        return joined;
    }

    /**
     * Has the next rendering start once the gap has passed, or, if that cannot be arranged (no thread could be made
     * for it: the renderings' thread ends after a second idle, and a JVM out of threads makes no new one), fails the
     * scrapes waiting for it, each then a 500 with its ERROR line, and the next scrape tries again. Until 2026-12-07
     * they waited for good, and every scrape after them too.
     */
    private void startAfterTheGap() {
        try {
            long waitNanos;
            synchronized (this) {
                waitNanos = lastStart + minGapNanos - System.nanoTime();
            }
            renderer.schedule(this::renderNext, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException | Error notStarted) {
            CompletableFuture<Rendering> waiting;
            synchronized (this) {
                waiting = next;
                next = null;
                nextGzipped = false;
                busy = false;
            }
            if (waiting != null) {
                waiting.completeExceptionally(notStarted);
            }
        }
    }

    /** When the last rendering started, for a test of the gap. */
    synchronized long lastStartNanos() {
        return lastStart;
    }

    /** On the renderings' thread: renders for the scrapes waiting, and has the next start if more came meanwhile. */
    private void renderNext() {
        CompletableFuture<Rendering> rendering;
        boolean gzip;
        synchronized (this) {
            rendering = next;
            if (rendering == null) {
                // a start that stayed queued when its thread could not be made, its scrapes failed then: none waits
                return;
            }
            gzip = nextGzipped;
            next = null;
            nextGzipped = false;
            lastStart = System.nanoTime();
        }
        Rendering rendered = null;
        Throwable failure = null;
        try {
            byte[] text = render.get().getBytes(StandardCharsets.UTF_8);
            rendered = new Rendering(Buffer.buffer(text), gzip ? Buffer.buffer(gzipped(text)) : null);
        } catch (Throwable failed) {
            // answered to its scrapes, each a 500 with its ERROR line; the next rendering is tried as ever
            failure = failed;
        }
        boolean again;
        synchronized (this) {
            again = next != null;
            busy = again;
        }
        if (failure == null) {
            rendering.complete(rendered);
        } else {
            rendering.completeExceptionally(failure);
        }
        if (again) {
            startAfterTheGap();
        }
    }

    private static byte[] gzipped(byte[] text) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(text.length / 4);
        try (GZIPOutputStream out = new FastestGzip(compressed)) {
            out.write(text);
        }
        return compressed.toByteArray();
    }

    /** A rendering's text (UTF-8), and the same gzipped when a scrape sharing it accepts that (else null). */
    record Rendering(Buffer text, Buffer gzipped) {

        /** What a scrape that accepts gzip, or not, is sent. */
        Buffer body(boolean gzip) {
            return gzip ? gzipped : text;
        }
    }

    /** gzip at its fastest level: the text is repetitive enough that the others save little more. */
    private static final class FastestGzip extends GZIPOutputStream {

        FastestGzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
