package dev.hostclone.bootstrap.store;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells when the embedded PostgreSQL's server ends while HostClone runs on it. Nothing else would start
 * it again: without this, every request answered 1199017, "the database is unavailable, retry later",
 * and {@code /healthz} UP, for as long as the process lived. Checked every second by the process
 * ({@link Postmaster#ended}), not by its port, so that a server busy or recovering is not taken for
 * one gone.
 */
final class PostmasterWatch implements AutoCloseable {

    private static final long CHECK_EVERY_MILLISECONDS = 1000;

    private final ScheduledExecutorService checks;
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private PostmasterWatch(ScheduledExecutorService checks) {
        this.checks = checks;
    }

    /** Watches {@code postmaster}, the server on {@code dataDirectory}, until closed. */
    static PostmasterWatch over(ProcessHandle postmaster, Path dataDirectory) {
        PostmasterWatch watch = new PostmasterWatch(Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hostclone-postmaster-watch");
            thread.setDaemon(true);
            return thread;
        }));
        watch.checks.scheduleWithFixedDelay(() -> {
            if (Postmaster.ended(postmaster)) {
                watch.ended.complete("the embedded PostgreSQL (pid " + postmaster.pid() + ") on " + dataDirectory
                        + " has ended while the server ran on it (its own log, in " + dataDirectory.resolve("log")
                        + ", says why)");
                watch.checks.shutdown();
            }
        }, CHECK_EVERY_MILLISECONDS, CHECK_EVERY_MILLISECONDS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Completes, saying what happened, when the server has ended; never once the watch is closed first. */
    CompletionStage<String> ended() {
        return ended.minimalCompletionStage();
    }

    /** Stops watching, before the server is stopped on purpose. */
    @Override
    public void close() {
        checks.shutdownNow();
        try {
            checks.awaitTermination(CHECK_EVERY_MILLISECONDS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
