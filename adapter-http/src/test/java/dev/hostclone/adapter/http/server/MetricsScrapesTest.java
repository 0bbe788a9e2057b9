package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scrapes sharing renderings, with a rendering that says which it is and, where a test needs one under way, waits
 * to be let go. Nothing is timed from above: the gap is checked as a least, on the starts the class itself read.
 */
class MetricsScrapesTest {

    private static final long BOUND_SECONDS = 30;

    private final AtomicInteger renderings = new AtomicInteger();
    private final List<Long> startedAt = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch letFirstGo = new CountDownLatch(1);

    @AfterEach
    void close() {
        letFirstGo.countDown();
    }

    /** The n-th rendering's text; the first waits to be let go, once it has said it started. */
    private String render() {
        startedAt.add(System.nanoTime());
        int rendering = renderings.incrementAndGet();
        if (rendering == 1) {
            firstStarted.countDown();
            await(letFirstGo);
        }
        return "rendering " + rendering;
    }

    @Test
    void givenScrapesComingWhileARenderingRuns_whenItEnds_thenTheyShareOneRenderingStartedAfterThem() {
        MetricsScrapes scrapes = new MetricsScrapes(this::render, 0);
        CompletableFuture<MetricsScrapes.Rendering> first = scrapes.scrape(false);
        await(firstStarted);
        List<CompletableFuture<MetricsScrapes.Rendering>> meanwhile = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            meanwhile.add(scrapes.scrape(false));
        }

        letFirstGo.countDown();

        assertThat(join(first)).isEqualTo("rendering 1");
        assertThat(meanwhile).allSatisfy(scrape -> assertThat(join(scrape)).as("not the one under way as it came")
                .isEqualTo("rendering 2"));
        assertThat(renderings).hasValue(2);
    }

    @Test
    void givenOneOfTheScrapesSharingARenderingAcceptingGzip_whenAnswered_thenTheirRenderingIsAlsoGzipped() throws IOException {
        MetricsScrapes scrapes = new MetricsScrapes(this::render, 0);
        CompletableFuture<MetricsScrapes.Rendering> first = scrapes.scrape(false);
        await(firstStarted);
        CompletableFuture<MetricsScrapes.Rendering> gzip = scrapes.scrape(true);
        CompletableFuture<MetricsScrapes.Rendering> plain = scrapes.scrape(false);

        letFirstGo.countDown();

        assertThat(rendering(first).gzipped()).as("no scrape sharing it accepts gzip: not compressed").isNull();
        assertThat(rendering(plain)).isSameAs(rendering(gzip));
        assertThat(rendering(plain).body(false).toString()).isEqualTo("rendering 2");
        assertThat(gunzipped(rendering(gzip).body(true))).isEqualTo("rendering 2");
    }

    @Test
    void givenScrapesOneAfterAnother_whenEachIsAnswered_thenEachHasARenderingOfItsOwnAtLeastTheGapApart() {
        long gapMillis = 200;
        MetricsScrapes scrapes = new MetricsScrapes(() -> {
            startedAt.add(System.nanoTime());
            return "rendering " + renderings.incrementAndGet();
        }, gapMillis);

        List<String> answers = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(join(scrapes.scrape(false)));
            starts.add(scrapes.lastStartNanos());
        }

        assertThat(answers).containsExactly("rendering 1", "rendering 2", "rendering 3");
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).as("nanoseconds from start %d to %d", i - 1, i)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(gapMillis));
        }
    }

    @Test
    void givenARenderingThatFails_whenScraped_thenItsScrapesFailAndTheNextRendersAnew() {
        IllegalStateException broken = new IllegalStateException("a meter failed");
        MetricsScrapes scrapes = new MetricsScrapes(() -> {
            if (renderings.incrementAndGet() == 1) {
                throw broken;
            }
            return "rendering " + renderings.get();
        }, 0);

        Throwable failed = catchThrowable(() -> join(scrapes.scrape(false)));

        assertThat(failed).isInstanceOf(CompletionException.class).hasCause(broken);
        assertThat(join(scrapes.scrape(false))).isEqualTo("rendering 2");
    }

    /**
     * The renderings' thread ends after a second idle, and a JVM out of threads cannot make a new one: the scrape then
     * fails, and the next is answered once a thread can be made. Until 2026-12-07 the first failure left every later
     * scrape waiting for good.
     */
    @Test
    void givenNoThreadMadeForARendering_whenScraped_thenThatScrapeFailsAndTheNextIsAnswered() {
        OutOfMemoryError noThread = new OutOfMemoryError("unable to create native thread: possibly out of memory");
        AtomicInteger threadsAsked = new AtomicInteger();
        MetricsScrapes scrapes = new MetricsScrapes(() -> "rendering " + renderings.incrementAndGet(), 0, task -> {
            if (threadsAsked.getAndIncrement() == 0) {
                throw noThread;
            }
            Thread thread = new Thread(task, "a-rendering-at-last");
            thread.setDaemon(true);
            return thread;
        });

        Throwable failed = catchThrowable(() -> join(scrapes.scrape(false)));

        assertThat(failed).isInstanceOf(CompletionException.class).hasCause(noThread);
        assertThat(join(scrapes.scrape(false))).isEqualTo("rendering 1");
        assertThat(join(scrapes.scrape(true))).as("and the ones after").isEqualTo("rendering 2");
    }

    /**
     * Scrapes from many threads at once, as from the event loops: each is answered, and no two renderings ever run
     * at the same time.
     */
    @Test
    void givenScrapesFromManyThreadsAtOnce_whenAnswered_thenEachIsAndTheRenderingsNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        MetricsScrapes scrapes = new MetricsScrapes(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return "rendering " + renderings.incrementAndGet();
            } finally {
                running.decrementAndGet();
            }
        }, 0);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> answered = new ArrayList<>();
            for (int caller = 0; caller < 8; caller++) {
                answered.add(callers.submit(() -> {
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        texts.add(join(scrapes.scrape(false)));
                    }
                    return texts;
                }));
            }
            for (Future<List<String>> each : answered) {
                assertThat(each.get(BOUND_SECONDS, TimeUnit.SECONDS)).hasSize(50).allMatch(text -> text.startsWith("rendering "));
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(mostAtOnce).hasValue(1);
        assertThat(renderings.get()).isBetween(1, 8 * 50);
    }

    private static String join(CompletableFuture<MetricsScrapes.Rendering> scrape) {
        return rendering(scrape).text().toString();
    }

    private static MetricsScrapes.Rendering rendering(CompletableFuture<MetricsScrapes.Rendering> scrape) {
        return scrape.orTimeout(BOUND_SECONDS, TimeUnit.SECONDS).join();
    }

    private static String gunzipped(Buffer gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.getBytes()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(BOUND_SECONDS, TimeUnit.SECONDS)).as("within %s", Duration.ofSeconds(BOUND_SECONDS))
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
