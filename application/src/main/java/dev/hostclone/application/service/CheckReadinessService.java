package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CheckReadinessUseCase;
import dev.hostclone.application.port.in.Readiness;
import dev.hostclone.application.port.in.Readiness.Check;
import dev.hostclone.application.port.out.SchemaStatus;
import dev.hostclone.application.port.out.StoreReadinessPort;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ready when the store answers within the timeout and reports its migrations applied. A store that
 * fails or stays silent is "not ready", never an error: a probe must get an answer, and in time.
 *
 * <p>One question to the store at a time: checks that come while one is under way share its answer, each within
 * its own timeout, for as long as that timeout. A readiness probe needs no credentials, and until 2026-12-06 each one asked the store: a flood of
 * them, each holding its place in the pool's queue for as long as the store timeout once the database was slow,
 * left no connection for the requests.
 */
public final class CheckReadinessService implements CheckReadinessUseCase {

    /** A failed store check's detail: what failed is its cause's, which the server's log shows. */
    public static final String FAILED = "the store could not answer";

    private final StoreReadinessPort store;
    private final Duration timeout;
    private final Timer timer;
    /** The store's answer under way, which later checks share; null when none is. */
    private final AtomicReference<CompletableFuture<SchemaStatus>> asking = new AtomicReference<>();

    /**
     * Runs a task once a delay has passed, unless called off first: the service's one use of time, which a test drives
     * by hand rather than wait for (a check's timeout, the end of a shared question). Not {@code ClockPort}, whose
     * waits cannot be called off, and whose server clock ends them on an event loop a check need not be on.
     */
    @FunctionalInterface
    interface Timer {

        /**
         * The JDK's delay thread, as {@link CompletableFuture#orTimeout} uses it: called off, the task leaves its queue
         * at once, so that each answered check does not hold its answer there for the whole timeout.
         */
        Timer REAL = (delay, task) -> {
            CompletableFuture<Void> due = new CompletableFuture<Void>().orTimeout(delay.toMillis(), TimeUnit.MILLISECONDS);
            due.whenComplete((never, timedOut) -> {
                if (timedOut != null) {
                    task.run();
                }
            });
            return () -> due.complete(null);
        };

        /** Schedules {@code task}, and returns what calls it off. */
        Runnable after(Duration delay, Runnable task);
    }

    public CheckReadinessService(StoreReadinessPort store, Duration timeout) {
        this(store, timeout, Timer.REAL);
    }

    CheckReadinessService(StoreReadinessPort store, Duration timeout, Timer timer) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public CompletionStage<Readiness> checkReadiness() {
        // a copy: the timeout below must not complete the answer the other checks share
        CompletableFuture<SchemaStatus> answer = storesAnswer().copy();
        Runnable callOff = timer.after(timeout, () -> answer.completeExceptionally(new TimeoutException()));
        answer.whenComplete((schema, failure) -> callOff.run());
        return answer.handle((schema, failure) -> failure == null ? answered(schema) : silent(failure));
    }

    /**
     * The store's answer under way, or a new question to it when none is. A question is shared no longer than a
     * check waits for it: one the store never answers (its connection gone silent, which only the operating system
     * ends, many minutes later) would otherwise keep every later check not ready after the database is back.
     */
    private CompletableFuture<SchemaStatus> storesAnswer() {
        CompletableFuture<SchemaStatus> mine = new CompletableFuture<>();
        CompletableFuture<SchemaStatus> underWay = asking.compareAndExchange(null, mine);
        if (underWay != null) {
            return underWay;
        }
        Runnable callOff = timer.after(timeout, () -> asking.compareAndSet(mine, null));
        CompletionStage<SchemaStatus> answer;
        try {
            answer = Objects.requireNonNull(store.checkStoreReadiness(), "the store's readiness answer");
        } catch (RuntimeException thrown) {
            answer = CompletableFuture.failedStage(thrown);
        }
        answer.whenComplete((schema, failure) -> {
            // the next check asks again: before mine completes, so that a check its completion runs asks anew
            asking.compareAndSet(mine, null);
            callOff.run();
            if (failure == null) {
                mine.complete(schema);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    private static Readiness answered(SchemaStatus schema) {
        return new Readiness(List.of(new Check(Readiness.STORE, true, "answered"),
                new Check(Readiness.MIGRATIONS, schema.migrationsApplied(), schema.detail())));
    }

    /**
     * Not ready, the store silent or failing. A failure's own words go to the check's cause alone: a driver's
     * message names the database's host and port ("Connection refused: db.internal/10.0.0.5:5432"), and until
     * 2026-12-07 it was the detail that {@code /readyz} shows to anyone who can reach it.
     */
    private Readiness silent(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Check store = cause instanceof TimeoutException
                ? new Check(Readiness.STORE, false, "no answer within " + timeout.toMillis() + " ms")
                : new Check(Readiness.STORE, false, FAILED, Optional.of(
                        cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName()));
        return new Readiness(List.of(store, new Check(Readiness.MIGRATIONS, false, "unknown: the store did not answer")));
    }
}
