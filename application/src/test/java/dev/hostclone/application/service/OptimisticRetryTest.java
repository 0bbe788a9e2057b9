package dev.hostclone.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OptimisticRetryTest {

    @Test
    void givenStaleAnswers_whenRetrying_thenAttemptsRunOnTheCallersThreadOrTheOneDelaySchedulerThread() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();

        String written = OptimisticRetry.untilWritten(number -> {
            threads.add(Thread.currentThread());
            return CompletableFuture.completedStage(number < 8 ? Optional.empty() : Optional.of("written"));
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(written).isEqualTo("written");
        assertThat(threads).hasSize(8);
        // a retry resumes where its backoff ends, or on the thread that found it already over
        assertThat(threads.stream().distinct()).as("not a thread per retry")
                .allMatch(thread -> thread == Thread.currentThread() || thread.getName().equals("CompletableFutureDelayScheduler"));
    }
}
