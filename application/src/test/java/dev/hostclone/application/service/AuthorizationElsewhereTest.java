package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application's port asked elsewhere: the use case goes on on the executor it was asked on, whichever thread of
 * the application's completes the port's stage, and a port that does not answer within its bound leaves the use case
 * undecided, its late answer ignored.
 */
class AuthorizationElsewhereTest {

    /** Far beyond what any of these takes: only a stage never completed reaches it. */
    private static final long HANG_SECONDS = 60;
    private static final List<Permission> CREATE_BUSINESS =
            List.of(Permission.onPlatform(Action.CREATE_BUSINESS, Resource.BUSINESS));

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService asking = Executors.newCachedThreadPool(
            task -> new Thread(task, "asking-" + threads.incrementAndGet()));

    @AfterEach
    void stopAsking() {
        asking.shutdownNow();
    }

    /** Run on the thread that completed the port's stage, the use case would hold the application's IAM client. */
    @Test
    void givenAPortAnsweringOnAThreadOfItsOwn_whenRequiring_thenTheUseCaseGoesOnOnTheAskingExecutor() throws Exception {
        CompletableFuture<List<Permission>> iam = new CompletableFuture<>();
        CountDownLatch asked = new CountDownLatch(1);
        Authorization authorization = Authorization.elsewhere((actor, required) -> {
            asked.countDown();
            return iam;
        }, asking, Duration.ofSeconds(60));

        CompletableFuture<String> goesOnOn = authorization.require(ALICE, CREATE_BUSINESS)
                .thenApply(granted -> Thread.currentThread().getName()).toCompletableFuture();
        // its stage completed only once the port has returned it, so that the answer comes from that thread
        assertThat(asked.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        Thread iamsClient = new Thread(() -> iam.complete(List.of()), "the-iams-client");
        iamsClient.start();
        iamsClient.join();

        assertThat(goesOnOn.get(HANG_SECONDS, TimeUnit.SECONDS)).startsWith("asking-");
    }

    @Test
    void givenAPortAnsweringAfterItsBound_whenRequiring_thenUndecidedNamingTheBoundAndTheLateAnswerIgnored() {
        CompletableFuture<List<Permission>> iam = new CompletableFuture<>();
        AtomicInteger handedOver = new AtomicInteger();
        Executor counted = task -> {
            handedOver.incrementAndGet();
            asking.execute(task);
        };
        Authorization authorization = Authorization.elsewhere((actor, required) -> iam, counted, Duration.ofMillis(50));

        CompletionStage<Void> answer = authorization.require(ALICE, CREATE_BUSINESS);
        Throwable failure = catchThrowable(() -> answer.toCompletableFuture().get(HANG_SECONDS, TimeUnit.SECONDS));
        int beforeTheLateAnswer = handedOver.get();
        iam.complete(List.of());

        assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                .isExactlyInstanceOf(AuthorizationUndecidedException.class)
                .hasMessage("the authorizer (AuthorizePort) did not answer within 50 ms for create_business");
        assertThat(handedOver.get()).as("the late answer, from a thread not the asker's, handed nothing over")
                .isEqualTo(beforeTheLateAnswer);
    }
}
