package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-timer queue behind the request timeout, on a real event loop: expiries run after their
 * deadline, in order, once; a finished request's never; finished requests leave the queue as soon as
 * every request before them has. The bounds asserted are generous.
 */
class RequestDeadlinesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration BOUND = Duration.ofSeconds(5);

    private Vertx vertx;
    private Context eventLoop;
    private RequestDeadlines deadlines;
    private final Queue<String> expired = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        eventLoop = vertx.getOrCreateContext();
        deadlines = new RequestDeadlines(vertx, TIMEOUT.toNanos());
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void givenARequestNeverFinished_whenItsDeadlinePasses_thenItsExpiryRunsOnceAndNotBefore() {
        long started = System.nanoTime();

        onEventLoop(() -> deadlines.start(() -> expired.add("first")));

        await().atMost(BOUND).until(() -> !expired.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
        waitPastTheTimeout();
        assertThat(expired).containsExactly("first");
        assertThat(onEventLoop(deadlines::queued)).isZero();
    }

    @Test
    void givenRequestsFinishedInOrder_whenFinished_thenTheyLeaveTheQueueAndNoExpiryRuns() {
        onEventLoop(() -> {
            RequestDeadlines.Pending first = deadlines.start(() -> expired.add("first"));
            RequestDeadlines.Pending second = deadlines.start(() -> expired.add("second"));
            first.finish();
            second.finish();
            return null;
        });

        assertThat(onEventLoop(deadlines::queued)).isZero();
        waitPastTheTimeout();
        assertThat(expired).isEmpty();
    }

    @Test
    void givenARequestFinishedBehindAPendingOne_whenThePendingOneExpires_thenOnlyItExpiresAndBothLeave() {
        // one turn of the event loop, so that the first cannot expire before the count, however late the turn
        AtomicReference<RequestDeadlines.Pending> pending = new AtomicReference<>();
        int queued = onEventLoop(() -> {
            pending.set(deadlines.start(() -> expired.add("first")));
            deadlines.start(() -> expired.add("second")).finish();
            return deadlines.queued();
        });
        RequestDeadlines.Pending first = pending.get();

        assertThat(queued).as("the finished one waits behind the pending one").isEqualTo(2);
        await().atMost(BOUND).until(() -> !expired.isEmpty());
        waitPastTheTimeout();
        assertThat(expired).containsExactly("first");
        assertThat(onEventLoop(deadlines::queued)).isZero();
        onEventLoop(() -> {
            first.finish(); // as the expiry's answer ending the request does: nothing more happens
            return null;
        });
        assertThat(expired).containsExactly("first");
    }

    @Test
    void givenRequestsStartedAfterTheFirstDeadline_whenTheirsPass_thenEachExpiresInTurn() {
        onEventLoop(() -> deadlines.start(() -> expired.add("first")));
        await().atMost(BOUND).until(() -> expired.size() == 1);
        long started = System.nanoTime();

        onEventLoop(() -> {
            deadlines.start(() -> expired.add("second"));
            deadlines.start(() -> expired.add("third")).finish();
            deadlines.start(() -> expired.add("fourth"));
            return null;
        });

        await().atMost(BOUND).until(() -> expired.size() == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
        waitPastTheTimeout();
        assertThat(expired).containsExactly("first", "second", "fourth");
        assertThat(onEventLoop(deadlines::queued)).isZero();
    }

    @Test
    void givenAnExpiryThatFinishesItsOwnRequest_whenItRuns_thenTheOthersDueExpireToo() {
        onEventLoop(() -> {
            RequestDeadlines.Pending[] self = new RequestDeadlines.Pending[1];
            self[0] = deadlines.start(() -> {
                expired.add("first");
                self[0].finish();
            });
            return deadlines.start(() -> expired.add("second"));
        });

        await().atMost(BOUND).until(() -> expired.size() == 2);
        assertThat(expired).containsExactly("first", "second");
        assertThat(onEventLoop(deadlines::queued)).isZero();
    }

    private static void waitPastTheTimeout() {
        try {
            TimeUnit.MILLISECONDS.sleep(TIMEOUT.toMillis() * 2);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private <T> T onEventLoop(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        eventLoop.runOnContext(ignored -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException failed) {
                result.completeExceptionally(failed);
            }
        });
        return result.orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
