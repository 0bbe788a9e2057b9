package dev.hostclone.adapter.persistence;

import dev.hostclone.application.port.in.AppAuthentication;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the stores check an app's secret against its stored hash ({@link SecretHashing}). A secret
 * proven before is checked at once, on the caller's thread: one SHA-256. Any other takes the slow
 * hash, about 20 ms of a core, which anyone may ask for by sending a wrong secret. So it runs on
 * threads of its own, never on an event loop: at most {@code threads} at once and {@code waiting}
 * more queued, and beyond that the answer is {@link AppAuthentication#BUSY} at once, so that guesses
 * cannot take the machine from the requests it serves. Checks of the same secret against the same
 * hash share the one running: a client's first burst after a start costs one slow hash, not one per
 * request.
 */
public final class SecretChecks {

    /** Half the cores: the other half keeps serving while guesses are hashed. */
    private static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** About 0.15 s of slow hashes per thread (18 ms each on a two-core machine): the longest wait in the queue. */
    private static final int DEFAULT_WAITING_PER_THREAD = 8;
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final AtomicInteger THREADS_MADE = new AtomicInteger();

    private final SecretHashing hashing = new SecretHashing();
    private final ThreadPoolExecutor slowHashes;
    private final Map<Check, CompletableFuture<AppAuthentication>> running = new ConcurrentHashMap<>();

    public SecretChecks() {
        this(DEFAULT_THREADS, DEFAULT_THREADS * DEFAULT_WAITING_PER_THREAD);
    }

    SecretChecks(int threads, int waiting) {
        slowHashes = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(waiting), SecretChecks::daemon);
        slowHashes.allowCoreThreadTimeOut(true);
    }

    /** ACCEPTED or WRONG_SECRET for {@code secret} against {@code stored}; BUSY when too many slow checks are pending. */
    public CompletionStage<AppAuthentication> check(String secret, String stored) {
        if (hashing.provenBefore(secret, stored)) {
            return CompletableFuture.completedStage(AppAuthentication.ACCEPTED);
        }
        Check check = new Check(stored, ByteBuffer.wrap(SecretHashing.sha256(stored, secret)));
        CompletableFuture<AppAuthentication> answer = new CompletableFuture<>();
        CompletableFuture<AppAuthentication> shared = running.putIfAbsent(check, answer);
        if (shared != null) {
            return shared;
        }
        try {
            slowHashes.execute(() -> {
                try {
                    answer.complete(hashing.matches(secret, stored) ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET);
                } catch (RuntimeException unreadable) {
                    answer.completeExceptionally(unreadable);
                } finally {
                    running.remove(check, answer);
                }
            });
        } catch (RejectedExecutionException full) {
            running.remove(check, answer);
            answer.complete(AppAuthentication.BUSY);
        }
        return answer;
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "hostclone-secret-check-" + THREADS_MADE.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** A check in progress: a hash and the digest of the secret checked against it, never the secret. */
    private record Check(String stored, ByteBuffer digest) {
    }
}
