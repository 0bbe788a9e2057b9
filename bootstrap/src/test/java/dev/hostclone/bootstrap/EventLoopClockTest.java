package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

    @Test
    void givenACallerOutsideVertx_whenItWaits_thenTheWaitEndsOnTheJdksDelaySchedulerAfterTheDelay() throws Exception {
        long started = System.nanoTime();

        String thread = clock.after(Duration.ofMillis(200))
                .thenApply(waited -> Thread.currentThread().getName())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(thread).isEqualTo("CompletableFutureDelayScheduler");
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
