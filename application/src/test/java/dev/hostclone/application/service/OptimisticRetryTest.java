package dev.hostclone.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
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
    private final List<ReportStaleWritePort.Writer> staleWrites = new CopyOnWriteArrayList<>();
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

        String written = OptimisticRetry.untilWritten(clock, staleWrites::add, ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY,
                number -> {
                    attemptThreads.add(Thread.currentThread().getName());
                    return CompletableFuture.completedStage(number < 8 ? Optional.empty() : Optional.of("written"));
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(written).isEqualTo("written");
        assertThat(waits).hasSize(7);
        for (int stale = 1; stale <= waits.size(); stale++) {
            assertThat(waits.get(stale - 1)).as("the wait after stale answer %d", stale)
                    .isBetween(Duration.ZERO, Duration.ofMillis(Math.min(1L << stale, OptimisticRetry.MAX_BACKOFF_MILLIS)));
        }
        assertThat(waits).as("the backoff's draws, not all zero (a chance under 10^-8 that they are)")
                .anyMatch(wait -> !wait.isZero());
        assertThat(attemptThreads).hasSize(8);
        assertThat(attemptThreads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(attemptThreads.subList(1, 8)).containsOnly(CLOCK_THREAD);
    }

    @Test
    void givenStaleAnswersThenAWrite_whenRetrying_thenEachStaleAnswerIsReportedAsTheWritersOnce() throws Exception {
        OptimisticRetry.untilWritten(clock, staleWrites::add, ReportStaleWritePort.Writer.BATCH_UPDATE_HOST,
                number -> CompletableFuture.completedStage(number < 4 ? Optional.empty() : Optional.of("written")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.BATCH_UPDATE_HOST,
                ReportStaleWritePort.Writer.BATCH_UPDATE_HOST, ReportStaleWritePort.Writer.BATCH_UPDATE_HOST);
    }

    @Test
    void givenAFirstWrite_whenRetrying_thenNothingIsReported() throws Exception {
        OptimisticRetry.untilWritten(clock, staleWrites::add, ReportStaleWritePort.Writer.BATCH_UPDATE_HOST,
                number -> CompletableFuture.completedStage(Optional.of("written"))).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(staleWrites).isEmpty();
    }

    /** The last stale answer is not planned again: the write gives up, as WriteConflict says. */
    @Test
    void givenOnlyStaleAnswers_whenRetrying_thenAllButTheLastAreReported() {
        Throwable gaveUp = catchThrowable(() -> OptimisticRetry.untilWritten(clock, staleWrites::add,
                ReportStaleWritePort.Writer.ADD_HOST_TO_BUSINESS_IDLE,
                number -> CompletableFuture.<Optional<String>>completedStage(Optional.empty()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(gaveUp).hasCauseInstanceOf(RejectedException.class);
        assertThat(((RejectedException) gaveUp.getCause()).failure())
                .isEqualTo(new Failure.WriteConflict(OptimisticRetry.MAX_ATTEMPTS));
        assertThat(staleWrites).hasSize(OptimisticRetry.MAX_ATTEMPTS - 1)
                .containsOnly(ReportStaleWritePort.Writer.ADD_HOST_TO_BUSINESS_IDLE);
    }

    /**
     * Each wait within its ceiling, and the waits spread over it: of 200 draws, the longest reaches half the ceiling
     * (a chance of at most 3^-200 of failing by luck; until 2026-12-07 a backoff of zero passed).
     */
    @Test
    void givenStaleAnswers_whenBackingOff_thenEachWaitIsWithinTwiceThePreviousCeilingCappedAt64Milliseconds() {
        for (int staleAnswers = 1; staleAnswers <= OptimisticRetry.MAX_ATTEMPTS; staleAnswers++) {
            long ceiling = Math.min(1L << staleAnswers, OptimisticRetry.MAX_BACKOFF_MILLIS);
            long longest = 0;
            for (int draw = 0; draw < 200; draw++) {
                long wait = OptimisticRetry.backoff(staleAnswers).toMillis();
                assertThat(wait).isBetween(0L, ceiling);
                longest = Math.max(longest, wait);
            }
            assertThat(longest).as("the longest of 200 waits after %d stale answers", staleAnswers)
                    .isGreaterThanOrEqualTo(ceiling / 2);
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
