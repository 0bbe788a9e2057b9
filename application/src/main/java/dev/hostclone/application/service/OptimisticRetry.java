package dev.hostclone.application.service;

import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Retries for host writes: each attempt plans with what it read (hosts at their version, the host model
 * at its revision) and writes on condition that neither moved. A stale answer means read again and plan
 * anew, {@link #MAX_ATTEMPTS} times at most, then {@code WriteConflict}. An attempt planned on the hosts
 * and the model as the store holds them locked (a batch's, a clone's after its first) is stale neither
 * for a host's sake nor for the model's: only when a batch's host left its business, or the database
 * rolled it back for another write's sake (a deadlock between key claims). Each new attempt waits a
 * random moment, longer after each stale answer (full jitter, capped at {@link #MAX_BACKOFF_MILLIS}), so
 * writers racing for one host spread out instead of colliding again.
 * The wait is the clock's ({@link ClockPort#after}), and the next attempt starts where it ends: on the
 * server, the event loop the request runs on, whose own database connections it then uses. Each stale
 * answer planned again is reported ({@link ReportStaleWritePort}): a retry hides contention, and a
 * deadlock, from the caller, not from the operator.
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
     * the run as it is. Each stale answer but the last is reported to {@code staleWrites} as {@code writer}'s.
     */
    public static <T> CompletionStage<T> untilWritten(ClockPort clock, ReportStaleWritePort staleWrites,
                                                      ReportStaleWritePort.Writer writer,
                                                      IntFunction<CompletionStage<Optional<T>>> attempt) {
        return run(clock, staleWrites, writer, attempt, 1);
    }

    private static <T> CompletionStage<T> run(ClockPort clock, ReportStaleWritePort staleWrites,
                                              ReportStaleWritePort.Writer writer,
                                              IntFunction<CompletionStage<Optional<T>>> attempt, int number) {
        return CompletableFuture.completedStage(number).thenCompose(attempt::apply).thenCompose(result -> {
            if (result.isPresent()) {
                return CompletableFuture.completedStage(result.get());
            }
            if (number >= MAX_ATTEMPTS) {
                throw RejectedException.because(new Failure.WriteConflict(number));
            }
            staleWrites.plannedAgain(writer);
            return clock.after(backoff(number)).thenCompose(waited -> run(clock, staleWrites, writer, attempt, number + 1));
        });
    }

    /** Between 0 and min(2^(stale answers so far), {@link #MAX_BACKOFF_MILLIS}) milliseconds. */
    static Duration backoff(int staleAnswers) {
        long ceiling = Math.min(1L << staleAnswers, MAX_BACKOFF_MILLIS);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
