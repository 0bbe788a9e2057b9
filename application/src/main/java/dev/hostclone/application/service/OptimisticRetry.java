package dev.hostclone.application.service;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Optimistic concurrency for host writes: each attempt reads what it plans with (hosts at their version,
 * the host model at its revision) and writes on condition that neither moved. A stale answer means
 * read again and plan anew, {@link #MAX_ATTEMPTS} times at most, then {@code WriteConflict}. Each new
 * attempt waits a random moment, longer after each stale answer (full jitter, capped at
 * {@link #MAX_BACKOFF_MILLIS}), so writers racing for one host spread out instead of colliding again.
 */
public final class OptimisticRetry {

    /** Attempts before a write that keeps meeting concurrent changes gives up with a clean failure. */
    public static final int MAX_ATTEMPTS = 12;

    /** The longest wait before an attempt. */
    static final long MAX_BACKOFF_MILLIS = 64;

    private OptimisticRetry() {
    }

    /**
     * Runs {@code attempt(1)}, {@code attempt(2)}, ... until one completes with a value; an empty
     * result means the write was stale and nothing was written. A rejection thrown by an attempt ends
     * the run as it is.
     */
    public static <T> CompletionStage<T> untilWritten(IntFunction<CompletionStage<Optional<T>>> attempt) {
        return run(attempt, 1);
    }

    private static <T> CompletionStage<T> run(IntFunction<CompletionStage<Optional<T>>> attempt, int number) {
        return CompletableFuture.completedStage(number).thenCompose(attempt::apply).thenCompose(result -> {
            if (result.isPresent()) {
                return CompletableFuture.completedStage(result.get());
            }
            if (number >= MAX_ATTEMPTS) {
                throw RejectedException.because(new Failure.WriteConflict(number));
            }
            return CompletableFuture.supplyAsync(() -> number + 1, backoff(number))
                    .thenCompose(next -> run(attempt, next));
        });
    }

    /**
     * Waits between 0 and min(2^(stale answers so far), {@link #MAX_BACKOFF_MILLIS}) milliseconds, then
     * goes on on the JDK's one delay-scheduler thread: an attempt only starts asynchronous work. The
     * JDK's default would hand it on to the common pool, which on a machine of two cores or fewer
     * starts a new thread for every task: a thread per retry.
     */
    private static Executor backoff(int staleAnswers) {
        long ceiling = Math.min(1L << staleAnswers, MAX_BACKOFF_MILLIS);
        return CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextLong(ceiling + 1), TimeUnit.MILLISECONDS,
                Runnable::run);
    }
}
