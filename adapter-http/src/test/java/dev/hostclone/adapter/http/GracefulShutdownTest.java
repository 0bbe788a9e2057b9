package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.domain.host.HostId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that closes (SIGTERM, a rolling restart) takes no new connection and closes the idle ones at
 * once, but answers the requests in flight before it closes their connections, within the shutdown
 * grace: a caller whose write was under way learns how it ended instead of losing the connection. A
 * request still in flight when the grace ends has its connection closed. The bounds asserted are
 * generous: what happens, not how fast.
 */
class GracefulShutdownTest {

    private static final CloneOutcome CLONED = new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(), 7);
    private static final Duration BOUND = Duration.ofSeconds(10);

    private FakeBackedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenARequestInFlight_whenTheServerCloses_thenItIsAnsweredAndItsConnectionClosed_andNoNewConnectionIsTaken()
            throws Exception {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withShutdownGraceSeconds(30));
        server.cloneHostProperty.succeedOnRelease(CLONED);
        try (RawConnection busy = RawConnection.open(server); RawConnection idle = RawConnection.open(server)) {
            busy.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            awaitUseCaseCalls(server, 1);

            CompletableFuture<Void> closing = server.server().close().toCompletionStage().toCompletableFuture();

            assertThat(idle.readUntilClosed()).as("the idle connection, closed without a word").isEmpty();
            assertThat(RawConnection.refusedWithin(server.port(), BOUND)).as("the port while a request is in flight").isTrue();
            server.cloneHostProperty.release();
            ApiResponse answer = busy.readResponse();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.result()).isTrue();
            assertThat(answer.code()).isZero();
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(busy.readUntilClosed()).as("after the answer").isEmpty();
            closing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "grace {0} s")
    @ValueSource(ints = {0, 1})
    void givenARequestStillInFlightWhenTheGraceEnds_whenTheServerCloses_thenItsConnectionIsClosedUnanswered(int graceSeconds)
            throws Exception {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withShutdownGraceSeconds(graceSeconds));
        server.cloneHostProperty.neverAnswer();
        try (RawConnection busy = RawConnection.open(server)) {
            busy.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            awaitUseCaseCalls(server, 1);

            CompletableFuture<Void> closing = server.server().close().toCompletionStage().toCompletableFuture();

            assertThat(busy.readUntilClosed()).as("no answer").isEmpty();
            closing.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void givenTwoServersOfOneApi_whenOneCloses_thenOnlyItsAnswersSayConnectionClose() throws Exception {
        server = FakeBackedServer.start();
        HttpApi api = server.api(HttpSettings.of("127.0.0.1", 0));
        RunningHttpServer closing = api.start().toCompletionStage().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        RunningHttpServer staying = api.start().toCompletionStage().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        server.cloneHostProperty.succeedOnRelease(CLONED);
        try (RawConnection onClosing = RawConnection.open(closing.port());
             RawConnection onStaying = RawConnection.open(staying.port())) {
            onClosing.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            onStaying.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            awaitUseCaseCalls(server, 2);

            CompletableFuture<Void> closed = closing.close().toCompletionStage().toCompletableFuture();
            assertThat(RawConnection.refusedWithin(closing.port(), BOUND)).isTrue();
            server.cloneHostProperty.release();

            assertThat(onClosing.readResponse().header("Connection")).isEqualTo("close");
            assertThat(onStaying.readResponse().header("Connection")).as("the server still running").isNull();
            closed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            staying.close().toCompletionStage().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void givenAServerClosedTwice_whenClosing_thenTheSecondCloseCompletesAsTheFirst() throws Exception {
        server = FakeBackedServer.start();

        server.server().close().toCompletionStage().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertThat(server.server().close().succeeded()).isTrue();
    }

    @Test
    void givenANegativeGrace_whenSettingsBuilt_thenRefused() {
        assertThat(HttpSettings.of("127.0.0.1", 0).shutdownGraceSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> HttpSettings.of("127.0.0.1", 0).withShutdownGraceSeconds(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shutdownGraceSeconds must not be negative: -1");
    }

    private static void awaitUseCaseCalls(FakeBackedServer server, int count) {
        await("the use case called " + count + " times").atMost(BOUND).pollInterval(Duration.ofMillis(10))
                .until(() -> server.cloneHostProperty.calls().size() >= count);
    }
}
