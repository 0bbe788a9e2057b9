package dev.hostclone.bootstrap;

import dev.hostclone.application.port.in.StoreUnavailableException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How {@link HostClone} calls every use case it hands out: refused once it is closed, a failure thrown on the
 * caller's thread turned into the stage's, and the stage completed on the completion executor, never on
 * HostClone's event loops. A callback that blocks there (a {@code join()} on a nested call, {@code close()})
 * held the very loop that was to answer it, and on PostgreSQL neither the answer nor its timeout ever came. The
 * application's authorizer is asked on the same executor ({@link #executor()}), for the same reason.
 */
final class FacadeCalls {

    /** Idle threads of the default executor end after this: a HostClone left unused holds none. */
    private static final long IDLE_SECONDS = 10;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Executor completions;
    /** The default executor, this HostClone's to shut down; null when the application gave its own. */
    private final ExecutorService owned;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The answers handed out whose use case's stage has not completed, for {@link #failPending()}. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    /** Completing on {@code completions}, or on a pool of its own when it is null. */
    FacadeCalls(Executor completions) {
        this.owned = completions == null ? ownPool() : null;
        this.completions = completions == null ? owned : completions;
    }

    /**
     * A thread for each completion at once, idle ones kept {@value #IDLE_SECONDS} s: a callback that blocks holds
     * its thread, never the next completion's, which a fixed pool (or the common pool, of one thread on two
     * cores) would queue behind it, the nested call it waits for among them.
     */
    private static ExecutorService ownPool() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "hostclone-completion-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons);
    }

    /**
     * {@code useCase}'s stage, completed on the completion executor; failed with a {@link StoreUnavailableException}
     * once closed, and with what {@code useCase} throws (a null parameter named) rather than throwing it.
     */
    <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> useCase) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        // before the look at closed: a close() that looked at the pending answers before this one came is seen here
        pending.add(answer);
        if (closed.get()) {
            pending.remove(answer);
            answer.completeExceptionally(new StoreUnavailableException("the HostClone is closed", null));
            return answer;
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(useCase.get(), "the use case's stage");
        } catch (RuntimeException thrown) {
            pending.remove(answer);
            answer.completeExceptionally(thrown);
            return answer;
        }
        stage.whenComplete((value, failure) -> {
            // whichever takes it out first, this or failPending(), completes the answer: a write that committed as
            // close() ran is answered as committed
            if (!pending.remove(answer)) {
                return;
            }
            handOver(() -> {
                if (failure == null) {
                    answer.complete(value);
                } else {
                    answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            });
        });
        return answer;
    }

    /**
     * {@code completion} on the executor; one it refuses (the default one shut down by close(), the application's
     * at its will, by {@code RejectedExecutionException} or any other exception) on a thread of its own, still not on
     * the event loop that called here. Until 2026-12-06 an executor that threw another exception left the answer
     * never completed: the stage's {@code whenComplete} that calls this drops what it throws.
     */
    private void handOver(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RuntimeException refused) {
            Thread thread = new Thread(completion, "hostclone-completion-refused");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * The completion executor as the application's authorizer is asked on: never refusing, a task it would refuse
     * run on a thread of its own, as a completion is.
     */
    Executor executor() {
        return this::handOver;
    }

    /** Whether {@code argument} is given: a use case's parameter named, in its stage, when it is null. */
    static <T> T required(T argument, String name) {
        return Objects.requireNonNull(argument, name);
    }

    /** Refuses every later call; true the first time only, so that close() closes once. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Fails, on the completion executor, each answer still pending once the HostClone's store and Vert.x instance are
     * closed. A call whose next step waited on that Vert.x instance (a retry's backoff, a secret's check handed back
     * to an event loop) would otherwise never complete: a closed Vert.x drops its timers and refuses its tasks. Until
     * 2026-12-06 such a call's join() waited for good.
     */
    void failPending() {
        for (CompletableFuture<?> answer : pending) {
            if (pending.remove(answer)) {
                // a write among them may have committed before its answer was lost
                handOver(() -> answer.completeExceptionally(StoreUnavailableException.outcomeUnknown(
                        "the HostClone was closed while the call was under way", null)));
            }
        }
    }

    /**
     * Lets the default executor's threads end once their completions run, without waiting for them: close() may be
     * running on one of them.
     */
    void shutdown() {
        if (owned != null) {
            owned.shutdown();
        }
    }
}
