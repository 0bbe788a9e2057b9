package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.fail;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a store's answers in tests: its value, its failure, or its business rejection. */
public final class Stages {

    private Stages() {
    }

    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the store failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("the store did not answer in time", e);
        }
    }

    /** The failure a stage ended with, or null when it succeeded. */
    public static Throwable outcome(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("the store did not answer in time", e);
        }
    }

    /** The business rejection a stage ended with; fails the test when it ended otherwise. */
    public static Failure rejection(CompletionStage<?> stage) {
        Throwable failure = outcome(stage);
        if (!(failure instanceof RejectedException rejected)) {
            return fail("expected a business rejection, got " + failure, failure);
        }
        return rejected.failure();
    }
}
