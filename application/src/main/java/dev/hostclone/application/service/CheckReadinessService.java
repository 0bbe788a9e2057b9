package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CheckReadinessUseCase;
import dev.hostclone.application.port.in.Readiness;
import dev.hostclone.application.port.in.Readiness.Check;
import dev.hostclone.application.port.out.SchemaStatus;
import dev.hostclone.application.port.out.StoreReadinessPort;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready when the store answers within the timeout and reports its migrations applied. A store that
 * fails or stays silent is "not ready", never an error: a probe must get an answer, and in time.
 */
public final class CheckReadinessService implements CheckReadinessUseCase {

    private final StoreReadinessPort store;
    private final Duration timeout;

    public CheckReadinessService(StoreReadinessPort store, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public CompletionStage<Readiness> checkReadiness() {
        CompletableFuture<SchemaStatus> answer;
        try {
            // a copy: the timeout below must not complete the store's own future
            answer = store.checkStoreReadiness().toCompletableFuture().copy();
        } catch (RuntimeException thrown) {
            answer = CompletableFuture.failedFuture(thrown);
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((schema, failure) -> failure == null ? answered(schema) : silent(failure));
    }

    private static Readiness answered(SchemaStatus schema) {
        return new Readiness(List.of(new Check(Readiness.STORE, true, "answered"),
                new Check(Readiness.MIGRATIONS, schema.migrationsApplied(), schema.detail())));
    }

    private Readiness silent(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String why = cause instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new Readiness(List.of(new Check(Readiness.STORE, false, why),
                new Check(Readiness.MIGRATIONS, false, "unknown: the store did not answer")));
    }
}
