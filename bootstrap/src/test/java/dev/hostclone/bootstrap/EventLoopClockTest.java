package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventLoopClockTest {

    private final Vertx vertx = Vertx.vertx();
    private final EventLoopClock clock = new EventLoopClock();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Where a wait ended: the context current there, and its thread. */
    private record Ended(Context context, Thread thread) {
    }

    /** The finest PostgreSQL keeps, so that the memory store holds the same instants (Linux's clock reads nanoseconds). */
    @Test
    void givenTheTime_whenRead_thenItIsInWholeMicroseconds() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(clock.now().getNano() % 1_000).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 25})
    void givenACallerOnAnEventLoop_whenItWaits_thenTheWaitEndsOnThatEventLoop(long millis) throws Exception {
        Context loop = vertx.getOrCreateContext();
        CompletableFuture<Thread> callerThread = new CompletableFuture<>();
        CompletableFuture<Ended> ended = new CompletableFuture<>();

        loop.runOnContext(ignored -> {
            callerThread.complete(Thread.currentThread());
            clock.after(Duration.ofMillis(millis))
                    .thenRun(() -> ended.complete(new Ended(Vertx.currentContext(), Thread.currentThread())));
        });

        Ended end = ended.get(10, TimeUnit.SECONDS);
        assertThat(end.context()).isSameAs(loop);
        assertThat(end.thread()).isSameAs(callerThread.get());
    }

    /**
     * The JDK's delay scheduler, one thread, is held while the wait is set and its callback attached: attached after
     * the wait had ended, the callback would run on this thread instead, and until 2026-12-07 a stall of the test
     * thread as long as the delay failed this test.
     */
    @Test
    void givenACallerOutsideVertx_whenItWaits_thenTheWaitEndsOnTheJdksDelaySchedulerAfterTheDelay() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS, Runnable::run).execute(() -> {
            held.countDown();
            awaitQuietly(released);
        });
        long started;
        CompletableFuture<String> thread;
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).as("the delay scheduler held").isTrue();
            started = System.nanoTime();
            thread = clock.after(Duration.ofMillis(200))
                    .thenApply(waited -> Thread.currentThread().getName())
                    .toCompletableFuture();
            assertThat(thread).as("not ended while the scheduler is held").isNotDone();
        } finally {
            released.countDown();
        }

        assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("CompletableFutureDelayScheduler");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void givenACallerOnAnEventLoop_whenItWaits_thenAtLeastTheDelayPasses() throws Exception {
        CompletableFuture<Long> waitedNanos = new CompletableFuture<>();

        vertx.getOrCreateContext().runOnContext(ignored -> {
            long started = System.nanoTime();
            clock.after(Duration.ofMillis(30)).thenRun(() -> waitedNanos.complete(System.nanoTime() - started));
        });

        assertThat(Duration.ofNanos(waitedNanos.get(10, TimeUnit.SECONDS))).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }
}
