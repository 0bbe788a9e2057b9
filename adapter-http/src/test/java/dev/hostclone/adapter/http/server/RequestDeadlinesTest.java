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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-timer queue behind the request timeout, on a real event loop: expiries run after their
 * deadline, in order, once; a finished request's never; finished requests leave the queue as soon as
 * every request before them has. Nothing here is timed from above: what must not have happened is checked once a
 * timer on the same event loop, due after every deadline started, has run ({@link #passEveryDeadline}), and the
 * waits only guard against a hang.
 */
class RequestDeadlinesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** Against a hang only: no test takes it unless what it waits for never comes. */
    private static final Duration HANG = Duration.ofSeconds(30);

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
        AtomicLong expiredAt = new AtomicLong();

        onEventLoop(() -> deadlines.start(() -> {
            expiredAt.set(System.nanoTime());
            expired.add("first");
        }));

        passEveryDeadline();
        assertThat(expired).containsExactly("first");
        assertThat(Duration.ofNanos(expiredAt.get() - started)).isGreaterThanOrEqualTo(TIMEOUT);
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
        passEveryDeadline();
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
        passEveryDeadline();
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
        await().atMost(HANG).until(() -> expired.size() == 1);
        long started = System.nanoTime();
        AtomicLong secondExpiredAt = new AtomicLong();

        onEventLoop(() -> {
            deadlines.start(() -> {
                secondExpiredAt.set(System.nanoTime());
                expired.add("second");
            });
            deadlines.start(() -> expired.add("third")).finish();
            deadlines.start(() -> expired.add("fourth"));
            return null;
        });

        passEveryDeadline();
        assertThat(expired).containsExactly("first", "second", "fourth");
        assertThat(Duration.ofNanos(secondExpiredAt.get() - started)).isGreaterThanOrEqualTo(TIMEOUT);
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

        passEveryDeadline();
        assertThat(expired).containsExactly("first", "second");
        assertThat(onEventLoop(deadlines::queued)).isZero();
    }

    /**
     * Returns once a timer set on the event loop now, due twice the timeout later, has run: past the deadline of
     * every request started so far, and so after every expiry due by then, however late the loop runs. The loop runs
     * its timers in the order they fall due, and the deadlines' own timer, re-armed or not, falls due before this
     * one (until 2026-12-07 a sleep of twice the timeout, which an expiry merely late, or a slow loop, outlasted).
     */
    private void passEveryDeadline() {
        CompletableFuture<Void> passed = new CompletableFuture<>();
        eventLoop.runOnContext(ignored -> vertx.setTimer(TIMEOUT.toMillis() * 2, fired -> passed.complete(null)));
        passed.orTimeout(HANG.toMillis(), TimeUnit.MILLISECONDS).join();
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
        return result.orTimeout(HANG.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
