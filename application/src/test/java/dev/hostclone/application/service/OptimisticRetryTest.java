package dev.hostclone.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.ClockPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OptimisticRetryTest {

    private static final String CLOCK_THREAD = "test-clock";

    /** Ends every wait on a thread of its own, as an event loop's timer would end it on that loop. */
    private final ExecutorService clockThread = Executors.newSingleThreadExecutor(work -> new Thread(work, CLOCK_THREAD));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ClockPort clock = new ClockPort() {
        @Override
        public Instant now() {
            return Instant.EPOCH;
        }

        @Override
        public CompletionStage<Void> after(Duration delay) {
            waits.add(delay);
            CompletableFuture<Void> waited = new CompletableFuture<>();
            // ends once the retry has chained its next attempt on, as a timer firing later would (or
            // when the test ends, so that a retry that never chains fails the test instead of spinning)
            clockThread.execute(() -> {
                while (waited.getNumberOfDependents() == 0 && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                waited.complete(null);
            });
            return waited;
        }
    };

    @AfterEach
    void stopClock() {
        clockThread.shutdownNow();
    }

    @Test
    void givenStaleAnswers_whenRetrying_thenEachLaterAttemptStartsWhereTheClocksWaitEnded() throws Exception {
        List<String> attemptThreads = new CopyOnWriteArrayList<>();

        String written = OptimisticRetry.untilWritten(clock, number -> {
            attemptThreads.add(Thread.currentThread().getName());
            return CompletableFuture.completedStage(number < 8 ? Optional.empty() : Optional.of("written"));
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(written).isEqualTo("written");
        assertThat(waits).hasSize(7);
        assertThat(attemptThreads).hasSize(8);
        assertThat(attemptThreads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(attemptThreads.subList(1, 8)).containsOnly(CLOCK_THREAD);
    }

    @Test
    void givenStaleAnswers_whenBackingOff_thenEachWaitIsWithinTwiceThePreviousCeilingCappedAt64Milliseconds() {
        for (int staleAnswers = 1; staleAnswers <= OptimisticRetry.MAX_ATTEMPTS; staleAnswers++) {
            long ceiling = Math.min(1L << staleAnswers, OptimisticRetry.MAX_BACKOFF_MILLIS);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(OptimisticRetry.backoff(staleAnswers).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void givenTheDefaultClock_whenWaiting_thenItEndsAfterTheDelayOnTheJdksDelaySchedulerThread() throws Exception {
        ClockPort defaultClock = () -> Instant.EPOCH;
        long started = System.nanoTime();

        String thread = defaultClock.after(Duration.ofMillis(200))
                .thenApply(waited -> Thread.currentThread().getName())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(thread).as("not a thread per retry").isEqualTo("CompletableFutureDelayScheduler");
    }
}
