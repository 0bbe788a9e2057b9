package dev.hostclone.adapter.persistence.postgres;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The store timeout on {@link TimedPool}'s waits: for a connection, and for a keyed read's answer.
 *
 * <p>The waits are timed on a timer wheel (Netty's {@link HashedWheelTimer}: one thread for all the
 * pools, which looks every tenth of the timeout, between every {@value #MIN_TIMER_TICK_MILLIS} and
 * every {@value #MAX_TIMER_TICK_MILLIS} ms), not on Vert.x timers: those are set and cancelled twice a
 * clone, almost never firing, and each costs an entry in a map every event loop writes to, a close
 * hook and a task in the event loop's schedule (3.6 µs of the server's CPU a clone on PostgreSQL at
 * 32 connections). On the wheel a wait costs a queue entry, and a cancel another.
 */
final class StoreTimeouts {

    /**
     * The longest the timer wheel sleeps between looks for waits past the store timeout, and so how late
     * past it one may fail. Each look wakes its thread: at 10 ms those wake-ups were most of what the
     * wheel cost.
     */
    private static final long MAX_TIMER_TICK_MILLIS = 100;
    /** The shortest sleep between its looks, for a short store timeout: each look wakes a thread, idle or not. */
    private static final long MIN_TIMER_TICK_MILLIS = 10;

    private final Vertx vertx;
    private final long timeoutMillis;
    private final UnaryOperator<Throwable> failures;
    private final Timer timers;

    /** Waits of {@code timeoutMillis}; a wait's own failure is reported as {@code failures} maps it. */
    StoreTimeouts(Vertx vertx, long timeoutMillis, UnaryOperator<Throwable> failures) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
        this.failures = failures;
        long tickMillis = Math.max(MIN_TIMER_TICK_MILLIS, Math.min(MAX_TIMER_TICK_MILLIS, timeoutMillis / 10));
        this.timers = new HashedWheelTimer(new DefaultThreadFactory("hostclone-store-timeouts", true), tickMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * What {@code work} ends with, or a {@link TimeoutException} (the store is unavailable) once the
     * store timeout passes first; a result that arrives after that goes to {@code late}. Once
     * {@link #stop}ped, a {@link PoolClosedException} at once, and {@code work}'s result goes to {@code late}.
     */
    <T> Future<T> within(Future<T> work, String timedOut, Consumer<T> late) {
        Promise<T> outcome = Promise.promise();
        Expiry<T> expiry = new Expiry<>(outcome, vertx.getOrCreateContext(), timedOut, timeoutMillis);
        Timeout timer;
        try {
            timer = timers.newTimeout(expiry, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException stopped) {
            work.onSuccess(late::accept);
            return Future.failedFuture(new PoolClosedException());
        }
        work.onComplete(done -> {
            timer.cancel();
            expiry.forget();
            if (done.failed()) {
                outcome.tryFail(failures.apply(done.cause()));
            } else if (!outcome.tryComplete(done.result())) {
                late.accept(done.result());
            }
        });
        return outcome.future();
    }

    /** Stops the wheel's thread; waits already on it never expire. */
    void stop() {
        timers.stop();
    }

    /**
     * A wait's expiry on the wheel, whose thread hands it to the caller's context, where it meets the work's
     * answer. A cancelled timeout stays on the wheel until its next tick, up to 100 ms: the expiry forgets the
     * wait's promise once the work has answered, so that what the promise then holds (a connection, a read's
     * rows) is not kept alive that long.
     */
    private static final class Expiry<T> implements TimerTask {

        private final Context caller;
        private final String timedOut;
        private final long timeoutMillis;
        private volatile Promise<T> pending;

        Expiry(Promise<T> pending, Context caller, String timedOut, long timeoutMillis) {
            this.pending = pending;
            this.caller = caller;
            this.timedOut = timedOut;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void run(Timeout timeout) {
            Promise<T> due = pending;
            if (due != null) {
                caller.runOnContext(now -> due.tryFail(
                        new TimeoutException(timedOut + " within " + timeoutMillis + " ms")));
            }
        }

        /** The work answered: the promise is no longer the wheel's to fail. */
        void forget() {
            pending = null;
        }
    }
}
