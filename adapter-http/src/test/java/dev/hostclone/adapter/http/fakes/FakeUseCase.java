package dev.hostclone.adapter.http.fakes;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A hand-written in-port fake: records each call (actor and input) and answers with a canned outcome or failure. */
public abstract class FakeUseCase<I, R> {

    /** One call as the use case received it. */
    public record Call<I>(Actor actor, I input) {}

    private final List<Call<I>> calls = new CopyOnWriteArrayList<>();
    private final Supplier<CompletionStage<R>> defaultAnswer;
    private volatile Supplier<CompletionStage<R>> answer;
    private volatile CompletableFuture<Void> released = CompletableFuture.completedFuture(null);

    protected FakeUseCase(R defaultResult) {
        this.defaultAnswer = () -> CompletableFuture.completedFuture(defaultResult);
        this.answer = defaultAnswer;
    }

    protected final CompletionStage<R> record(Actor actor, I input) {
        calls.add(new Call<>(actor, input));
        return answer.get();
    }

    public void succeedWith(R result) {
        answer = () -> CompletableFuture.completedFuture(result);
    }

    /** Completes later, on a thread that is not the event loop. */
    public void succeedLaterWith(R result) {
        succeedAfter(Duration.ofMillis(20), result);
    }

    /** Completes {@code delay} after the call, on a thread that is not the event loop. */
    public void succeedAfter(Duration delay, R result) {
        answer = () -> CompletableFuture.supplyAsync(() -> result,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Completes with {@code result} once {@link #release()} is called, on a thread that is not the event
     * loop: a use case at work for exactly as long as the test wants.
     */
    public void succeedOnRelease(R result) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        released = gate;
        answer = () -> gate.thenApplyAsync(ignored -> result);
    }

    /** Lets the calls waiting in {@link #succeedOnRelease} answer, and those to come answer at once. */
    public void release() {
        released.complete(null);
    }

    /** Never completes: a use case still at work however long the caller waits. */
    public void neverAnswer() {
        answer = CompletableFuture::new;
    }

    /** Fails the stage the way a service does: a dependent stage, so the refusal arrives wrapped in a CompletionException. */
    public void rejectWith(Failure failure) {
        answer = () -> CompletableFuture.completedFuture((R) null).thenApply(nothing -> {
            throw RejectedException.because(failure);
        });
    }

    /** Fails the stage with this (technical) exception. */
    public void failWith(Throwable error) {
        answer = () -> CompletableFuture.failedFuture(error);
    }

    /** Throws instead of returning a stage. */
    public void throwWhenCalled(RuntimeException error) {
        answer = () -> {
            throw error;
        };
    }

    public List<Call<I>> calls() {
        return List.copyOf(calls);
    }

    /** The one call received; fails when there were none or several. */
    public Call<I> onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected exactly one call, got " + calls.size() + ": " + calls);
        }
        return calls.get(0);
    }

    public void reset() {
        calls.clear();
        answer = defaultAnswer;
    }
}
