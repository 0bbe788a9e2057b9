package dev.hostclone.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The current time, for timestamps and audit records, and waits, for backing off before a retry. */
public interface ClockPort {

    Instant now();

    /**
     * Completes once {@code delay} has passed. Whatever is chained on without an executor runs on the
     * thread that completes it: here the JDK's one delay-scheduler thread. A runtime with threads of
     * its own binds a clock that completes on the caller's (the server: the caller's event loop).
     */
    default CompletionStage<Void> after(Duration delay) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
    }
}
