package dev.hostclone.adapter.http.server;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The request timers of one event loop, for {@link RequestTimeoutHandler}. Its requests share one
 * timeout, so their deadlines fall in the order the requests arrived: a queue in arrival order is a
 * queue by deadline, and one Vert.x timer, armed for the earliest deadline, stands for all of them.
 * A request answered in time is marked finished and leaves the queue once the requests before it
 * have; when its deadline passes first, its expiry runs. Used on its event loop only.
 *
 * <p>Before, each request set a Vert.x timer and cancelled it when answered: entries in a map every
 * event loop writes to, a close hook, a task in the event loop's schedule, all undone microseconds
 * later, for timers that almost never fire. Here a request costs a queue entry; the one timer fires
 * about once per timeout while requests keep coming, and not at all once they stop.
 */
final class RequestDeadlines {

    private final Vertx vertx;
    private final long timeoutNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Whether a timer is armed, for a time no later than the first pending deadline. */
    private boolean armed;

    RequestDeadlines(Vertx vertx, long timeoutNanos) {
        this.vertx = vertx;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts a request's timeout, now: {@code expiry} runs when it passes before the request is {@link Pending#finish() finished}. */
    Pending start(Runnable expiry) {
        Pending pending = new Pending(System.nanoTime() + timeoutNanos, expiry);
        queue.addLast(pending);
        if (!armed) {
            arm(pending.deadline);
        }
        return pending;
    }

    /** Requests still queued: pending, or finished behind one that is pending. */
    int queued() {
        return queue.size();
    }

    private void arm(long deadline) {
        armed = true;
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999));
        vertx.setTimer(delayMillis, fired -> expireDue());
    }

    private void expireDue() {
        armed = false;
        long now = System.nanoTime();
        dropFinished();
        while (!queue.isEmpty() && queue.peekFirst().deadline - now <= 0) {
            // taken off the queue before it runs: its answer ends the request, which finishes it
            queue.pollFirst().expire();
            dropFinished();
        }
        if (!queue.isEmpty()) {
            arm(queue.peekFirst().deadline);
        }
    }

    private void dropFinished() {
        while (!queue.isEmpty() && queue.peekFirst().expiry == null) {
            queue.pollFirst();
        }
    }

    /** One request's place in the queue. */
    final class Pending {

        private final long deadline;
        private Runnable expiry;

        private Pending(long deadline, Runnable expiry) {
            this.deadline = deadline;
            this.expiry = expiry;
        }

        /** The request was answered: its expiry will not run. Idempotent. */
        void finish() {
            expiry = null;
            dropFinished();
        }

        private void expire() {
            Runnable due = expiry;
            expiry = null;
            if (due != null) {
                due.run();
            }
        }
    }
}
